import Foundation

/// An escalation record (`ESC…`), created when its request is approved or needs no approval.
public struct Escalation: Hashable, Sendable, Codable {
    public enum State: String, Sendable, Codable {
        case active
        case deescalated
    }

    public var number: EscalationNumber
    public var source: EscalationSource
    public var account: AccountNumber
    public var state: State
    public var severity: String
    public var trend: Trend
    /// Cases linked to an account escalation (always empty for a case escalation).
    public var linkedCases: [CaseNumber]
    /// The account escalation's assignee; nil for case escalations, which the case owner manages.
    public var assignedTo: EmailAddress?
    public var watchList: [EmailAddress]
    public var requester: EmailAddress
    public var reason: String
    public var justification: String
    public var request: RequestNumber
    public var createdAt: Date
    public var deescalatedAt: Date?
    public var deescalationReason: String?
    public var sla: SLA

    public var type: EscalationType { source.type }
}
