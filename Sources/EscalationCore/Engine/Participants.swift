import EscalationValues
import Foundation

/// The people around one case or account, and what the sender is to them.
struct Participants {
    let sender: EmailAddress
    let account: Account
    let supportCase: SupportCase?
    let senderContact: Contact?
    let senderIsStaff: Bool
    let allowDomainContacts: Bool

    init(sender: EmailAddress, account: Account, supportCase: SupportCase?, directory: some DirectoryLookup, policy: EscalationPolicy) {
        self.sender = sender
        self.account = account
        self.supportCase = supportCase
        self.senderContact = directory.contact(sender)
        self.senderIsStaff = directory.staffMember(sender) != nil
        self.allowDomainContacts = policy.allowDomainContacts
    }

    /// The people around `source` as the directory lists them; nil when it lists no such case
    /// or account.
    init?(sender: EmailAddress, source: EscalationSource, directory: some DirectoryLookup, policy: EscalationPolicy) {
        let supportCase: SupportCase?
        let accountNumber: AccountNumber
        switch source {
        case .supportCase(let number):
            guard let found = directory.supportCase(number) else { return nil }
            supportCase = found
            accountNumber = found.account
        case .account(let number):
            supportCase = nil
            accountNumber = number
        }
        guard let account = directory.account(accountNumber) else { return nil }
        self.init(sender: sender, account: account, supportCase: supportCase, directory: directory, policy: policy)
    }

    /// A contact listed for this account (or, where the policy allows, a sender of its domain).
    var isAccountContact: Bool {
        if let contact = senderContact { return contact.account == account.number }
        return allowDomainContacts && account.domains.contains(sender.domain)
    }

    var isCaseOwner: Bool { supportCase?.owner == sender }
    var isGroupManager: Bool { supportCase?.groupManager == sender }
    var isEscalationManager: Bool { account.escalationManager == sender }
    var isAccountTeam: Bool { account.team.contains(sender) }

    /// Staff of the support organisation who work on this case or account.
    var isSupportStaff: Bool { senderIsStaff || isCaseOwner || isGroupManager || isEscalationManager || isAccountTeam }

    /// Anyone the gateway will talk to about this case or account at all.
    var isKnown: Bool { isAccountContact || isSupportStaff }

    /// May request an escalation of this case or account: its contacts and support staff.
    var mayEscalate: Bool { isAccountContact || isSupportStaff }

    /// May manage an escalation (severity, trend, watch list): the case owner for a case
    /// escalation, the assignee or the account's escalation manager for an account one.
    func mayManage(_ escalation: Escalation) -> Bool {
        switch escalation.source {
        case .supportCase: isCaseOwner || isGroupManager || isEscalationManager
        case .account: escalation.assignedTo == sender || isEscalationManager
        }
    }

    /// The manager whose updates count for the SLA: owner (case) or assignee (account).
    func isSLAManager(of escalation: Escalation) -> Bool {
        switch escalation.source {
        case .supportCase: isCaseOwner
        case .account: escalation.assignedTo == sender
        }
    }

    /// May de-escalate under the configured roles.
    func mayDeescalate(_ escalation: Escalation, roles: Set<DeescalationRole>) -> Bool {
        (roles.contains(.requester) && escalation.requester == sender)
            || (roles.contains(.owner) && isCaseOwner)
            || (roles.contains(.assignee) && escalation.assignedTo == sender)
            || (roles.contains(.escalationManager) && isEscalationManager)
            || (roles.contains(.contact) && isAccountContact)
    }

    /// Who answers the customer: the case owner, or the account's escalation manager.
    var dialogContact: EmailAddress? { supportCase?.owner ?? account.escalationManager }
}
