import EscalationCore
import Foundation
import GRDB

/// The gateway's database: state, journal, receipts, outbox and directory, in a SQLite file
/// (the embedded default) or a PostgreSQL database that several instances share
/// (`StoreEngine`). One value is built at start-up and passed to whoever needs it.
public final class Store: Sendable {
    let engine: any StoreEngine
    /// Where the data is.
    public let location: StoreLocation
    /// What write transactions decided lately, decoded (see `StateCache`).
    let stateCache = StateCache()
    /// The dictionary outbox mail is compressed with now (`prepareOutboxDictionary`).
    public let outboxCompression = OutboxCompression()

    /// Opens (creating the file and its missing parent folders) and migrates a SQLite database.
    public convenience init(path: String) throws {
        try self.init(location: .sqlite(path: path))
    }

    /// Opens the database at `location`, creating or migrating its schema. On a shared
    /// database, the server ends a transaction of this instance left idle as long as a lease
    /// row holds (`StoreLease.expiry` of `leaseSeconds`), locks and all: a cut-off instance
    /// must not hold the others up longer than its leases.
    public init(location: StoreLocation, leaseSeconds: Double = 15) throws {
        self.location = location
        switch location {
        case .sqlite(let path): engine = try SQLiteEngine(path: path)
        case .postgres(let postgres): engine = try PostgresEngine(location: postgres, idleTimeout: StoreLease.expiry(leaseSeconds: leaseSeconds))
        }
    }

    /// Runs `work` in one write transaction: everything it writes commits together or not at
    /// all. With `lease`, the transaction renews it first and fails with `StoreLeaseLost` when
    /// another instance holds it now, so that work done under a lost lease never commits.
    public func transaction<T>(renewing lease: StoreLease? = nil, _ work: (StoreSession) throws -> T) throws -> T {
        try forgettingStateOnFailure { try engine.write(synced: true, renewing: lease, cache: stateCache, work) }
    }

    /// Runs `work` in one write transaction that is atomic but not synced to disk at commit:
    /// a process crash keeps it (it is in the log), a power cut may undo it. For marks whose
    /// loss only repeats an action, where the fsync would widen a window more than it protects.
    public func unsyncedTransaction<T>(_ work: (StoreSession) throws -> T) throws -> T {
        try forgettingStateOnFailure { try engine.write(synced: false, renewing: nil, cache: stateCache, work) }
    }

    /// Runs a write; when it fails, whatever it put in the state cache may have been rolled back.
    private func forgettingStateOnFailure<T>(_ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch {
            stateCache.clear()
            throw error
        }
    }

    /// Runs `work` on a read-only snapshot.
    public func read<T>(_ work: (StoreSession) throws -> T) throws -> T {
        try engine.read(work)
    }

    /// Takes the write lock and lets it go, writing nothing: throws when the database cannot be
    /// written (a read-only file or folder, locked by another process beyond the busy timeout,
    /// a server that is down or read-only).
    public func checkWritable() throws {
        try engine.checkWritable()
    }

    /// The SQLite engine, for what only it has; throws on other engines.
    func sqliteEngine() throws -> SQLiteEngine {
        guard let sqlite = engine as? SQLiteEngine else { throw DatabaseError(message: "only a SQLite store has this: \(location.description)") }
        return sqlite
    }

    /// Caps the database file at `pages` more pages than it has now (nil lifts the cap), so that
    /// fault tests can make the store full without a small filesystem (SQLite's max_page_count).
    public func limitGrowth(toExtraPages pages: Int?) throws {
        try sqliteEngine().limitGrowth(toExtraPages: pages)
    }

    /// Waits until the checkpoints scheduled by the commits so far have run (SQLite only).
    func waitForCheckpoints() throws {
        try sqliteEngine().waitForCheckpoints()
    }
}

/// Access to the database within one transaction or snapshot.
public struct StoreSession {
    /// The engine's connection, which every query of the store goes through.
    let connection: any SQLConnection
    /// The SQLite connection, for what only SQLite has (query plans, locks); nil on other engines.
    let sqlite: Database?
    /// The state cache, in write transactions only (a reader must not see uncommitted state).
    let cache: StateCache?

    init(db: Database, cache: StateCache?) {
        connection = SQLiteStoreConnection(db: db)
        sqlite = db
        self.cache = cache
    }

    /// A session of another engine's connection.
    init(connection: any SQLConnection, cache: StateCache?) {
        self.connection = connection
        sqlite = nil
        self.cache = cache
    }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments = []) throws -> Int {
        try connection.execute(sql, arguments)
    }

    /// The rows of a query.
    func rows(_ sql: String, _ arguments: SQLArguments = []) throws -> [SQLRow] {
        try connection.rows(sql, arguments)
    }

    /// The first row of a query, or nil.
    func row(_ sql: String, _ arguments: SQLArguments = []) throws -> SQLRow? {
        try connection.rows(sql, arguments).first
    }

    /// The first column of a query's first row, or nil when there is no row or it is NULL.
    func value<Value: DatabaseValueConvertible>(_ sql: String, _ arguments: SQLArguments = []) throws -> Value? {
        guard let row = try connection.rows(sql, arguments).first else { return nil }
        return try row.decode(atIndex: 0)
    }

    /// The first column of every row of a query.
    func values<Value: DatabaseValueConvertible>(_ sql: String, _ arguments: SQLArguments = []) throws -> [Value] {
        try connection.rows(sql, arguments).map { try $0.decode(atIndex: 0) }
    }

    /// Makes the savepoint-per-mail pattern available: a failure inside rolls back only `work`.
    public func savepoint<T>(_ work: (StoreSession) throws -> T) throws -> T {
        var result: T?
        do {
            try connection.savepoint { result = try work(self) }
        } catch {
            cache?.clear()
            throw error
        }
        guard let result else { throw DatabaseError(message: "savepoint produced no result") }
        return result
    }
}

extension StoreSession {
    /// SQLite's plan for `sql` (`EXPLAIN QUERY PLAN`), one line per step (`SEARCH … USING INDEX …`),
    /// with every placeholder bound to 1.
    func sqliteQueryPlan(_ sql: String, placeholders: Int) throws -> [String] {
        guard let sqlite else { throw DatabaseError(message: "query plans are read from SQLite only") }
        return try Row.fetchAll(sqlite, sql: "EXPLAIN QUERY PLAN " + sql, arguments: StatementArguments(Array(repeating: 1, count: placeholders)))
            .map { $0["detail"] as String }
    }
}
