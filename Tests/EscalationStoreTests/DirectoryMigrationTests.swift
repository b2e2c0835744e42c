import EscalationCore
import EscalationValues
import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import Testing

@testable import EscalationStore

/// The directory's JSON documents and the outbox's JSON recipients, as a database of schema
/// v10 holds them, move into tables (migration `v11-issue26-directory-and-recipients`): every
/// record reads back the same, a mail queued before the upgrade keeps its recipients in their
/// order, and a copy of the file is kept before the migration.
@Suite struct DirectoryMigrationTests {
    @Test(.sqliteFileOnly) func directoryAndQueuedRecipientsReadTheSameAfterTheUpgrade() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let path = try GatewayConfig.load(path: workspace.configURL.path).sqlitePath!
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        let database = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(database, upTo: "v10-issue26-foreign-key-indexes")
        // The rows as builds up to v10 wrote them; the outbox row has no recipient rows, as
        // one queued before `outbox_recipient` existed.
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO directory_account(number, body) VALUES
                      ('ACC0001001', '{"number":"ACC0001001","name":"Acme Corp","domains":["acme.example","acme.test"],"team":["am@support.example","am3@support.example"],"escalationManager":"em@support.example","tier":"gold"}'),
                      ('ACC0001002', '{"number":"ACC0001002","name":"Globex Ltd","domains":[],"team":[]}');
                    INSERT INTO directory_contact(email, account, body) VALUES
                      ('jane@acme.example', 'ACC0001001', '{"email":"jane@acme.example","name":"Jane Roe","account":"ACC0001001"}');
                    INSERT INTO directory_staff(email, body) VALUES
                      ('agent1@support.example', '{"email":"agent1@support.example","name":"Kim Agent"}');
                    INSERT INTO directory_case(number, account, body) VALUES
                      ('CS0001234', 'ACC0001001', '{"number":"CS0001234","account":"ACC0001001","subject":"Login fails","owner":"agent1@support.example","assignmentGroup":"Tier 2","groupManager":"t2-manager@support.example","contact":"jane@acme.example"}'),
                      ('CS0002001', 'ACC0001002', '{"number":"CS0002001","account":"ACC0001002","subject":"Invoices \\"missing\\"","owner":"agent1@support.example"}');
                    INSERT INTO outbox(message_id, kind, source, request, recipients, subject, raw, next_attempt_at, created_at)
                    VALUES ('old-1@support.example', 'approved', 'CS0001234', NULL, '["jane@acme.example","agent1@support.example"]', 'queued', X'', 0, 0);
                    """)
        }
        try database.close()

        let store = try Store(path: path)
        let directory = try store.read { try $0.directory() }
        let acme = try #require(AccountNumber("ACC0001001").flatMap(directory.account))
        #expect(acme.name == "Acme Corp")
        #expect(acme.domains == ["acme.example", "acme.test"])
        #expect(acme.team.map(\.value) == ["am@support.example", "am3@support.example"])
        #expect(acme.escalationManager?.value == "em@support.example")
        #expect(acme.tier == "gold")
        let globex = try #require(AccountNumber("ACC0001002").flatMap(directory.account))
        #expect(globex.domains.isEmpty && globex.team.isEmpty && globex.escalationManager == nil && globex.tier == nil)
        let jane = try #require(EmailAddress("jane@acme.example").flatMap(directory.contact))
        #expect(jane.name == "Jane Roe" && jane.account.value == "ACC0001001")
        #expect(EmailAddress("agent1@support.example").flatMap(directory.staffMember)?.name == "Kim Agent")
        let login = try #require(CaseNumber("CS0001234").flatMap(directory.supportCase))
        #expect(login.subject == "Login fails" && login.assignmentGroup == "Tier 2" && login.groupManager?.value == "t2-manager@support.example")
        #expect(login.owner.value == "agent1@support.example" && login.contact?.value == "jane@acme.example")
        let invoices = try #require(CaseNumber("CS0002001").flatMap(directory.supportCase))
        #expect(invoices.subject == "Invoices \"missing\"" && invoices.groupManager == nil && invoices.contact == nil)

        let queued = try store.read { try $0.outbox() }
        #expect(queued.map(\.recipients) == [["jane@acme.example", "agent1@support.example"]])
        #expect(try store.read { try $0.sentMessage("old-1@support.example") }?.recipients == ["jane@acme.example", "agent1@support.example"])

        let columns = try store.read { session in
            try String.fetchAll(
                session.sqlite!, sql: "SELECT name FROM pragma_table_info('outbox') UNION ALL SELECT name FROM pragma_table_info('directory_account')"
            )
        }
        #expect(!columns.contains("recipients") && !columns.contains("body"))
        let kept = try DatabaseQueue(path: path + ".before-v11-issue26-directory-and-recipients")
        #expect(try kept.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }.last == "v10-issue26-foreign-key-indexes")
    }

    @Test func anImportedDirectoryReadsBackWhole() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        let imported = try gateway.importDirectory(path: workspace.directoryFile)
        let expected = try DirectoryFile.load(path: workspace.directoryFile)
        #expect(imported.accounts > 0)
        #expect(try gateway.store.read { try $0.directory() } == expected)
    }
}
