import EscalationCore
import EscalationValues

/// Names and titles from the directory beside the numbers and addresses the store keeps, all
/// escaped for HTML.
struct DashboardNames {
    let directory: any DirectoryLookup

    /// A person's name, or the address when the directory does not know it.
    func person(_ address: EmailAddress) -> String {
        HTML.escape(name(address) ?? address.value)
    }

    /// A person's name with the address after it in muted text.
    func personWithAddress(_ address: EmailAddress) -> String {
        guard let name = name(address) else { return HTML.escape(address.value) }
        return "\(HTML.escape(name)) <span class=\"muted\">\(HTML.escape(address.value))</span>"
    }

    func name(_ address: EmailAddress) -> String? {
        directory.staffMember(address)?.name ?? directory.contact(address)?.name
    }

    /// `CS0001234 Login fails` or `ACC0001001 Acme Corp`.
    func title(_ source: EscalationSource) -> String {
        switch source {
        case .supportCase(let number):
            let subject = directory.supportCase(number)?.subject
            return HTML.escape(number.value) + (subject.map { " <span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")
        case .account(let number):
            let name = directory.account(number)?.name
            return HTML.escape(number.value) + (name.map { " <span class=\"muted\">\(HTML.escape($0))</span>" } ?? "")
        }
    }

    func accountName(_ number: AccountNumber) -> String {
        HTML.escape(directory.account(number)?.name ?? number.value)
    }

    /// Who runs the escalation: the case owner, or the account escalation's assignee (else the
    /// account's escalation manager).
    func owner(source: EscalationSource, assignedTo: EmailAddress?) -> EmailAddress? {
        switch source {
        case .supportCase(let number): directory.supportCase(number)?.owner
        case .account(let number): assignedTo ?? directory.account(number)?.escalationManager
        }
    }
}
