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
    @Test(.sqliteFileOnly) func mailIsStoredCompressedAndSentAsRendered() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let raw = try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml")
        #expect(try gateway.process(InboundMail(raw: raw, mailbox: "t", position: "1")).outcome == .applied)

        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
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

    /// A damaged body (here a zstd frame cut short) is given up with its reason, and the
    /// outbox's other mail is still sent: one row never blocks the rest.
    @Test(.sqliteFileOnly) func aBodyThatCannotBeReadBackIsGivenUpWithItsReasonAndTheRestIsSent() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        #expect(
            try gateway.process(
                InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1")
            ).outcome == .applied)
        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
        let damaged = try database.write { db in
            let id = try #require(try Int.fetchOne(db, sql: "SELECT MIN(outbox_id) FROM outbox_body"))
            try db.execute(sql: "UPDATE outbox_body SET raw = X'28B52FFD00' WHERE outbox_id = ?", arguments: [id])
            return id
        }
        try database.close()
        let queued = try gateway.outbox()
        #expect(queued.count >= 2, "the approval request and the requester's receipt at least")
        let listed = try #require(queued.first { $0.id == damaged })
        #expect(listed.raw.isEmpty && listed.unreadable?.contains("do not decompress") == true)

        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == queued.count - 1)
        #expect(try workspace.outboxFiles().count == queued.count - 1)
        let givenUp = try #require(try gateway.outbox().first { $0.id == damaged })
        #expect(givenUp.state == .failed)
        #expect(givenUp.lastError?.contains("cannot be read back") == true && givenUp.lastError?.contains("do not decompress") == true)
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == 1, "the case owner told on the thread")
        let told = try gateway.outbox().filter { $0.kind == "delivery-failed" }
        let notice = try #require(told.first)
        #expect(told.count == 1 && notice.state == .sent && notice.recipients != listed.recipients)
        #expect(String(decoding: notice.raw, as: UTF8.self).contains(listed.recipients[0]), "the notice names who did not get the mail")
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == 0, "nothing left, and no error")
    }
}
