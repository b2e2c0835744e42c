import Foundation
import GRDB
import Synchronization

/// A PostgreSQL database that several gateway instances share, through a pool of connections.
///
/// Write transactions run one at a time across every instance: each takes one advisory lock
/// first, as SQLite's writer lock would, so that the store's read-decide-write steps (the next
/// free number, an escalation's state) never interleave. Each write advances a counter
/// (`store_write`): a version other than the one this instance left means another instance
/// wrote, and the state cache is emptied. A read is one `REPEATABLE READ` snapshot.
final class PostgresEngine: StoreEngine {
    let location: PostgresLocation
    /// How long the server lets a transaction of this instance sit idle (`PostgresStoreConnection.open`).
    let idleTimeout: Double
    /// Connections not in use; one is opened when none is free.
    private let idle = Mutex<[PostgresStoreConnection]>([])

    /// Connects, and creates the schema when the database is empty.
    init(location: PostgresLocation, idleTimeout: Double) throws {
        self.location = location
        self.idleTimeout = idleTimeout
        try withConnection { try $0.createSchemaIfNeeded(name: location.description) }
    }

    deinit {
        for connection in idle.withLock({ $0 }) { connection.close() }
    }

    func write<T>(synced: Bool, renewing lease: StoreLease?, cache: StateCache, _ work: (StoreSession) throws -> T) throws -> T {
        try withConnection { connection in
            try connection.transaction {
                try connection.execute("SELECT pg_advisory_xact_lock(?)", [Self.writeLockKey])
                if !synced { try connection.execute("SET LOCAL synchronous_commit = off", []) }
                guard let version: Int = try connection.rows("UPDATE store_write SET version = version + 1 RETURNING version", []).first?[0] else {
                    throw DatabaseError(message: "store_write has no row")
                }
                cache.validate(dataVersion: version - 1, advancingTo: version)
                if let lease { try LeaseSQL.renew(lease, on: connection) }
                return try work(StoreSession(connection: connection, cache: cache))
            }
        }
    }

    /// Runs `work` in a read-only snapshot. While the server is briefly gone (restarting: a
    /// pooled connection it closed, or no new one yet), the read is tried again for a few
    /// seconds, on new connections: reading changes nothing.
    func read<T>(_ work: (StoreSession) throws -> T) throws -> T {
        let deadline = Date().addingTimeInterval(Self.readRetrySeconds)
        while true {
            do {
                return try withConnection { connection in
                    try connection.transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY") {
                        try work(StoreSession(connection: connection, cache: nil))
                    }
                }
            } catch let error where PostgresStoreError.isServerUnavailable(error) && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }

    /// How long a read waits for a server that went away (`read`).
    private static let readRetrySeconds = 5.0

    func checkWritable() throws {
        try withConnection { connection in
            try connection.execute("BEGIN", [])
            defer { _ = try? connection.execute("ROLLBACK", []) }
            try connection.execute("UPDATE store_write SET version = version WHERE false", [])
        }
    }

    func directoryReader() throws -> any SessionReading {
        self
    }

    /// Runs `work` in one transaction of its own that takes no write lock: for rows no cached
    /// state depends on (leases, outbox claims), so that it never waits for a batch.
    func unlocked<T>(_ work: (PostgresStoreConnection) throws -> T) throws -> T {
        try withConnection { connection in try connection.transaction { try work(connection) } }
    }

    /// Runs `work` on a connection from the pool. A connection whose work failed is closed
    /// rather than reused: it may be broken (the server restarted, the network cut), and its
    /// transaction was rolled back anyway. Idle connections the server closed meanwhile are
    /// dropped (a query on one would never be answered).
    private func withConnection<T>(_ work: (PostgresStoreConnection) throws -> T) throws -> T {
        let pooled = idle.withLock { idle in
            idle.removeAll { $0.isClosed }
            return idle.popLast()
        }
        let connection = try pooled ?? PostgresStoreConnection.open(location, idleTimeout: idleTimeout)
        do {
            let result = try work(connection)
            idle.withLock { $0.append(connection) }
            return result
        } catch {
            connection.close()
            throw error
        }
    }

    /// The advisory lock every write transaction takes: any number, the same for all instances,
    /// other than the schema's.
    private static let writeLockKey: Int64 = 7_305_311_411
}
