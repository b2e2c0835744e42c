import EscalationStore
import Foundation

/// The bounded reason of a mail's outcome, for the `reason` label of
/// `escalation_gateway_mails_total`: the command applied, the refusal, the kind of automated
/// mail, never free text (an address, a case number or a server's words would make a label
/// without bounds). Anything not in the known set is `other`.
enum MailReasonCode {
    /// Every value the label can take.
    static let all: [String] = {
        let commands = [
            "escalate", "escalate-account", "approve", "reject", "de-escalate", "severity", "trend", "watch", "unwatch", "link", "unlink",
            "assign", "comment", "withdraw", "note", "unclear", "pending",
        ]
        let refusals = [
            "unknown-sender", "not-permitted", "already-escalated", "cooldown", "reason-needed", "not-understood", "already-decided",
            "nothing-to-do", "no-template", "no-approver", "confirmation-required", "no-such-case", "decision-unverified",
            "decision-not-accepted", "no-case-found", "no-from-address",
        ]
        let other = ["auto-reply", "own", "bounce", "unreadable", "attempts-exhausted", "already-processed", "same-message-id", "other"]
        return Array(Set(commands + refusals + other)).sorted()
    }()

    private static let known = Set(all)

    /// The code of `reason` for a mail with `outcome`.
    static func of(_ outcome: ReceiptOutcome, reason: String) -> String {
        switch outcome {
        case .duplicate: return reason == "already processed" ? "already-processed" : "same-message-id"
        case .failed: return reason.hasPrefix("failed ") && reason.contains(" times, last: ") ? "attempts-exhausted" : "unreadable"
        case .ignored: return reason.hasPrefix("bounce") ? "bounce" : known(prefix(reason))
        case .applied, .refused:
            if reason.hasPrefix("decision not accepted") { return "decision-not-accepted" }
            if reason.hasPrefix("no case or account found") { return "no-case-found" }
            if reason.hasPrefix("no usable From") { return "no-from-address" }
            if reason.hasPrefix("pending") { return reason == "pending: not staff" ? "not-permitted" : "pending" }
            return known(prefix(reason).replacingOccurrences(of: "_", with: "-"))
        }
    }

    /// The words before ` (` or `:`, spaces as hyphens: `not understood (subject-tag)` → `not-understood`.
    private static func prefix(_ reason: String) -> String {
        let end = reason.firstIndex(where: { $0 == "(" || $0 == ":" }) ?? reason.endIndex
        return reason[..<end].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: " ", with: "-")
    }

    private static func known(_ code: String) -> String { known.contains(code) ? code : "other" }
}
