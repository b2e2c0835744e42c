/// The right of one instance to do work that only one may do at a time (poll a mailbox, tick
/// SLAs), for a while: taken when free or expired, renewed by its holder, and renewed in the
/// very transaction that commits the work, so that an instance that lost it cannot commit.
public struct StoreLease: Sendable, Hashable {
    /// What the lease is for, e.g. `mailbox:INBOX@imap.example` or `sla`.
    public var name: String
    /// The instance holding it (host and process, unique among the instances).
    public var owner: String
    /// How long it holds without renewal: another instance takes it after that.
    public var seconds: Double

    public init(name: String, owner: String, seconds: Double) {
        self.name = name
        self.owner = owner
        self.seconds = seconds
    }
}

extension StoreLease {
    /// How long a lease row holds after its last renewal, for a lease time of `leaseSeconds`
    /// (`[database] lease`): four fifths of it. With every instance looking at the leases at
    /// least every fifth (`checkInterval`), the leases of an instance that died are taken
    /// over within the lease time.
    public static func expiry(leaseSeconds: Double) -> Double { leaseSeconds * 4 / 5 }

    /// How often an instance sharing the store looks at the leases, at the least.
    public static func checkInterval(leaseSeconds: Double) -> Double { leaseSeconds / 5 }
}

/// A lease that was taken by another instance (or expired) before the transaction that needed it.
public struct StoreLeaseLost: Error, CustomStringConvertible {
    public var lease: StoreLease

    public var description: String { "the lease \(lease.name) is no longer held by \(lease.owner): another instance took it over" }
}

/// The statements of leases on PostgreSQL, timed by the server's clock so that instances whose
/// clocks differ agree on when a lease expires.
enum LeaseSQL {
    /// Takes `lease` when it is free, expired or already ours; returns whether it is ours now.
    static func take(_ lease: StoreLease, on connection: PostgresStoreConnection) throws -> Bool {
        try !connection.rows(
            """
            INSERT INTO gateway_lease(name, owner, expires_at, taken_at)
            VALUES (?, ?, clock_timestamp() + make_interval(secs => ?), clock_timestamp())
            ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at,
                taken_at = CASE WHEN gateway_lease.owner = excluded.owner THEN gateway_lease.taken_at ELSE excluded.taken_at END
            WHERE gateway_lease.owner = excluded.owner OR gateway_lease.expires_at <= clock_timestamp()
            RETURNING owner
            """, [lease.name, lease.owner, lease.seconds]
        ).isEmpty
    }

    /// Extends `lease` from now; throws `StoreLeaseLost` when it is not ours or has expired.
    static func renew(_ lease: StoreLease, on connection: some SQLConnection) throws {
        let renewed = try connection.execute(
            """
            UPDATE gateway_lease SET expires_at = clock_timestamp() + make_interval(secs => ?)
            WHERE name = ? AND owner = ? AND expires_at > clock_timestamp()
            """, [lease.seconds, lease.name, lease.owner])
        if renewed == 0 { throw StoreLeaseLost(lease: lease) }
    }

    /// Gives `lease` up at once, so that another instance need not wait for it to expire.
    static func release(_ lease: StoreLease, on connection: PostgresStoreConnection) throws {
        try connection.execute("DELETE FROM gateway_lease WHERE name = ? AND owner = ?", [lease.name, lease.owner])
    }
}
