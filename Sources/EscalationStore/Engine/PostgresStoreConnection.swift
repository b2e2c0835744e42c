import Foundation
import GRDB
import Logging
import PostgresNIO

/// A connection to a PostgreSQL store, used from one thread at a time as the store uses its
/// SQLite connections: each call waits for the server's answer. The store's SQL is rewritten
/// for PostgreSQL once per text (`PostgresDialect`); values cross as GRDB's `DatabaseValue`s,
/// so rows read the same as SQLite's (a boolean reads as 0 or 1, an integer sum as an integer).
///
/// PostgreSQL's text cannot hold a NUL character, which hostile mail may put in a header: a
/// NUL in a bound string is stored as U+FFFD (the raw mail keeps its bytes).
///
/// Unchecked `Sendable`: a connection is used by one thread at a time, the one its pool
/// (`PostgresEngine`) handed it to.
final class PostgresStoreConnection: SQLConnection, @unchecked Sendable {
    private let connection: PostgresConnection
    private let logger: Logger
    /// The PostgreSQL text of each SQL text run so far.
    private var translated: [String: String] = [:]
    private var savepoints = 0

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `location`. A transaction left idle for `idleTimeout` seconds is ended by the
    /// server, with its locks: an instance cut off mid-transaction then blocks the others for
    /// no longer than that, not until the server notices the dead connection (hours, with TCP's
    /// defaults).
    static func open(
        _ location: PostgresLocation, idleTimeout: Double = 15, logger: Logger = Logger(label: "escalation-store.postgres")
    ) throws -> PostgresStoreConnection {
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .require, .verifyFull:
            var configuration = TLSConfiguration.makeClientConfiguration()
            if location.tls == .require { configuration.certificateVerification = .none }
            if let file = location.rootCertificateFile { configuration.trustRoots = .file(file) }
            tls = .require(try NIOSSLContext(configuration: configuration))
        }
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.username, password: location.password, database: location.database,
            tls: tls)
        let connection = try PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.next(), configuration: configuration, id: 1, logger: logger
        ).wait()
        let opened = PostgresStoreConnection(connection: connection, logger: logger)
        try opened.execute("SET idle_in_transaction_session_timeout = \(Int(idleTimeout * 1000))", [])
        return opened
    }

    /// Closes the connection; a transaction still open is rolled back by the server.
    func close() {
        try? connection.close().wait()
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func count(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try run(sql, arguments).rows.count
    }

    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        guard let id: Int64 = try rows(sql + " RETURNING id", arguments).first?.decode(atIndex: 0) else {
            throw PostgresStoreError(sql: sql, message: "the insert returned no id", sqlState: nil)
        }
        return id
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        var columns: [String]?
        return try result.rows.map { row in
            let cells = Array(row)
            let names = columns ?? cells.map(\.columnName)
            columns = names
            return SQLRow(columns: names, values: try cells.map(Self.value))
        }
    }

    func savepoint(_ work: () throws -> Void) throws {
        savepoints += 1
        defer { savepoints -= 1 }
        let name = "store_\(savepoints)"
        try execute("SAVEPOINT \(name)", [])
        do {
            try work()
            try execute("RELEASE SAVEPOINT \(name)", [])
        } catch {
            try execute("ROLLBACK TO SAVEPOINT \(name)", [])
            try execute("RELEASE SAVEPOINT \(name)", [])
            throw error
        }
    }

    /// Runs `work` in one transaction (`begin` opens it, e.g. with an isolation level): it commits
    /// when `work` returns, and rolls back when it throws.
    func transaction<T>(begin: String = "BEGIN", _ work: () throws -> T) throws -> T {
        try execute(begin, [])
        do {
            let result = try work()
            try execute("COMMIT", [])
            return result
        } catch {
            _ = try? execute("ROLLBACK", [])
            throw error
        }
    }

    /// Creates the schema on an empty database (`PostgresSchema`), or brings an earlier build's
    /// schema forward with the portable migrations it lacks (`Migrations.portable`), and the
    /// tables instances coordinate through (`PostgresSchema.coordination`), once: concurrent
    /// instances wait on one lock, and a database that newer migrations reached is refused.
    /// `name` names the database in errors.
    func createSchemaIfNeeded(name: String = "the PostgreSQL database") throws {
        try transaction {
            try execute("SELECT pg_advisory_xact_lock(?)", [Self.schemaLockKey])
            try execute("CREATE TABLE IF NOT EXISTS schema_migration (identifier TEXT PRIMARY KEY)", [])
            for statement in PostgresSchema.coordination { try execute(statement, []) }
            let applied = Set(try rows("SELECT identifier FROM schema_migration", []).map { $0[0] as String })
            let known = Migrations.migrator.migrations
            let unknown = applied.subtracting(known)
            guard unknown.isEmpty else { throw StoreError.newerDatabase(path: name, unknown: unknown.sorted()) }
            guard applied.isEmpty else {
                for identifier in known where !applied.contains(identifier) {
                    guard let migration = Migrations.portable.first(where: { $0.identifier == identifier }) else {
                        throw StoreError.migrationFailed(
                            path: name, reason: "its schema lacks \(identifier), which only a SQLite database can be given", copy: nil)
                    }
                    for statement in migration.statements {
                        for translated in try PostgresSchema.translated(statement) { try execute(translated, []) }
                    }
                    try execute("INSERT INTO schema_migration(identifier) VALUES (?)", [identifier])
                }
                return
            }
            for statement in try PostgresSchema.statements() { try execute(statement, []) }
            for identifier in known { try execute("INSERT INTO schema_migration(identifier) VALUES (?)", [identifier]) }
        }
    }

    /// Whether the connection is closed (the server ended it, e.g. when it restarted).
    var isClosed: Bool { connection.isClosed }

    /// How long a statement may go unanswered before the connection is given up: a server that
    /// died or a network cut without a word would otherwise leave the instance waiting for ever.
    private static let answerTimeout: Int64 = 60

    /// The advisory lock every instance takes to create or migrate the schema: any number, the
    /// same for all.
    private static let schemaLockKey: Int64 = 7_305_311_410

    private func run(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQueryResult {
        let text: String
        if let known = translated[sql] {
            text = known
        } else {
            text = PostgresDialect.translate(sql)
            translated[sql] = text
        }
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument?.databaseValue.storage ?? .null {
            case .null: bindings.appendNull()
            case .int64(let value): bindings.append(value)
            case .double(let value): bindings.append(value)
            case .string(let value): bindings.append(value.contains("\0") ? value.replacingOccurrences(of: "\0", with: "\u{FFFD}") : value)
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            }
        }
        let answer = connection.query(PostgresQuery(unsafeSQL: text, binds: bindings), logger: logger)
        let bounded = answer.eventLoop.makePromise(of: PostgresQueryResult.self)
        answer.cascade(to: bounded)
        let timeout = answer.eventLoop.scheduleTask(in: .seconds(Self.answerTimeout)) {
            bounded.fail(
                PostgresStoreError(sql: text, message: "no answer within \(Self.answerTimeout) s: the server or the network is gone", sqlState: nil))
        }
        defer { timeout.cancel() }
        do {
            return try bounded.futureResult.wait()
        } catch let error as PSQLError {
            let lost = PostgresStoreError.lostConnection.contains(error.code)
            throw PostgresStoreError(
                sql: text, message: error.serverInfo?[.message] ?? "\(error.code)", sqlState: error.serverInfo?[.sqlState], isConnectionLost: lost)
        }
    }

    /// A cell as SQLite would have returned it.
    private static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return try cell.decode(Int64.self).databaseValue
        case .float4, .float8: return try cell.decode(Double.self).databaseValue
        case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .numeric:
            let number = try cell.decode(Decimal.self)
            let whole = NSDecimalNumber(decimal: number)
            return number == Decimal(whole.int64Value) ? whole.int64Value.databaseValue : whole.doubleValue.databaseValue
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? []).databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }
}

