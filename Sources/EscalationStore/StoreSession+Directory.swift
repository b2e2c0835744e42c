import EscalationCore
import EscalationValues
import Foundation
import GRDB

extension StoreSession {
    /// Replaces the whole directory with this one (call inside one transaction).
    public func replaceDirectory(_ directory: Directory) throws {
        try replaceDirectory(parts: [directory])
    }

    /// Replaces the directory with the records of `parts`, which share no record: a directory
    /// made one part at a time need never be held in memory whole.
    public func replaceDirectory(parts: some Sequence<Directory>) throws {
        let tables = ["directory_account_domain", "directory_account_team", "directory_account", "directory_contact", "directory_staff", "directory_case"]
        for table in tables {
            try statement("DELETE FROM \(table)").execute()
        }
        for directory in parts {
            try insert(directory)
        }
    }

    private func insert(_ directory: Directory) throws {
        for account in directory.accounts.values {
            try statement("INSERT INTO directory_account(number, name, escalation_manager, tier) VALUES (?, ?, ?, ?)").execute(
                arguments: [account.number, account.name, account.escalationManager, account.tier])
            for (position, domain) in account.domains.enumerated() {
                try statement("INSERT INTO directory_account_domain(account, position, domain) VALUES (?, ?, ?)").execute(
                    arguments: [account.number, position, domain])
            }
            for (position, member) in account.team.enumerated() {
                try statement("INSERT INTO directory_account_team(account, position, member) VALUES (?, ?, ?)").execute(
                    arguments: [account.number, position, member])
            }
        }
        for contact in directory.contacts.values {
            try statement("INSERT INTO directory_contact(email, name, account) VALUES (?, ?, ?)").execute(
                arguments: [contact.email, contact.name, contact.account])
        }
        for member in directory.staff.values {
            try statement("INSERT INTO directory_staff(email, name) VALUES (?, ?)").execute(arguments: [member.email, member.name])
        }
        for supportCase in directory.cases.values {
            try statement(
                """
                INSERT INTO directory_case(number, account, subject, owner, assignment_group, group_manager, contact)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """
            ).execute(
                arguments: [
                    supportCase.number, supportCase.account, supportCase.subject, supportCase.owner, supportCase.assignmentGroup,
                    supportCase.groupManager, supportCase.contact,
                ])
        }
    }

    /// Loads the whole directory into memory.
    public func directory() throws -> Directory {
        let domains = try accountLists("SELECT account, position, domain FROM directory_account_domain", as: String.self)
        let teams = try accountLists("SELECT account, position, member FROM directory_account_team", as: EmailAddress.self)
        let accounts = try Row.fetchAll(try statement("SELECT number, name, escalation_manager, tier FROM directory_account")).map { row in
            let number: AccountNumber = try row.decode(atIndex: 0)
            return Account(
                number: number, name: try row.decode(atIndex: 1), domains: domains[number] ?? [], team: teams[number] ?? [],
                escalationManager: try row.decode(atIndex: 2), tier: try row.decode(atIndex: 3))
        }
        let contacts = try Row.fetchAll(try statement("SELECT email, name, account FROM directory_contact")).map { row in
            Contact(email: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1), account: try row.decode(atIndex: 2))
        }
        let staff = try Row.fetchAll(try statement("SELECT email, name FROM directory_staff")).map { row in
            StaffMember(email: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1))
        }
        let cases = try Row.fetchAll(
            try statement("SELECT number, account, subject, owner, assignment_group, group_manager, contact FROM directory_case")
        ).map { row in
            SupportCase(
                number: try row.decode(atIndex: 0), account: try row.decode(atIndex: 1), subject: try row.decode(atIndex: 2),
                owner: try row.decode(atIndex: 3), assignmentGroup: try row.decode(atIndex: 4), groupManager: try row.decode(atIndex: 5),
                contact: try row.decode(atIndex: 6))
        }
        return Directory(accounts: accounts, contacts: contacts, staff: staff, cases: cases)
    }

    /// An account list table's `(account, position, value)` rows as each account's list, in
    /// position order.
    private func accountLists<Value: DatabaseValueConvertible>(_ sql: String, as: Value.Type) throws -> [AccountNumber: [Value]] {
        var entries: [AccountNumber: [(position: Int, value: Value)]] = [:]
        for row in try Row.fetchAll(try statement(sql)) {
            entries[try row.decode(atIndex: 0), default: []].append((try row.decode(atIndex: 1), try row.decode(atIndex: 2)))
        }
        return entries.mapValues { list in list.sorted { $0.position < $1.position }.map(\.value) }
    }
}
