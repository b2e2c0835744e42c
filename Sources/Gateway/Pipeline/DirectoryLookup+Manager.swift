import EscalationCore
import EscalationValues

extension DirectoryLookup {
    /// Who answers for a case or account: the case owner, else the account's escalation manager.
    func manager(of source: EscalationSource) -> EmailAddress? {
        switch source {
        case .supportCase(let number): supportCase(number)?.owner
        case .account(let number): account(number)?.escalationManager
        }
    }
}
