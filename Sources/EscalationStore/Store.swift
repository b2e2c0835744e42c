import EscalationCore
import Foundation
import GRDB

/// The gateway's SQLite database (WAL mode): state, journal, receipts, outbox and directory.
/// One value is built at start-up and passed to whoever needs it.
public final class Store: Sendable {
    let pool: DatabasePool
    /// The database file.
    let path: String
    /// What write transactions decided lately, decoded (see `StateCache`).
    let stateCache = StateCache()
    /// Moves committed pages from the log into the file beside the writer.
    private let checkpointer: BackgroundCheckpointer

    /// Opens (creating the file and its missing parent folders) and migrates the database.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Savepoints need statement journals; on disk each is a temporary file created and
        // deleted per statement, which cost more than the mail's whole processing. A new file
        // gets 8 KB pages (an existing one keeps its size): a raw mail of 1.5-2.5 KB often left
        // half of a 4 KB page empty, and every batch wrote and synced those pages.
        configuration.prepareDatabase { try $0.execute(sql: "PRAGMA page_size = 8192; PRAGMA temp_store = MEMORY") }
        pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        // GRDB opens WAL databases with synchronous = NORMAL, which skips the fsync at commit: a
        // power cut could then undo a commit after its mail was moved off the server. FULL syncs
        // the log once per transaction, so each batch costs one fsync. Checkpoints run beside
        // the writer (`BackgroundCheckpointer`), not inside its commits. The writer's page cache
        // holds a batch's changed pages (8 MB; SQLite's default is 2 MB): a smaller one spilled
        // them into the log mid-batch and read index pages back with a system call each: half
        // of the system time per mail at 10,000 mails.
        try pool.writeWithoutTransaction {
            try $0.execute(sql: "PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; PRAGMA cache_size = -8000")
        }
        try StoreMigration.migrate(pool, path: path)
        checkpointer = try BackgroundCheckpointer(path: path)
    }

    /// Runs `work` in one write transaction: everything it writes commits together or not at all.
    public func transaction<T>(_ work: (StoreSession) throws -> T) throws -> T {
        let result = try forgettingStateOnFailure {
            try pool.write { db in try work(try writerSession(db)) }
        }
        checkpointer.afterCommit()
        return result
    }

    /// Runs `work` in one write transaction that is atomic but not synced to disk at commit:
    /// a process crash keeps it (it is in the log), a power cut may undo it. For marks whose
    /// loss only repeats an action, where the fsync would widen a window more than it protects.
    public func unsyncedTransaction<T>(_ work: (StoreSession) throws -> T) throws -> T {
        let result = try forgettingStateOnFailure {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                var result: T?
                try db.inTransaction {
                    result = try work(try writerSession(db))
                    return .commit
                }
                guard let result else { throw DatabaseError(message: "transaction produced no result") }
                return result
            }
        }
        checkpointer.afterCommit()
        return result
    }

    /// A session of the writer connection inside its transaction, with the state cache checked
    /// against other connections' commits.
    private func writerSession(_ db: Database) throws -> StoreSession {
        stateCache.validate(dataVersion: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0)
        return StoreSession(db: db, cache: stateCache)
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

    /// Caps the database file at `pages` more pages than it has now (nil lifts the cap), so that
    /// fault tests can make the store full without a small filesystem (SQLite's max_page_count).
    public func limitGrowth(toExtraPages pages: Int?) throws {
        try pool.barrierWriteWithoutTransaction { db in
            let current = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages.map { current + $0 } ?? 1_073_741_823)")
        }
    }

    /// Waits until the checkpoints scheduled by the commits so far have run.
    func waitForCheckpoints() {
        checkpointer.waitUntilIdle()
    }

    /// Runs `work` on a read-only snapshot.
    public func read<T>(_ work: (StoreSession) throws -> T) throws -> T {
        try pool.read { db in try work(StoreSession(db: db, cache: nil)) }
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