/// An error the PostgreSQL server returned for a statement.
struct PostgresStoreError: Error, CustomStringConvertible {
    var sql: String
    var message: String
    /// PostgreSQL's SQLSTATE (`23505`: a unique key violated; `40001`: a serialization failure).
    var sqlState: String?
    /// Whether the connection was gone (the server restarted or the network cut), not the
    /// statement refused: the same work may succeed on a new connection.
    var isConnectionLost = false

    var description: String { "PostgreSQL error \(sqlState ?? "?"): \(message) - while executing `\(sql)`" }

    /// Whether `error` says the server is gone or not ready (restarting, shutting down, the
    /// network cut) rather than that it refused the work.
    static func isServerUnavailable(_ error: any Error) -> Bool {
        if let error = error as? PostgresStoreError { return error.isConnectionLost || error.sqlState.map(serverGoneStates.contains) == true }
        if let error = error as? PSQLError {
            return lostConnection.contains(error.code) || error.serverInfo?[.sqlState].map(serverGoneStates.contains) == true
        }
        return false
    }

    /// The errors of a connection that is gone.
    static let lostConnection: [PSQLError.Code] = [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown]
    /// SQLSTATEs of a server shutting down or starting up (`57P01`–`57P03`).
    private static let serverGoneStates: Set<String> = ["57P01", "57P02", "57P03"]
}
