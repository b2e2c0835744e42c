public import EscalationValues
public import Foundation

/// An escalation record (`ESC…`), created when its request is approved or needs no approval.
public struct Escalation: Hashable, Sendable {
    public enum State: String, Sendable {
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

    public init(
        number: EscalationNumber, source: EscalationSource, account: AccountNumber, state: State, severity: String, trend: Trend,
        linkedCases: [CaseNumber], assignedTo: EmailAddress?, watchList: [EmailAddress], requester: EmailAddress, reason: String,
        justification: String, request: RequestNumber, createdAt: Date, deescalatedAt: Date?, deescalationReason: String?, sla: SLA
    ) {
        self.number = number
        self.source = source
        self.account = account
        self.state = state
        self.severity = severity
        self.trend = trend
        self.linkedCases = linkedCases
        self.assignedTo = assignedTo
        self.watchList = watchList
        self.requester = requester
        self.reason = reason
        self.justification = justification
        self.request = request
        self.createdAt = createdAt
        self.deescalatedAt = deescalatedAt
        self.deescalationReason = deescalationReason
        self.sla = sla
    }
}
