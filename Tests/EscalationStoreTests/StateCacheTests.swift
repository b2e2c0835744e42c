import EscalationStore
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// The gateway keeps recently decided cases in memory; what it remembers never outlives what
/// the database holds: another process's decisions are seen, a failed write leaves nothing behind.
@Suite(.sqliteFileOnly) struct StateCacheTests {
    private static let request = "01-case-escalation-approved/01-jane-escalates.eml"

    /// Jane's request again under another Message-ID, as a customer who escalates twice.
    private func janeAgain(_ workspace: TestWorkspace) throws -> InboundMail {
        let text = String(decoding: try workspace.sample(Self.request), as: UTF8.self)
            .replacingOccurrences(of: "<jane-001@acme.example>", with: "<jane-002@acme.example>")
        return InboundMail(raw: Array(text.utf8), mailbox: "t", position: "9")
    }

    @Test func aDecisionTakenByAnotherProcessIsSeen() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let daemon = try workspace.gateway()
        let request = try daemon.process(InboundMail(raw: try workspace.sample(Self.request), mailbox: "t", position: "1"))
        #expect(request.outcome == .applied && request.escalation == nil)

        let reply = try approvalReply(daemon, workspace)
        let approval = try workspace.gateway().process(InboundMail(raw: reply, mailbox: "t", position: "2"))
        #expect(approval.outcome == .applied && approval.escalation == "ESC0001001")

        let repeated = try daemon.process(try janeAgain(workspace))
        #expect(repeated.outcome == .refused)
        #expect(repeated.escalation == "ESC0001001", "the daemon answered from the state it had before the approval")
    }

    @Test func aDecisionWhoseWriteFailedIsForgotten() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        _ = try gateway.process(InboundMail(raw: try workspace.sample(Self.request), mailbox: "t", position: "1"))
        let approval = InboundMail(raw: try approvalReply(gateway, workspace), mailbox: "t", position: "2")

        // The approval's receipt cannot be written: its savepoint rolls back after the request
        // was saved as approved and the escalation created. Jane's next mail, in the same batch,
        // must find the request still pending and no escalation.
        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse_receipt BEFORE INSERT ON receipt WHEN NEW.message_id = 'dana-1@support.example'
                    BEGIN SELECT RAISE(ABORT, 'disk trouble'); END
                    """)
        }
        try database.close()
        let results = try gateway.processBatch([approval, try janeAgain(workspace)])
        #expect(throws: (any Error).self) { try results[0].get() }
        let repeated = try results[1].get()
        #expect(repeated.outcome == .refused)
        #expect(repeated.escalation == nil, "answered from a decision whose write had failed")
        guard case .subject(let report) = try #require(try gateway.showReport("CS0001234")) else {
            Issue.record("CS0001234 shows no case")
            return
        }
        #expect(report.requests.map(\.state) == ["pending"])
        let outbox = try gateway.store.read { try $0.outbox() }
        #expect(outbox.allSatisfy { !$0.raw.isEmpty && !$0.subject.isEmpty }, "every queued answer has its rendered mail")
        let orphans = try DatabaseQueue(path: gateway.config.sqlitePath!).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox_body WHERE outbox_id NOT IN (SELECT id FROM outbox)") ?? -1
        }
        #expect(orphans == 0, "a rendering of the rolled-back approval's mail was kept")
    }

    /// Jane escalates twice; between the two, another process suppresses her address (or not).
    private func janeEscalatesTwice(suppressedBetween: Bool) throws -> MailOutcome {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let daemon = try workspace.gateway()
        let request = try daemon.process(InboundMail(raw: try workspace.sample(Self.request), mailbox: "t", position: "1"))
        #expect(request.sent.contains { $0.to.contains("jane@acme.example") }, "Jane's request is answered")
        if suppressedBetween {
            let database = try DatabaseQueue(path: daemon.config.sqlitePath!)
            try database.write { db in
                try db.execute(sql: "INSERT INTO suppression(address, reason, at) VALUES ('jane@acme.example', 'bounced', 0)")
            }
            try database.close()
        }
        return try daemon.process(try janeAgain(workspace))
    }

    @Test func anAddressSuppressedByAnotherProcessGetsNoMoreMail() throws {
        #expect(try janeEscalatesTwice(suppressedBetween: false).sent.contains { $0.to.contains("jane@acme.example") })
        #expect(
            try !janeEscalatesTwice(suppressedBetween: true).sent.contains { $0.to.contains("jane@acme.example") },
            "the daemon mailed an address suppressed meanwhile")
    }

    /// The duty manager's "Approved." in reply to the approval request the gateway sent.
    private func approvalReply(_ gateway: Gateway, _ workspace: TestWorkspace) throws -> [UInt8] {
        try gateway.dispatch(to: try gateway.config.makeSink())
        let approvalMail = try #require(
            try workspace.outboxFiles().first { url in
                try String(contentsOf: url, encoding: .utf8).hasPrefix("X-Envelope-To: duty-manager@support.example\r\n")
            })
        return try ReplyMail.reply(to: approvalMail, from: "duty-manager@support.example", body: "Approved.", id: "dana-1@support.example")
    }
}
