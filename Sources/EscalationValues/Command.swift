import Foundation

/// What a mail asks for (DESIGN.md, "Commands"): the one vocabulary the reader writes and the
/// core applies.
public enum Command: Hashable, Sendable {
    /// Escalate a case or an account. `reason` is the configured reason's text as written,
    /// `justification` the rest; `linkedCases` are the cases an account request names. The
    /// reader sets the type the writer asked for; `applied(to:)` gives the one the thread is about.
    case escalate(EscalateArguments)
    case approve
    case reject(reason: String?)
    case deescalate(reason: String?)
    case severity(String)
    case trend(Trend)
    case watch(EmailAddress)
    case unwatch(EmailAddress)
    case link(CaseNumber)
    case unlink(CaseNumber)
    case assign(EmailAddress)
    case comment(String)
    /// The requester takes back their pending request.
    case withdraw
    /// Internal text from staff: kept and mailed to the staff on the escalation only.
    case note(String)
    /// Text the reader could not take as a command (`understood`, `hint`): a message like a
    /// comment, and nothing is changed.
    case unclear(text: String, understood: String, hint: String)

    /// A short stable name for logs and JSON, e.g. `escalate`, `approve`.
    public var name: String {
        switch self {
        case .escalate(let arguments): arguments.type == .account ? "escalate-account" : "escalate"
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
        case .note: "note"
        case .unclear: "unclear"
        }
    }
}

/// The arguments of an escalation request.
public struct EscalateArguments: Hashable, Sendable {
    public var type: EscalationType
    public var reason: String?
    public var justification: String
    public var severity: String?
    public var linkedCases: [CaseNumber]

    public init(type: EscalationType, reason: String?, justification: String, severity: String? = nil, linkedCases: [CaseNumber] = []) {
        self.type = type
        self.reason = reason
        self.justification = justification
        self.severity = severity
        self.linkedCases = linkedCases
    }
}

extension Command {
    /// The command as applied to `source`: an escalation request escalates what the thread it
    /// came on is about (a case request on an account's thread escalates the account).
    public func applied(to source: EscalationSource) -> Command {
        guard case .escalate(var arguments) = self else { return self }
        arguments.type = source.type
        return .escalate(arguments)
    }
}
