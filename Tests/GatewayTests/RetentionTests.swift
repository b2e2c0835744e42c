import EscalationStore
import EscalationValues
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import Testing

/// `[retention] raw_mail`: the raw mail of an escalation closed longer ago is purged, with a
/// clock moved past the limit; everything else stays.
@Suite(.sqliteFileOnly, .serialized) struct RetentionTests {
    /// A connection of the test's own that waits for the gateway's connections (a closing one
    /// checkpoints the WAL) rather than failing with "database is locked".
    static func database(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Raw bytes left per thread: inbound (receipts of the thread's Message-IDs) and outbound.
    static func rawLeft(_ path: String, source: String, until: Double? = nil) throws -> (received: Int, sent: Int) {
        let database = try Self.database(path)
        return try database.read { db in
            let time = until ?? Double.greatestFiniteMagnitude
            let received =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM receipt WHERE length(raw) > 0 AND received_at <= ?
                        AND message_id IN (SELECT message_id FROM thread_message WHERE source = ? AND outbound = 0)
                        """, arguments: [time, source]) ?? 0
            let sent =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id
                        WHERE o.source = ? AND o.created_at <= ? AND length(COALESCE(b.raw, o.raw)) > 0
                        """, arguments: [source, time]) ?? 0
            return (received, sent)
        }
    }

    static func counts(_ path: String) throws -> [Int] {
        try Self.database(path).read { db in
            try ["journal", "approval_decision", "work_note", "receipt", "outbox", "request", "escalation"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
            }
        }
    }

    @Test func rawMailOfEscalationsClosedLongerAgoIsPurged() throws {
        let workspace = try TestWorkspace(extraConfig: "[retention]\nraw_mail = \"180d\"\n")
        defer { workspace.remove() }
        let conversations = TestWorkspace.repository.appendingPathComponent("Samples/conversations").path
        #expect(
            try GatewayCLI.run([
                "demo", "--config", workspace.configURL.path, "--directory", workspace.directoryFile, "--conversations", conversations,
            ]).status == 0)
        let path = workspace.folder.appendingPathComponent("state/gateway.sqlite").path
        // CS0001234's escalation (01) was de-escalated in 05; Jane wrote again in 09, after it.
        let closed = try #require(
            try Self.database(path).read { db in
                try Double.fetchOne(db, sql: "SELECT deescalated_at FROM escalation WHERE source = 'CS0001234' AND deescalated_at IS NOT NULL")
            })
        let before = try Self.rawLeft(path, source: "CS0001234", until: closed)
        let after = (
            try Self.rawLeft(path, source: "CS0001234").received - before.received, try Self.rawLeft(path, source: "CS0001234").sent - before.sent
        )
        #expect(before.received >= 5 && before.sent >= 10, "the thread has mail up to the de-escalation")
        #expect(after.0 >= 2 && after.1 >= 1, "and mail after it (09)")
        let others = try ["CS0002001", "ACC0001001", "CS0001235"].map { try Self.rawLeft(path, source: $0) }
        let rows = try Self.counts(path)

        let day = 86_400.0
        let early = try workspace.gateway(clock: { Date(timeIntervalSince1970: closed + 179 * day) }).applyRetention()
        #expect(early == PurgedMail(threads: 0, received: 0, sent: 0), "179 days after: nothing")
        #expect(try Self.rawLeft(path, source: "CS0001234", until: closed) == before)

        let gateway = try workspace.gateway(clock: { Date(timeIntervalSince1970: closed + 181 * day) })
        let purged = try #require(try gateway.applyRetention())
        #expect(purged == PurgedMail(threads: 1, received: before.received, sent: before.sent))
        #expect(try Self.rawLeft(path, source: "CS0001234", until: closed) == (0, 0), "its mail up to the de-escalation is gone")
        let left = try Self.rawLeft(path, source: "CS0001234")
        #expect(left.received == after.0 && left.sent == after.1, "the mail after it stays")
        #expect(
            try ["CS0002001", "ACC0001001", "CS0001235"].map { try Self.rawLeft(path, source: $0) }.elementsEqual(others) { $0 == $1 },
            "other threads keep theirs")
        #expect(try Self.counts(path) == rows, "journal, decisions, work notes and every row stay")
        #expect(try gateway.applyRetention() == PurgedMail(threads: 0, received: 0, sent: 0), "a second pass has nothing more to look at")

        // The escalation page says the text is gone, and still lists the mail.
        let page = try #require(try gateway.store.read { try $0.dashboardEscalationPage(.init(unchecked: "ESC0001001")) })
        #expect(page.thread.filter { $0.raw.isEmpty }.count == before.received + before.sent)
        #expect(page.thread.contains { !$0.raw.isEmpty })

        let check = try GatewayCLI.run(["check-config", "--config", workspace.configURL.path])
        #expect(check.output.contains("retention: raw mail purged 180d after its escalation closed"), "\(check.output)")
    }

    @Test func retentionIsOffByDefault() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile]).status == 0)
        #expect(try workspace.gateway(clock: { Date().addingTimeInterval(10_000 * 86_400) }).applyRetention() == nil)
        let check = try GatewayCLI.run(["check-config", "--config", workspace.configURL.path])
        #expect(check.output.contains("retention: raw mail kept for ever"), "\(check.output)")
        let broken = try TestWorkspace(extraConfig: "[retention]\nraw_mail = \"soon\"\n")
        defer { broken.remove() }
        #expect(try GatewayCLI.run(["check-config", "--config", broken.configURL.path]).status == 78)
    }
}
