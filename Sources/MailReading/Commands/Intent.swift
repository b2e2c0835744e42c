import Foundation
import MailMessage

/// What a reply asks for, read from its new text (DESIGN.md, "Commands").
public enum Intent: Hashable, Sendable {
    /// Escalate a case (`account == false`) or the sender's account, with the reason text as
    /// written (matched against the configured reasons later), a justification and named cases.
    case escalate(account: Bool, reasonText: String?, justification: String, severity: String?, cases: [String])
    case approve
    case reject(reason: String?)
    case deescalate(reason: String?)
    case severity(String)
    case trend(String)
    case watch(String)
    case unwatch(String)
    case link(String)
    case unlink(String)
    case assign(String)
    case comment(String)
    /// The requester takes back their pending escalation request (`WITHDRAW`).
    case withdraw
    /// Staff ask what waits for their decision (`PENDING`, "my approvals").
    case pending
    /// Text for the staff only: `NOTE <text>`, or a first line `Internal:`.
    case note(String)
    /// Doubt or negation ("not approved", "I can't approve this yet"): nothing is applied;
    /// the sender is told what was understood and how to say it.
    case unclear(understood: String, hint: String)
    /// No text at all.
    case empty

    /// A stable name for JSON and logs.
    public var name: String {
        switch self {
        case .escalate(let account, _, _, _, _): account ? "escalate-account" : "escalate"
        case .approve: "approve"
        case .reject: "reject"
        case .deescalate: "de-escalate"
        case .severity: "severity"
        case .trend: "trend"
        case .watch: "watch"
        case .unwatch: "unwatch"
        case .link: "link"
        case .unlink: "unlink"
        case .assign: "assign"
        case .comment: "comment"
        case .withdraw: "withdraw"
        case .pending: "pending"
        case .note: "note"
        case .unclear: "unclear"
        case .empty: "empty"
        }
    }

    /// The intent's arguments, for `read --json`.
    public var arguments: [String: String] {
        switch self {
        case .escalate(_, let reason, let justification, let severity, let cases):
            var result = ["justification": justification, "cases": cases.joined(separator: ",")]
            result["reason"] = reason
            result["severity"] = severity
            return result
        case .reject(let reason), .deescalate(let reason): return reason.map { ["reason": $0] } ?? [:]
        case .severity(let value), .trend(let value): return ["value": value]
        case .watch(let value), .unwatch(let value), .assign(let value): return ["address": value]
        case .link(let value), .unlink(let value): return ["case": value]
        case .comment(let text), .note(let text): return ["text": text]
        case .unclear(let understood, let hint): return ["understood": understood, "hint": hint]
        case .approve, .withdraw, .pending, .empty: return [:]
        }
    }
}
