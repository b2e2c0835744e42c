import Foundation

/// A request to escalate a case or an account. With approval, the escalation record is
/// created only when the request is approved (seed 000).
public struct EscalationRequest: Hashable, Sendable, Codable {
    public enum State: String, Sendable, Codable {
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

extension EscalationRequest {
    /// Reads a stored request; requests stored before backup approvers and reminders existed
    /// have none of their fields and read as never reminded, with no backup approvers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(RequestNumber.self, forKey: .number)
        source = try container.decode(EscalationSource.self, forKey: .source)
        account = try container.decode(AccountNumber.self, forKey: .account)
        state = try container.decode(State.self, forKey: .state)
        requester = try container.decode(EmailAddress.self, forKey: .requester)
        reason = try container.decode(String.self, forKey: .reason)
        justification = try container.decode(String.self, forKey: .justification)
        severity = try container.decode(String.self, forKey: .severity)
        template = try container.decode(String.self, forKey: .template)
        approvers = try container.decode([EmailAddress].self, forKey: .approvers)
        approvalRule = try container.decode(EscalationTemplate.ApprovalRule.self, forKey: .approvalRule)
        decisions = try container.decode([ApprovalDecision].self, forKey: .decisions)
        previousRequests = try container.decode([RequestNumber].self, forKey: .previousRequests)
        linkedCases = try container.decode([CaseNumber].self, forKey: .linkedCases)
        createdAt = try container.decode(Date.self, forKey: .createdAt)
        decidedAt = try container.decodeIfPresent(Date.self, forKey: .decidedAt)
        escalation = try container.decodeIfPresent(EscalationNumber.self, forKey: .escalation)
        backupApprovers = try container.decodeIfPresent([EmailAddress].self, forKey: .backupApprovers) ?? []
        remindedAt = try container.decodeIfPresent(Date.self, forKey: .remindedAt)
        overdueAt = try container.decodeIfPresent(Date.self, forKey: .overdueAt)
    }
}

/// One approver's answer to a request.
public struct ApprovalDecision: Hashable, Sendable, Codable {
    public enum Verdict: String, Sendable, Codable {
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
