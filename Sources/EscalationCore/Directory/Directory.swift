public import EscalationValues
import Foundation

/// Read access to accounts, contacts, staff and cases. The in-memory `Directory` is one
/// implementation; a store may offer another. Lookups never perform writes.
public protocol DirectoryLookup: Sendable {
    func account(_ number: AccountNumber) -> Account?
    func supportCase(_ number: CaseNumber) -> SupportCase?
    func contact(_ address: EmailAddress) -> Contact?
    func staffMember(_ address: EmailAddress) -> StaffMember?
    /// Accounts one of whose mail domains is this domain.
    func accounts(withDomain domain: String) -> [Account]
}

/// The whole directory as values, indexed for lookups.
public struct Directory: DirectoryLookup, Hashable {
    public private(set) var accounts: [AccountNumber: Account]
    public private(set) var contacts: [EmailAddress: Contact]
    public private(set) var staff: [EmailAddress: StaffMember]
    public private(set) var cases: [CaseNumber: SupportCase]

    public init(accounts: [Account] = [], contacts: [Contact] = [], staff: [StaffMember] = [], cases: [SupportCase] = []) {
        self.accounts = Dictionary(accounts.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
        self.contacts = Dictionary(contacts.map { ($0.email, $0) }, uniquingKeysWith: { _, last in last })
        self.staff = Dictionary(staff.map { ($0.email, $0) }, uniquingKeysWith: { _, last in last })
        self.cases = Dictionary(cases.map { ($0.number, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func account(_ number: AccountNumber) -> Account? { accounts[number] }
    public func supportCase(_ number: CaseNumber) -> SupportCase? { cases[number] }
    public func contact(_ address: EmailAddress) -> Contact? { contacts[address] }
    public func staffMember(_ address: EmailAddress) -> StaffMember? { staff[address] }
    public func accounts(withDomain domain: String) -> [Account] {
        accounts.values.filter { $0.domains.contains(domain.lowercased()) }.sorted { $0.number < $1.number }
    }
}
