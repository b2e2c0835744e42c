import Foundation
import GRDB

/// The embedded engine: one SQLite file in WAL mode on this machine, written by one connection
/// and read by a pool of others.
///
/// One machine holds the file, so a lease is always held: there is no other instance to hand
/// a mailbox to.
final class SQLiteEngine: StoreEngine {
    let pool: DatabasePool
    /// The database file.
    let path: String
    /// Moves committed pages from the log into the file beside the writer.
    private let checkpointer: BackgroundCheckpointer

    /// Opens (creating the file and its missing parent folders) and migrates the database.
    init(path: String) throws {
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

    func write<T>(synced: Bool, renewing lease: StoreLease?, cache: StateCache, _ work: (StoreSession) throws -> T) throws -> T {
        let result: T
        if synced {
            result = try pool.write { db in try work(try writerSession(db, cache: cache)) }
        } else {
            result = try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                var result: T?
                try db.inTransaction {
                    result = try work(try writerSession(db, cache: cache))
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
    private func writerSession(_ db: Database, cache: StateCache) throws -> StoreSession {
        cache.validate(dataVersion: try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0)
        return StoreSession(db: db, cache: cache)
    }

    func read<T>(_ work: (StoreSession) throws -> T) throws -> T {
        try pool.read { db in try work(StoreSession(db: db, cache: nil)) }
    }

    func checkWritable() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
    }

    func directoryReader() throws -> any SessionReading {
        try SQLiteReader(path: path)
    }

    /// Caps the database file at `pages` more pages than it has now (nil lifts the cap).
    func limitGrowth(toExtraPages pages: Int?) throws {
        try pool.barrierWriteWithoutTransaction { db in
            let current = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages.map { current + $0 } ?? 1_073_741_823)")
        }
    }

    /// Waits until the checkpoints scheduled by the commits so far have run.
    func waitForCheckpoints() {
        checkpointer.waitUntilIdle()
    }
}

/// A read-only connection of its own to a SQLite file.
struct SQLiteReader: SessionReading {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    func read<T>(_ work: (StoreSession) throws -> T) throws -> T {
        try connection.read { try work(StoreSession(db: $0, cache: nil)) }
    }
}
