import Foundation

/// A request to escalate a case or an account. With approval, the escalation record is
/// created only when the request is approved (seed 000).
public struct EscalationRequest: Hashable, Sendable, Codable {
    public enum State: String, Sendable, Codable {
        case pending
        case approved
        case rejected
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

    /// The reason given with the deciding rejection, if the request was rejected.
    public var rejectionReason: String? {
        decisions.last { $0.decision == .rejected }?.reason
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
