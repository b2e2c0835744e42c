public import Foundation

/// The work several instances sharing one database divide among themselves: leases for what
/// only one may do at a time, and claims on outbox rows. On SQLite, which one machine holds,
/// every lease is this instance's and every due row is sent by it.
extension Store {
    /// Whether other instances may share this store (PostgreSQL), so that its mailboxes and SLA
    /// ticks are leased.
    public var isShared: Bool { engine is PostgresEngine }

    /// Takes `lease` when it is free or expired, or renews it when it is this instance's;
    /// returns whether this instance holds it now.
    public func take(_ lease: StoreLease) throws -> Bool {
        guard let postgres = engine as? PostgresEngine else { return true }
        return try postgres.unlocked { try LeaseSQL.take(lease, on: $0) }
    }

    /// Gives `lease` up, so that another instance takes it at once instead of when it expires.
    public func release(_ lease: StoreLease) throws {
        guard let postgres = engine as? PostgresEngine else { return }
        try postgres.unlocked { try LeaseSQL.release(lease, on: $0) }
    }

    /// Who holds each lease now (its name → the holding instance), expired ones included;
    /// empty on SQLite.
    public func leaseHolders() throws -> [String: String] {
        guard let postgres = engine as? PostgresEngine else { return [:] }
        return try postgres.unlocked { connection in
            Dictionary(
                uniqueKeysWithValues: try connection.rows("SELECT name, owner FROM gateway_lease", []).map { ($0[0] as String, $0[1] as String) })
        }
    }

    /// Due outbox mail for this instance to send, oldest first. On PostgreSQL the rows are
    /// claimed: their next attempt moves `seconds` ahead, in a transaction that skips rows
    /// another instance is claiming (`FOR UPDATE SKIP LOCKED`), so that no other instance sends
    /// them meanwhile; a claim whose instance died runs out, and the rows are due again.
    public func claimDueOutbox(at now: Date, for seconds: Double, limit: Int) throws -> [OutboxMessage] {
        guard let postgres = engine as? PostgresEngine else { return try read { try $0.pendingOutbox(at: now, limit: limit) } }
        return try postgres.unlocked { connection in
            try StoreSession(connection: connection, cache: nil).claimDueOutbox(at: now, until: now.addingTimeInterval(seconds), limit: limit)
        }
    }
}
