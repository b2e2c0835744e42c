import EscalationStore
import Foundation
import Logging

extension InboxDrainer {
    /// One line per processed mail: outcome, bounded reason, intent, match method, escalation
    /// and milliseconds; never its text, its addresses or a token. Callers check the level first.
    func logProcessed(_ outcome: MailOutcome, nanoseconds: UInt64) {
        var metadata: Logger.Metadata = [
            "mail.message_id": "\(outcome.messageId)", "mail.outcome": "\(outcome.outcome.rawValue)",
            "mail.reason": "\(MailReasonCode.of(outcome.outcome, reason: outcome.reason))", "mail.intent": "\(outcome.intent)",
            "mail.ms": "\(String(format: "%.1f", Double(nanoseconds) / 1e6))", "mail.replies": "\(outcome.sent.count)",
        ]
        if let method = outcome.matchMethod { metadata["mail.match"] = "\(method)" }
        if let escalation = outcome.escalation { metadata["escalation.number"] = "\(escalation)" }
        logger.info(outcome.outcome == .refused ? "mail refused" : "mail processed", metadata: metadata)
    }
}
