import EscalationCore
import EscalationStore
import Foundation

extension Gateway {
    /// Sends SLA warnings and breach notices that fell due, in one transaction with their journal.
    @discardableResult
    public func tickSLAs() throws -> Int {
        let now = clock()
        return try store.transaction { session in
            var events = 0
            for escalation in try session.escalationsDueForSLA(at: now) {
                let owner: EmailAddress? = {
                    if case .supportCase(let number) = escalation.source { return directory.supportCase(number)?.owner }
                    return nil
                }()
                guard let result = engine.tick(escalation, owner: owner, now: now) else {
                    try session.save(escalation, warningShare: config.escalation.policy.slaWarningShare)
                    continue
                }
                try session.save(result.escalation, warningShare: config.escalation.policy.slaWarningShare)
                try session.append(result.journal)
                let cause = "sla-\(escalation.number.value)-\(Int(now.timeIntervalSince1970))"
                _ = try enqueue(result.notices, cause: MailCause(messageID: cause, key: cause), sender: nil, session: session, now: now)
                events += result.journal.count
            }
            return events
        }
    }
}
