import EscalationCore
import EscalationStore
import Foundation
import Logging
import Synchronization

/// When the retention pass last ran, so that `run` purges once an hour, not every cycle.
final class RetentionSchedule: Sendable {
    private let lastRun = Mutex<Date?>(nil)

    /// Whether a pass is due at `now` (the first is due at once); marks it as run when it is.
    func take(at now: Date, every interval: TimeInterval) -> Bool {
        lastRun.withLock { last in
            if let last, now.timeIntervalSince(last) < interval, now >= last { return false }
            last = now
            return true
        }
    }
}

/// Applies `[retention]`: removes raw mail the policy no longer keeps, at most once an hour in
/// `run`'s cycles, or now for a caller that asks.
struct RetentionPurger: Sendable {
    let policy: RetentionPolicy
    let store: Store
    let logger: Logger
    let clock: @Sendable () -> Date
    /// When the pass last ran.
    let schedule = RetentionSchedule()

    /// How often `run` applies `[retention]`.
    static let interval: TimeInterval = 3600

    /// Applies `[retention] raw_mail`: removes the raw mail of escalations closed longer ago
    /// than that (`StoreSession.purgeRawMail`), in one transaction. Nil when the policy is off.
    @discardableResult
    func apply() throws -> PurgedMail? {
        guard let keep = policy.rawMail else { return nil }
        let now = clock()
        let purged = try store.transaction { try $0.purgeRawMail(closedBefore: now.addingTimeInterval(-Double(keep.seconds))) }
        if purged.received + purged.sent > 0 {
            logger.info(
                "raw mail purged",
                metadata: ["retention.raw_mail": "\(keep)", "retention.received": "\(purged.received)", "retention.sent": "\(purged.sent)"])
        }
        return purged
    }

    /// The retention pass of a cycle: at most once an hour.
    func applyIfDue() throws {
        guard policy.rawMail != nil, schedule.take(at: clock(), every: Self.interval) else { return }
        try apply()
    }
}
