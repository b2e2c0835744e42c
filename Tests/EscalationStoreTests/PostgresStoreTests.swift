import Foundation
import GRDB
import Testing

@testable import EscalationStore

/// The store's SQL on a real PostgreSQL server (the one `Tests/scripts/test.sh` starts, named
/// by `EG_POSTGRES_URL`), each test in a database of its own: the schema made from the
/// migrations, and the same session calls reading the same on PostgreSQL as on SQLite.
@Suite(.serialized) struct PostgresStoreTests {
    @Test func schemaHasEveryTableAndColumnOfSQLite() throws {
        try PostgresTestDatabase.withSchema { connection in
            try connection.createSchemaIfNeeded()

            let sqlite = try DatabaseQueue()
            try Migrations.migrator.migrate(sqlite)
            let expected = try sqlite.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.name AS name, c.name AS column FROM sqlite_master m, pragma_table_xinfo(m.name) c
                        WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'grdb_migrations'
                        """
                ).map { "\($0["name"] as String).\($0["column"] as String)" }
            }
            let found = try connection.rows(
                "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name <> 'rowid'", []
            ).map { "\($0[0] as String).\($0[1] as String)" }
            #expect(expected.count > 150)
            let coordination = [
                "schema_migration.identifier", "store_write.version", "gateway_lease.name", "gateway_lease.owner", "gateway_lease.expires_at",
                "gateway_lease.taken_at",
            ]
            #expect(Set(found).subtracting(coordination) == Set(expected))
            let migrations: [String] = try connection.rows("SELECT identifier FROM schema_migration", []).map { $0[0] }
            #expect(Set(migrations) == Set(Migrations.migrator.migrations))
        }
    }

    /// A database made by a build that knew migrations up to v15 is brought forward in place by
    /// the portable migrations (`Migrations.portable`), to the schema a new database gets.
    @Test func databaseOfAnEarlierBuildIsMigratedInPlaceToTheSchemaOfANewOne() throws {
        guard let earlier = try PostgresTestDatabase.make(), let fresh = try PostgresTestDatabase.make() else { return }
        defer {
            earlier.drop()
            fresh.drop()
        }
        let lastBeforePortable = "v15-outbox-body-encoding"
        let connection = try PostgresStoreConnection.open(earlier.location)
        defer { connection.close() }
        try connection.transaction {
            try connection.execute("CREATE TABLE schema_migration (identifier TEXT PRIMARY KEY)", [])
            for statement in try PostgresSchema.statements(upTo: lastBeforePortable) { try connection.execute(statement, []) }
            for identifier in Migrations.migrator.migrations.prefix(through: Migrations.migrator.migrations.firstIndex(of: lastBeforePortable)!) {
                try connection.execute("INSERT INTO schema_migration(identifier) VALUES (?)", [identifier])
            }
            try connection.execute(
                "INSERT INTO outbox(message_id, kind, subject, raw, next_attempt_at, created_at) VALUES ('m1@support.example', 'work-note', 's', X'', 1, 1)",
                [])
        }
        #expect(!Migrations.portable.isEmpty)
        #expect(try connection.rows("SELECT 1 FROM information_schema.tables WHERE table_name = 'outbox_dictionary'", []).isEmpty)

        try connection.createSchemaIfNeeded()
        let freshConnection = try PostgresStoreConnection.open(fresh.location)
        defer { freshConnection.close() }
        try freshConnection.createSchemaIfNeeded()
        let migrated = try Self.schema(of: connection)
        #expect(migrated.contains { $0.hasPrefix("outbox_dictionary.content ") })
        #expect(migrated == (try Self.schema(of: freshConnection)))
        let applied: [String] = try connection.rows("SELECT identifier FROM schema_migration", []).map { $0[0] }
        #expect(Set(applied) == Set(Migrations.migrator.migrations))
        #expect(try connection.rows("SELECT message_id FROM outbox", []).map { $0[0] as String } == ["m1@support.example"])
    }

    /// Every column with its type, nullability and default, every index and constraint.
    private static func schema(of connection: PostgresStoreConnection) throws -> [String] {
        let columns = try connection.rows(
            """
            SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || COALESCE(column_default, '')
                || ' ' || is_identity || ' ' || is_generated
            FROM information_schema.columns WHERE table_schema = 'public'
            """, [])
        let indexes = try connection.rows("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'", [])
        let constraints = try connection.rows(
            "SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace", [])
        return (columns + indexes + constraints).map { $0[0] as String }.sorted()
    }

    /// `sslmode=verify-full` checks the server's certificate and its name: the test server's
    /// certificate, signed by `EG_POSTGRES_CA`, names `localhost` only. `require` encrypts
    /// without checking either.
    @Test func verifyFullChecksTheServersCertificateAndName() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["EG_POSTGRES_URL"], let authority = environment["EG_POSTGRES_CA"] else {
            #expect(environment["CI"] == nil, "EG_POSTGRES_URL and EG_POSTGRES_CA are missing in CI, where PostgreSQL must run")
            print("loopback PostgreSQL not running (EG_POSTGRES_URL or EG_POSTGRES_CA unset): skipped; Tests/scripts/test.sh starts it")
            return
        }
        let server = try PostgresLocation(url: url)
        func connect(host: String, _ query: String) throws -> Bool {
            let location = try PostgresLocation(url: "postgres://\(server.username)@\(host):\(server.port)/\(server.database)?\(query)")
            let connection = try PostgresStoreConnection.open(location)
            defer { connection.close() }
            return try connection.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", []).first?[0] == true
        }

        #expect(try connect(host: "localhost", "sslmode=verify-full&sslrootcert=\(authority)"), "the name and the authority match")
        #expect(throws: (any Error).self, "127.0.0.1 is not a name of the certificate") {
            try connect(host: "127.0.0.1", "sslmode=verify-full&sslrootcert=\(authority)")
        }
        #expect(throws: (any Error).self, "the system's roots do not know the authority") {
            try connect(host: "localhost", "sslmode=verify-full")
        }
        #expect(try connect(host: "127.0.0.1", "sslmode=require"), "encrypted, nothing checked")
        #expect(try !connect(host: "127.0.0.1", "sslmode=disable"))
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://u@h/d?sslmode=require&sslrootcert=/ca.pem") }
    }

    @Test func databaseOfANewerBuildIsRefused() throws {
        try PostgresTestDatabase.withSchema { connection in
            try connection.execute("INSERT INTO schema_migration(identifier) VALUES ('v99-from-the-future')", [])
            #expect {
                try connection.createSchemaIfNeeded()
            } throws: { error in
                "\(error)".contains("v99-from-the-future") && "\(error)".contains("newer escalation-gateway")
            }
        }
    }

    @Test func journalStaysAppendOnly() throws {
        try PostgresTestDatabase.withSchema { connection in
            try connection.execute(
                "INSERT INTO journal(at, actor, cause, source, action, detail) VALUES (?, ?, ?, ?, ?, ?)",
                [1.0, "jane", "m1", "CS0001234", "created", ""])
            #expect {
                try connection.execute("UPDATE journal SET actor = 'mallory'", [])
            } throws: { "\($0)".contains("append-only: an entry cannot be changed") }
            #expect {
                try connection.execute("DELETE FROM journal", [])
            } throws: { "\($0)".contains("append-only: an entry cannot be deleted") }
        }
    }

    @Test func sessionReadsTheSameOnBothEngines() throws {
        try PostgresTestDatabase.withSchema { connection in
            let onPostgres = try connection.transaction { try SessionScenario.run(StoreSession(connection: connection, cache: nil)) }

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-engines-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let store = try Store(path: folder.appendingPathComponent("gateway.sqlite").path)
            let onSQLite = try store.transaction { try SessionScenario.run($0) }

            #expect(onPostgres == onSQLite)
            #expect(onSQLite.pending.map(\.recipients) == [["jane@acme.example", "ana@acme.example"], ["ops@support.example"]])
            #expect(onSQLite.references == ["root@acme.example", "m2@support.example", "m3@support.example"])
            #expect(onSQLite.suppressedTwice == [true, false])
            #expect(onSQLite.latestToJane == "m3@support.example")
            #expect(onSQLite.renumbered == [nil, nil, 7])
        }
    }
}

/// The same session calls on either engine, and what they read back.
enum SessionScenario {
    struct Result: Equatable {
        var pending: [OutboxMessage]
        var references: [String]
        var subject: String?
        var suppressedTwice: [Bool]
        var latestToJane: String?
        var renumbered: [Int?]
        var mailsToJane: Int
        var bounces: Int
        var report: ReportRows
    }

    static func run(_ session: StoreSession) throws -> Result {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        try session.startThread(source: "CS0001234", subject: "[CS0001234] Login fails")
        try session.recordThreadMessage("root@acme.example", source: "CS0001234", request: nil, recipient: nil, outbound: false)
        try session.enqueue(
            NewOutboxMessage(
                messageID: "m2@support.example", kind: "request-received", source: "CS0001234", request: "REQ0001001",
                recipients: ["jane@acme.example", "ana@acme.example"], subject: "Re: [CS0001234] Login fails",
                body: OutboxBody(compressing: Array("Subject: x\r\n\r\nbody ?\r\n".utf8))), at: now)
        let second = try session.enqueue(
            NewOutboxMessage(
                messageID: "m3@support.example", kind: "approval-requested", source: "CS0001234", request: nil, recipients: ["ops@support.example"],
                subject: "Re: [CS0001234] Login fails", body: nil), at: now)
        try session.setRendered(outboxID: second, subject: "Approve?", body: OutboxBody(compressing: Array("raw 'quoted' X''".utf8)))
        try session.recordThreadMessage("root@acme.example", source: "CS0001234", request: nil, recipient: nil, outbound: false)
        try session.recordConversationMail("m2@support.example", source: "CS0001234", recipient: "jane@acme.example")
        try session.recordConversationMail("m3@support.example", source: "CS0001234", recipient: "jane@acme.example")
        let suppressed = [
            try session.suppress(address: "gone@acme.example", reason: "5.1.1", at: now),
            try session.suppress(address: "gone@acme.example", reason: "5.1.1", at: now),
        ]
        let renumbered = [
            try session.recordMailboxPosition(mailbox: "INBOX", uidValidity: 7, uid: 10),
            try session.recordMailboxPosition(mailbox: "INBOX", uidValidity: 7, uid: 4),
            try session.recordMailboxPosition(mailbox: "INBOX", uidValidity: 8, uid: 1),
        ]
        return Result(
            pending: try session.pendingOutbox(at: now), references: try session.threadReferences(source: "CS0001234"),
            subject: try session.threadSubject(source: "CS0001234"), suppressedTwice: suppressed,
            latestToJane: try session.latestInConversation(source: "CS0001234", recipient: "jane@acme.example"), renumbered: renumbered,
            mailsToJane: try session.mailCount(to: "jane@acme.example", since: now.addingTimeInterval(-60)),
            bounces: try session.recordBounce(
                address: "gone@acme.example", messageID: "m2@support.example", status: "5.1.1", permanent: true, at: now),
            report: try session.reportRows(since: now.addingTimeInterval(-3600)))
    }
}

/// A database of its own for one test on the loopback PostgreSQL server, dropped afterwards.
struct PostgresTestDatabase {
    let location: PostgresLocation
    private let server: PostgresLocation

    /// Nil when no server runs (outside the test script); in CI that fails the test.
    static func make() throws -> PostgresTestDatabase? {
        guard let url = ProcessInfo.processInfo.environment["EG_POSTGRES_URL"] else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "EG_POSTGRES_URL is missing in CI, where PostgreSQL must run")
            print("loopback PostgreSQL not running (EG_POSTGRES_URL unset): skipped; Tests/scripts/test.sh starts it")
            return nil
        }
        let server = try PostgresLocation(url: url)
        return PostgresTestDatabase(location: try PostgresScratchDatabase.create(on: server), server: server)
    }

    /// Runs `body` on a connection to a new database with the store's schema, then drops the
    /// database; does nothing (but fail in CI) when no server runs.
    static func withSchema(_ body: (PostgresStoreConnection) throws -> Void) throws {
        guard let database = try make() else { return }
        defer { database.drop() }
        let connection = try PostgresStoreConnection.open(database.location)
        defer { connection.close() }
        try connection.createSchemaIfNeeded()
        try body(connection)
    }

    func drop() {
        PostgresScratchDatabase.drop(location, through: server)
    }
}
