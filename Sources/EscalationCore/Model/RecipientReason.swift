public import EscalationValues
import Foundation

/// Why a person gets mail about a case or account, as the `X-Escalation-Reason` header names it
/// (GitHub's notification mail names its reasons the same way), so that they can filter it.
public enum RecipientReason: String, Sendable, CaseIterable {
    case requester, contact, approver, owner, assignee, manager, watcher, team

    /// The first role `address` has on the notice's case or account, in the order of this
    /// enumeration; nil for anyone with none (staff outside it, strangers).
    public static func of(_ address: EmailAddress, notice: Notice, directory: some DirectoryLookup) -> RecipientReason? {
        guard let source = notice.source else { return nil }
        let supportCase: SupportCase?
        let accountNumber: AccountNumber?
        switch source {
        case .supportCase(let number):
            supportCase = directory.supportCase(number)
            accountNumber = supportCase?.account
        case .account(let number):
            supportCase = nil
            accountNumber = number
        }
        let account = accountNumber.flatMap(directory.account)
        if (notice.escalation?.requester ?? notice.request?.requester) == address { return .requester }
        if notice.request?.deciders.contains(address) == true { return .approver }
        if supportCase?.owner == address { return .owner }
        if notice.escalation?.assignedTo == address { return .assignee }
        if supportCase?.groupManager == address || account?.escalationManager == address { return .manager }
        if notice.escalation?.watchList.contains(address) == true { return .watcher }
        if account?.team.contains(address) == true { return .team }
        if supportCase?.contact == address || (accountNumber != nil && directory.contact(address)?.account == accountNumber) { return .contact }
        return nil
    }
}
