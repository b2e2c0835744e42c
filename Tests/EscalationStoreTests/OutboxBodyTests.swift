import EscalationStore
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// Outbox mail is kept compressed (`OutboxBody`, v15) and sent byte for byte as it was
/// rendered; a body that cannot be read back names why instead of sending something else.
@Suite struct OutboxBodyTests {
    @Test func mailIsStoredCompressedAndSentAsRendered() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let raw = try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml")
        #expect(try gateway.process(InboundMail(raw: raw, mailbox: "t", position: "1")).outcome == .applied)

        let database = try DatabaseQueue(path: gateway.config.databasePath)
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT outbox_id, raw, encoding FROM outbox_body ORDER BY outbox_id")
        }
        try database.close()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["encoding"] == "zstd" })

        let queued = try gateway.outbox()
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == rows.count)
        for row in rows {
            let stored: Data = row["raw"]
            let message = try #require(queued.first { $0.id == row["outbox_id"] })
            #expect(stored.count * 2 < message.raw.count, "a rendered mail compresses to less than half")
            let sent = try #require(try workspace.outboxFiles().first { try Data(contentsOf: $0).range(of: Data(message.raw)) != nil })
            #expect(try Data(contentsOf: sent).suffix(message.raw.count) == Data(message.raw))
        }
    }

    @Test func aRenderedMailRoundTrips() throws {
        let mail = Array("Subject: x\r\n\r\n".utf8) + Array(repeating: Array("<td style=3D\"padding:6px\">".utf8), count: 200).joined()
        let body = OutboxBody(compressing: mail)
        #expect(body.encoding == .zstd)
        #expect(try body.raw() == mail)
        #expect(body.stored.count < mail.count / 10)
    }

    @Test func aBodyThatCannotBeReadBackFailsWithItsReason() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        #expect(
            try gateway.process(
                InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1")
            ).outcome == .applied)
        let database = try DatabaseQueue(path: gateway.config.databasePath)
        try database.write { db in
            try db.execute(sql: "UPDATE outbox_body SET raw = X'28B52FFD00' WHERE outbox_id = (SELECT MIN(outbox_id) FROM outbox_body)")
        }
        try database.close()
        #expect {
            _ = try gateway.outbox()
        } throws: { error in
            "\(error)".contains("do not decompress")
        }
    }
}
