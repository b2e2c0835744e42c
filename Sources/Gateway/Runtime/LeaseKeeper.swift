import EscalationStore
import Foundation
import Logging
import Synchronization

/// Which shared work this instance does now, when several instances share one database: each
/// mailbox, and the SLA ticks, are done by the holder of their lease (`StoreLease`), taken when
/// free or expired and renewed every cycle and in each transaction that commits the work. On
/// SQLite every lease is this instance's.
/// Leases expire four fifths of the lease time after their last renewal, and instances cycle
/// at least every fifth of it (`StoreLease.expiry`, `StoreLease.checkInterval`).
final class LeaseKeeper: Sendable {
    /// What this instance may do with a piece of shared work now.
    enum Claim {
        /// The store is not shared: go ahead, no lease needed.
        case unshared
        /// This instance holds the lease: go ahead, renewing it with the work.
        case held(StoreLease)
        /// Another instance holds it: leave the work to it.
        case heldElsewhere

        /// The lease to renew with the work, if any.
        var lease: StoreLease? {
            if case .held(let lease) = self { lease } else { nil }
        }
    }

    /// This instance among those sharing the store: host, process and a random part.
    let owner: String
    private let store: Store
    private let seconds: Double
    private let logger: Logger
    /// The names of the leases held at the last claim of each.
    private let held = Mutex<Set<String>>([])

    /// Leases for a lease time of `leaseSeconds` (see the type's comment).
    init(store: Store, leaseSeconds: Double, logger: Logger) {
        self.store = store
        seconds = StoreLease.expiry(leaseSeconds: leaseSeconds)
        self.logger = logger
        owner = "\(ProcessInfo.processInfo.hostName)/\(getpid())/\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// The lease of a mailbox read under `name`.
    static func mailbox(_ name: String) -> String { "mailbox:\(name)" }
    /// The lease of the SLA ticks and retention.
    static let timedWork = "sla"

    /// Takes or renews the lease `name`; says whether this instance may do its work now.
    /// Taking one over, or losing one, is logged.
    func claim(_ name: String) throws -> Claim {
        guard store.isShared else { return .unshared }
        let lease = StoreLease(name: name, owner: owner, seconds: seconds)
        let isOurs = try store.take(lease)
        let wasOurs = held.withLock { held in isOurs ? !held.insert(name).inserted : held.remove(name) != nil }
        if isOurs, !wasOurs {
            logger.notice("lease taken: this instance does this work now", metadata: ["lease.name": "\(name)", "lease.owner": "\(owner)"])
        } else if !isOurs, wasOurs {
            logger.warning("lease lost: another instance took this work over", metadata: ["lease.name": "\(name)", "lease.owner": "\(owner)"])
        }
        return isOurs ? .held(lease) : .heldElsewhere
    }

    /// Gives up every lease held, so that other instances take the work over at once (a
    /// graceful stop); failures are logged, and the leases then expire by themselves.
    func releaseAll() {
        for name in held.withLock({ held in
            defer { held.removeAll() }
            return held
        }) {
            do {
                try store.release(StoreLease(name: name, owner: owner, seconds: seconds))
            } catch {
                logger.warning("lease not released; it expires by itself", metadata: ["lease.name": "\(name)", "error": "\(error)"])
            }
        }
    }
}
