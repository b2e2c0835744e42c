import Foundation
import GRDB

/// The outbox as `/metrics` and `/readyz` see it.
public struct OutboxHealth: Sendable, Equatable {
    /// Mails not yet sent nor given up.
    public var depth: Int
    /// When the oldest mail that is due now was queued (nil: none is due).
    public var oldestDueQueuedAt: Date?

    public init(depth: Int, oldestDueQueuedAt: Date?) {
        self.depth = depth
        self.oldestDueQueuedAt = oldestDueQueuedAt
    }
}

extension StoreSession {
    /// Pending outbox mail and the oldest due one, over the `outbox_pending` index: asked when
    /// scraped, never per mail.
    public func outboxHealth(at now: Date) throws -> OutboxHealth {
        let depth = try Int.fetchOne(try statement("SELECT COUNT(*) FROM outbox WHERE state = 'pending'")) ?? 0
        let oldest = try Double.fetchOne(
            try statement("SELECT MIN(created_at) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?"), arguments: [now.timeIntervalSince1970])
        return OutboxHealth(depth: depth, oldestDueQueuedAt: oldest.map(Date.init(timeIntervalSince1970:)))
    }
}

extension Store {
    /// Takes the write lock and lets it go, writing nothing: throws when the database cannot be
    /// written (read-only file or folder, locked by another process beyond the busy timeout).
    public func checkWritable() throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "ROLLBACK")
        }
    }
}
