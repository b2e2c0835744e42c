import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Logging
import MailComposing

/// The timed pass beside the mail path: SLA warnings and breaches, approval reminders and
/// approval timeouts that fell due, written with their journal and their mail (`OutboxWriter`).
struct SLATicker: Sendable {
    let config: GatewayConfig
    let store: Store
    let engine: EscalationEngine
    let directory: StoreDirectory
    let outbox: OutboxWriter
    let metrics: GatewayMetrics
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Records the SLA and approval events that fell due, in one transaction with their journal
    /// and mail. Returns the number of events recorded. With `lease`, the transaction renews it
    /// and commits nothing once another instance took the ticks over.
    @discardableResult
    func tick(lease: StoreLease? = nil) throws -> Int {
        let now = clock()
        return try store.transaction(renewing: lease) { session in
            var events = 0
            for escalation in try session.escalationsDueForSLA(at: now) {
                guard let result = engine.tick(escalation, directory: directory, now: now) else {
                    try session.save(escalation, was: escalation, warningShare: config.escalation.policy.slaWarningShare)
                    continue
                }
                try session.save(result.escalation, was: escalation, warningShare: config.escalation.policy.slaWarningShare)
                try session.append(result.journal)
                recordSLAEvents(result.notices, escalation: result.escalation)
                let cause = "sla-\(escalation.number.value)-\(Int(now.timeIntervalSince1970))"
                _ = try outbox.enqueue(result.notices, cause: MailCause(messageID: cause, key: cause), sender: nil, session: session, now: now)
                events += result.journal.count
            }
            events += try tickApprovals(session: session, now: now)
            return events
        }
    }

    /// Counts and logs each SLA warning and breach: the escalation, severity and clock.
    private func recordSLAEvents(_ notices: [Notice], escalation: Escalation) {
        for notice in notices {
            let (event, sla): (String, Notice.SLAEvent)
            switch notice.event {
            case .slaWarning(let warning): (event, sla) = ("warning", warning)
            case .slaBreached(let breach): (event, sla) = ("breach", breach)
            default: continue
            }
            metrics.countSLA(event: event, severity: escalation.severity, target: sla.clock)
            logger.notice(
                "SLA \(event)",
                metadata: [
                    "escalation.number": "\(escalation.number.value)", "escalation.severity": "\(escalation.severity)", "sla.target": "\(sla.clock)",
                    "sla.due": "\(EscalationEngine.displayTime(sla.due))",
                ])
        }
    }

    /// Reminds undecided approvers and hands overdue requests to their backup approvers (or
    /// tells the case owner or escalation manager); every request looked at gets its next due time.
    private func tickApprovals(session: StoreSession, now: Date) throws -> Int {
        var events = 0
        for request in try session.requestsDueForApproval(at: now.addingTimeInterval(EscalationEngine.dueTolerance)) {
            guard let result = engine.tickApproval(request, manager: directory.manager(of: request.source), now: now) else {
                try session.save(request, was: request, due: engine.nextApprovalEvent(of: request))
                continue
            }
            try session.save(result.request, was: request, due: engine.nextApprovalEvent(of: result.request))
            try session.append(result.journal)
            let cause = "approval-\(request.number.value)-\(Int(now.timeIntervalSince1970))"
            _ = try outbox.enqueue(result.notices, cause: MailCause(messageID: cause, key: cause), sender: nil, session: session, now: now)
            events += result.journal.count
        }
        return events
    }
}
