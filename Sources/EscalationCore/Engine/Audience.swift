import EscalationValues
import Foundation

/// Resolves the roles of the `[notify]` table to addresses for one case or account: who holds
/// each role, and who of them is a customer. Staff-only events never reach a customer.
struct Audience {
    let account: Account
    let supportCase: SupportCase?
    let escalation: Escalation?
    let request: EscalationRequest?
    let directory: any DirectoryLookup

    /// Staff of the support organisation: listed as staff, or the account's team or escalation manager.
    func isStaff(_ address: EmailAddress) -> Bool {
        directory.staffMember(address) != nil || account.team.contains(address) || account.escalationManager == address
            || supportCase?.owner == address
    }

    /// The holders of one role (none where the role does not apply to this case or account).
    func holders(of role: NotifyRole) -> [EmailAddress] {
        let isAccount = supportCase == nil
        switch role {
        case .requester: return [escalation?.requester ?? request?.requester].compactMap { $0 }
        case .contact: return [supportCase?.contact].compactMap { $0 }
        case .owner: return [supportCase?.owner].compactMap { $0 }
        case .assignee: return [escalation?.assignedTo].compactMap { $0 }
        case .manager: return isAccount ? [account.escalationManager].compactMap { $0 } : []
        case .approvers: return request?.decisions.map(\.approver) ?? []
        case .watchers: return escalation?.watchList ?? []
        case .staffWatchers: return (escalation?.watchList ?? []).filter(isStaff)
        case .team: return isAccount ? account.team : []
        }
    }

    /// Everyone the table sends `kind` to, in the table's role order without repeats; customers
    /// only for customer events.
    func recipients(of kind: Notice.Kind, table: NotifyTable) -> [EmailAddress] {
        var seen = Set<EmailAddress>()
        let reachesCustomers = NotifyTable.customerEvents.contains(kind)
        return table.roles(for: kind).flatMap(holders).filter { address in
            (reachesCustomers || isStaff(address)) && seen.insert(address).inserted
        }
    }

    /// The customers among `addresses`.
    func customers(among addresses: [EmailAddress]) -> [EmailAddress] { addresses.filter { !isStaff($0) } }
}
