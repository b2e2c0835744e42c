import EscalationCore
import EscalationValues
import Foundation
import Gateway

/// Someone who writes in a generated conversation.
struct BenchPerson: Hashable {
    var name: String
    var address: String

    var email: EmailAddress { EmailAddress(unchecked: address) }
    var header: String { "\(name) <\(address)>" }
}

/// The support organisation every generated conversation shares: approvers, managers, agents.
enum BenchStaff {
    static let domain = "support.example"
    static let gateway = "escalations@\(domain)"
    static let dutyManager = BenchPerson(name: "Dana Duty", address: "duty-manager@\(domain)")
    static let vicePresident = BenchPerson(name: "Vic President", address: "vp-support@\(domain)")
    static let agents = (1...40).map { BenchPerson(name: "Agent \($0)", address: "agent\($0)@\(domain)") }
    static let groupManagers = (1...6).map { BenchPerson(name: "Group Manager \($0)", address: "group-manager\($0)@\(domain)") }
    static let escalationManagers = (1...4).map { BenchPerson(name: "Escalation Manager \($0)", address: "em\($0)@\(domain)") }
    static let accountManagers = (1...12).map { BenchPerson(name: "Account Manager \($0)", address: "am\($0)@\(domain)") }

    static var everyone: [BenchPerson] { [dutyManager, vicePresident] + agents + groupManagers + escalationManagers + accountManagers }
}

/// One customer account of the generated directory, with its contacts and cases.
struct BenchAccount {
    var number: AccountNumber
    var name: String
    var domain: String
    var contacts: [BenchPerson]
    var cases: [SupportCase]
    var escalationManager: BenchPerson
    var accountManager: BenchPerson

    init(index: Int, random: inout SeededGenerator) {
        number = AccountNumber(unchecked: String(format: "ACC%07d", 1_000_000 + index))
        name = random.pick(["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"]) + " \(index)"
        domain = "customer\(index).example"
        let domain = domain
        contacts = [("Jane", "Doe"), ("Raj", "Patel"), ("Jürgen", "Groß")].prefix(2 + index % 2).map { first, last in
            BenchPerson(name: "\(first) \(last)", address: "\(first.lowercased().replacingOccurrences(of: "ü", with: "ue"))@\(domain)")
        }
        escalationManager = random.pick(BenchStaff.escalationManagers)
        accountManager = random.pick(BenchStaff.accountManagers)
        let number = number
        let contacts = contacts
        cases = (0..<3).map { offset in
            SupportCase(
                number: CaseNumber(unchecked: String(format: "CS%07d", 3 * index + offset + 1)), account: number,
                subject: random.pick(["Login fails", "Reports are slow", "Invoices missing", "Sync stalls at night", "API returns 502"]),
                owner: random.pick(BenchStaff.agents).email, assignmentGroup: "Tier 2", groupManager: random.pick(BenchStaff.groupManagers).email,
                contact: contacts[offset % contacts.count].email)
        }
    }

    var record: Account {
        Account(
            number: number, name: name, domains: [domain], team: [accountManager.email], escalationManager: escalationManager.email)
    }

    /// The agent who owns the case (every generated case has one of `BenchStaff.agents`).
    func owner(of supportCase: SupportCase) -> BenchPerson {
        BenchStaff.agents.first { $0.address == supportCase.owner.value } ?? BenchStaff.agents[0]
    }
}
