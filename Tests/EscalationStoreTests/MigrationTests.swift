import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// Users' data carries over to the relational schema: a database made by commit 4b01f2c (its
/// demo, then one more request left pending; Tests/Fixtures/db-4b01f2c/) shows the same and
/// accepts the approval its approver was mailed then. A failed migration leaves the file as it
/// was; a database from a newer build is refused; the journal cannot be changed.
@Suite struct MigrationTests {
    private struct NotACase: Error {}

    static let fixture = TestWorkspace.repository.appendingPathComponent("Tests/Fixtures/db-4b01f2c")

    /// A workspace holding a copy of the fixture database and its token secret.
    private func workspaceWithFixture() throws -> TestWorkspace {
        let workspace = try TestWorkspace()
        let state = workspace.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        for name in ["gateway.sqlite", "token.secret"] {
            try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent(name), to: state.appendingPathComponent(name))
        }
        return workspace
    }

    private func lines(_ name: String) throws -> [Substring] {
        try String(contentsOf: Self.fixture.appendingPathComponent(name), encoding: .utf8).split(separator: "\n")
    }

    @Test(.sqliteFileOnly) func databaseOf4b01f2cShowsTheSameAndAcceptsItsApprovalMail() throws {
        let workspace = try workspaceWithFixture()
        defer { workspace.remove() }
        let config = ["--config", workspace.configURL.path]
        let numbers = ["ESC0001001", "ESC0001002", "ESC0001003", "CS0001234", "CS0001235", "CS0002001", "ACC0001001", "ACC0001002"]
        for (number, before) in zip(numbers, try lines("show-before.jsonl")) {
            let shown = try GatewayCLI.run(["show", "--json", number] + config)
            #expect(shown.status == 0)
            #expect(shown.output.trimmingCharacters(in: .newlines) == String(before), "show --json \(number)")
        }
        let listed = try GatewayCLI.run(["list", "--json"] + config)
        #expect(listed.output.trimmingCharacters(in: .newlines) == String(try lines("list-before.jsonl").joined(separator: "\n")))

        let kept = workspace.folder.appendingPathComponent("state/gateway.sqlite.before-v9-issue26-relational").path
        let keptMigrations = try DatabaseQueue(path: kept).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(keptMigrations == ["v1", "v2-loops-and-bounces", "v3-outbox-body", "v4-unread-indexes"])

        let gateway = try workspace.gateway()
        let reply = try ReplyMail.reply(
            to: Self.fixture.appendingPathComponent("approval-requested.eml"), from: "Dana Duty <duty-manager@support.example>",
            body: "Approved.", id: "dana-after-migration@support.example")
        let outcome = try gateway.process(InboundMail(raw: reply, mailbox: "t", position: "1"))
        #expect(outcome.outcome == .applied, "\(outcome.reason)")
        #expect(outcome.escalation == "ESC0001004")
        guard case .subject(let shown) = try #require(try gateway.showReport("CS0001235")) else { throw NotACase() }
        #expect(shown.escalated)
        #expect(shown.requests.last?.state == "approved")
        #expect(shown.requests.last?.approvals.map(\.approver) == ["duty-manager@support.example"])
    }

    @Test func failedMigrationLeavesTheFileAsItWas() throws {
        let workspace = try workspaceWithFixture()
        defer { workspace.remove() }
        let path = workspace.folder.appendingPathComponent("state/gateway.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "UPDATE request SET body = json_set(body, '$.approvalRule', 'most') WHERE number = 'REQ0000001'")
        }
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            "\(error)".contains("left as it was") && "\(error)".contains("CHECK constraint failed")
        }
        let migrations = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(migrations == ["v1", "v2-loops-and-bounces", "v3-outbox-body", "v4-unread-indexes"])
        let bodies = try DatabaseQueue(path: path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM request WHERE body IS NOT NULL") }
        #expect(bodies == 5)
    }

    @Test func databaseOfANewerBuildIsRefused() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = workspace.folder.appendingPathComponent("newer.sqlite").path
        _ = try Store(path: path)
        try DatabaseQueue(path: path).write { try $0.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v10-from-the-future')") }
        #expect {
            _ = try Store(path: path)
        } throws: { error in
            "\(error)".contains("newer escalation-gateway") && "\(error)".contains("v10-from-the-future")
        }
    }

    @Test func journalIsAppendOnlyAndForeignKeysAreOn() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = workspace.folder.appendingPathComponent("journal.sqlite").path
        let store = try Store(path: path)
        try store.transaction { session in
            try session.append([
                JournalEntry(
                    at: Date(), actor: "gateway", cause: "test", source: .account(AccountNumber(unchecked: "ACC0001001")), action: "test.entry",
                    detail: "kept")
            ])
        }
        let queue = try DatabaseQueue(path: path)
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "UPDATE journal SET detail = 'changed'") } }
        #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: "DELETE FROM journal") } }
        #expect(try queue.read { try String.fetchAll($0, sql: "SELECT detail FROM journal") } == ["kept"])
        #expect(throws: DatabaseError.self) {
            try queue.write {
                try $0.execute(
                    sql:
                        "INSERT INTO approval_decision(request, position, approver, decision, at) VALUES ('REQ0000009', 0, 'a@b.example', 'approved', 0)"
                )
            }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write {
                try $0.execute(
                    sql:
                        "INSERT INTO sla_clock(escalation, target, sequence, target_seconds, started_at, due_at) VALUES ('ESC0001001', 'lunch', 1, 60, 0, 60)"
                )
            }
        }
    }
}
