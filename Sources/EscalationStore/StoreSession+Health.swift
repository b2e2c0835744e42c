public import Foundation
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

/// The statements `/metrics` and `/readyz` run when asked, never per mail: each reads the
/// pending rows only, through the partial index `outbox_pending`, so its cost follows the mail
/// waiting to be sent, not the mail ever sent.
public enum HealthSQL: String, CaseIterable, Sendable {
    case outboxDepth = "SELECT COUNT(*) FROM outbox WHERE state = 'pending'"
    case oldestDue = "SELECT MIN(created_at) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?"
}

extension StoreSession {
    /// Pending outbox mail and the oldest due one.
    public func outboxHealth(at now: Date) throws -> OutboxHealth {
        let depth = (try value(HealthSQL.outboxDepth.rawValue) as Int?) ?? 0
        let oldest = (try value(HealthSQL.oldestDue.rawValue, [now.timeIntervalSince1970]) as Double?)
        return OutboxHealth(depth: depth, oldestDueQueuedAt: oldest.map(Date.init(timeIntervalSince1970:)))
    }

    /// SQLite's plan for a health statement (`EXPLAIN QUERY PLAN`), one line per step.
    public func queryPlan(_ statement: HealthSQL) throws -> [String] {
        try sqliteQueryPlan(statement.rawValue, placeholders: statement == .oldestDue ? 1 : 0)
    }
}
