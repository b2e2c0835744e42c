import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

/// One request waiting for a decision, as `PENDING` (by mail) and `pending` (CLI) show it
/// ("My Approvals", seed 004).
public struct PendingApproval: Encodable, Sendable {
    public var number: String
    /// The case the request is about; nil for an account escalation.
    public var supportCase: String?
    public var account: String
    public var accountName: String
    public var title: String
    public var requester: String
    public var requesterName: String
    public var reason: String
    public var justification: String
    public var createdAt: String
    /// How long it has waited: `4h 5m`.
    public var age: String
    /// The approvers who have not decided yet.
    public var waitingFor: [String]
    /// One-click links for the approver asked about (absent when listing everyone's).
    public var approveLink: String?
    public var rejectLink: String?

    enum CodingKeys: String, CodingKey {
        case number
        case supportCase = "case"
        case account, accountName, title, requester, requesterName, reason, justification, createdAt, age,
            waitingFor, approveLink, rejectLink
    }
}

extension PendingApproval {
    /// `request` as its approver sees it, with one-click links signed for `approver` (none
    /// without one), its titles and names from `directory`, and its age at `now`.
    init(
        _ request: EscalationRequest, for approver: EmailAddress?, now: Date, directory: some DirectoryLookup, signer: TokenSigner,
        gatewayAddress: EmailAddress
    ) {
        var supportCase: String?
        var title = request.account.value
        if case .supportCase(let number) = request.source {
            supportCase = number.value
            title = directory.supportCase(number)?.subject ?? number.value
        } else if let account = directory.account(request.account) {
            title = account.name
        }
        let token = approver.map { signer.approvalToken(request: request.number, approver: $0) }
        self.init(
            number: request.number.value, supportCase: supportCase, account: request.account.value,
            accountName: directory.account(request.account)?.name ?? request.account.value, title: title,
            requester: request.requester.value,
            requesterName: directory.contact(request.requester)?.name ?? directory.staffMember(request.requester)?.name ?? request.requester.value,
            reason: request.reason, justification: request.justification, createdAt: EscalationReport.time(request.createdAt),
            age: EscalationEngine.age(from: request.createdAt, to: now), waitingFor: request.undecided.map(\.value),
            approveLink: token.map { OutgoingSignature.approveLink(gatewayAddress.value, token: $0) },
            rejectLink: token.map { OutgoingSignature.rejectLink(gatewayAddress.value, token: $0) })
    }
}

extension Reporting {
    /// The pending requests waiting for `approver` (one indexed query), with their one-click
    /// links signed for them; without an approver, every pending request, without links.
    func pendingApprovals(for approver: EmailAddress?) throws -> [PendingApproval] {
        let now = clock()
        let requests = try store.read { session in
            try approver.map { try session.requestsAwaiting($0) } ?? session.pendingRequests()
        }
        return requests.map { PendingApproval($0, for: approver, now: now, directory: directory, signer: signer, gatewayAddress: config.address) }
    }
}
