public import EscalationValues
public import Foundation

/// A request to escalate a case or an account. With approval, the escalation record is
/// created only when the request is approved (seed 000).
public struct EscalationRequest: Hashable, Sendable {
    public enum State: String, Sendable {
        case pending
        case approved
        case rejected
        /// Taken back by its requester before anyone decided it.
        case withdrawn
    }

    public var number: RequestNumber
    public var source: EscalationSource
    public var account: AccountNumber
    public var state: State
    public var requester: EmailAddress
    public var reason: String
    public var justification: String
    public var severity: String
    public var template: String
    public var approvers: [EmailAddress]
    public var approvalRule: EscalationTemplate.ApprovalRule
    public var decisions: [ApprovalDecision]
    /// Earlier requests for the same case or account, oldest first (re-escalation).
    public var previousRequests: [RequestNumber]
    /// Cases the request names (account escalations).
    public var linkedCases: [CaseNumber]
    public var createdAt: Date
    public var decidedAt: Date?
    public var escalation: EscalationNumber?
    /// The template's backup approvers, asked once the request outlived its `approval_timeout`.
    public var backupApprovers: [EmailAddress] = []
    /// When the undecided approvers were last reminded (`approval_reminder`).
    public var remindedAt: Date?
    /// When the request outlived its `approval_timeout` and went to the backup approvers (or
    /// the case owner or escalation manager was told).
    public var overdueAt: Date?

    public init(
        number: RequestNumber, source: EscalationSource, account: AccountNumber, state: State, requester: EmailAddress, reason: String,
        justification: String, severity: String, template: String, approvers: [EmailAddress], approvalRule: EscalationTemplate.ApprovalRule,
        decisions: [ApprovalDecision], previousRequests: [RequestNumber], linkedCases: [CaseNumber], createdAt: Date, decidedAt: Date?,
        escalation: EscalationNumber?, backupApprovers: [EmailAddress] = [], remindedAt: Date? = nil, overdueAt: Date? = nil
    ) {
        self.number = number
        self.source = source
        self.account = account
        self.state = state
        self.requester = requester
        self.reason = reason
        self.justification = justification
        self.severity = severity
        self.template = template
        self.approvers = approvers
        self.approvalRule = approvalRule
        self.decisions = decisions
        self.previousRequests = previousRequests
        self.linkedCases = linkedCases
        self.createdAt = createdAt
        self.decidedAt = decidedAt
        self.escalation = escalation
        self.backupApprovers = backupApprovers
        self.remindedAt = remindedAt
        self.overdueAt = overdueAt
    }

    /// Everyone who may decide: the approvers and, once asked, the backup approvers.
    public var deciders: [EmailAddress] {
        backupApprovers.isEmpty ? approvers : approvers + backupApprovers.filter { !approvers.contains($0) }
    }

    /// The deciders who have not yet given their answer.
    public var undecided: [EmailAddress] {
        deciders.filter { decider in !decisions.contains { $0.approver == decider } }
    }

    /// The reason given with the deciding rejection, if the request was rejected.
    public var rejectionReason: String? {
        decisions.last { $0.decision == .rejected }?.reason
    }
}

/// One approver's answer to a request.
public struct ApprovalDecision: Hashable, Sendable {
    public enum Verdict: String, Sendable {
        case approved
        case rejected
    }

    public var approver: EmailAddress
    public var decision: Verdict
    public var reason: String?
    public var at: Date

    public init(approver: EmailAddress, decision: Verdict, reason: String?, at: Date) {
        self.approver = approver
        self.decision = decision
        self.reason = reason
        self.at = at
    }
}

extension EscalationSource: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let source = EscalationSource(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a case or account: \(text)"))
        }
        self = source
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
