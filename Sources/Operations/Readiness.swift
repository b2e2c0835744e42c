import EscalationCore
import EscalationStore
import Foundation
import Gateway

/// `/readyz`: ready when the database takes a write, the inbox's last cycles did not all fail
/// (fewer than `[http] ready_after_failed_cycles` in a row) and no due outbox mail is older
/// than `[http] ready_outbox_age`. Each failed check is named in the answer.
struct Readiness: Sendable {
    /// The answer: `ready`, and a line per check that failed.
    struct Report: Encodable, Sendable, Equatable {
        var ready: Bool
        var failed: [String: String]
    }

    let settings: HTTPSettings

    /// Judges the checks' readings at `now`.
    func judge(databaseError: String?, inbox: InboxHealth.Snapshot, outbox: OutboxHealth?, now: Date) -> Report {
        var failed: [String: String] = [:]
        if let databaseError { failed["database"] = "not writable: \(databaseError)" }
        if inbox.failuresInARow >= settings.readyAfterFailedCycles {
            failed["inbox"] = "the last \(inbox.failuresInARow) cycles failed: \(inbox.lastError ?? "unknown error")"
        } else if inbox.lastSuccess == nil {
            failed["inbox"] = "no cycle has finished yet"
        }
        if let queued = outbox?.oldestDueQueuedAt, now.timeIntervalSince(queued) > Double(settings.readyOutboxAge.seconds) {
            failed["outbox"] = "a due mail has waited \(Int(now.timeIntervalSince(queued)))s (ready_outbox_age \(settings.readyOutboxAge))"
        }
        return Report(ready: failed.isEmpty, failed: failed)
    }

    /// Reads the checks from the running gateway and judges them.
    func check(_ gateway: Gateway, now: Date) -> Report {
        var databaseError: String?
        var outbox: OutboxHealth?
        do {
            try gateway.store.checkWritable()
            outbox = try gateway.store.read { try $0.outboxHealth(at: now) }
        } catch {
            databaseError = "\(error)"
        }
        return judge(databaseError: databaseError, inbox: gateway.inboxHealth.snapshot, outbox: outbox, now: now)
    }
}
