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
        for table in ["directory_account", "directory_contact", "directory_staff", "directory_case"] {
            try statement("DELETE FROM \(table)").execute()
        }
        for directory in parts {
            try insert(directory)
        }
    }

    private func insert(_ directory: Directory) throws {
        for account in directory.accounts.values {
            try statement("INSERT INTO directory_account(number, body) VALUES (?, ?)").execute(arguments: [account.number.value, try encode(account)])
        }
        for contact in directory.contacts.values {
            try statement("INSERT INTO directory_contact(email, account, body) VALUES (?, ?, ?)").execute(
                arguments: [contact.email.value, contact.account.value, try encode(contact)])
        }
        for member in directory.staff.values {
            try statement("INSERT INTO directory_staff(email, body) VALUES (?, ?)").execute(arguments: [member.email.value, try encode(member)])
        }
        for supportCase in directory.cases.values {
            try statement("INSERT INTO directory_case(number, account, body) VALUES (?, ?, ?)").execute(
                arguments: [supportCase.number.value, supportCase.account.value, try encode(supportCase)])
        }
    }

    /// Loads the whole directory into memory.
    public func directory() throws -> Directory {
        Directory(
            accounts: try String.fetchAll(try statement("SELECT body FROM directory_account")).map { try decode(Account.self, $0) },
            contacts: try String.fetchAll(try statement("SELECT body FROM directory_contact")).map { try decode(Contact.self, $0) },
            staff: try String.fetchAll(try statement("SELECT body FROM directory_staff")).map { try decode(StaffMember.self, $0) },
            cases: try String.fetchAll(try statement("SELECT body FROM directory_case")).map { try decode(SupportCase.self, $0) })
    }
}
