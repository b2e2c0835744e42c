public import EscalationCore
public import EscalationValues
import Foundation
import GRDB

extension StoreSession {
    /// Replaces the whole directory with this one (call inside one transaction).
    public func replaceDirectory(_ directory: Directory) throws {
        try replaceDirectory(parts: [directory])
    }

    /// Replaces the directory with the records of `parts`, which share no record: a directory
    /// made one part at a time need never be held in memory whole. Counts the import, so that
    /// a running gateway's `StoreDirectory` forgets what it read before.
    public func replaceDirectory(parts: some Sequence<Directory>) throws {
        let tables = [
            "directory_account_domain", "directory_account_team", "directory_account", "directory_contact", "directory_staff", "directory_case",
        ]
        for table in tables {
            try execute("DELETE FROM \(table)")
        }
        for directory in parts {
            try insert(directory)
        }
        try execute(
            "INSERT INTO counter(name, value) VALUES ('\(Self.directoryGeneration)', 1) ON CONFLICT(name) DO UPDATE SET value = counter.value + 1"
        )
    }

    /// How many times the directory was imported (0: never since the count began).
    func directoryGeneration() throws -> Int {
        (try value("SELECT value FROM counter WHERE name = '\(Self.directoryGeneration)'") as Int?) ?? 0
    }

    private static let directoryGeneration = "directory-generation"

    private func insert(_ directory: Directory) throws {
        for account in directory.accounts.values {
            try execute(
                "INSERT INTO directory_account(number, name, escalation_manager, tier) VALUES (?, ?, ?, ?)",
                [account.number, account.name, account.escalationManager, account.tier])
            for (position, domain) in account.domains.enumerated() {
                try execute("INSERT INTO directory_account_domain(account, position, domain) VALUES (?, ?, ?)", [account.number, position, domain])
            }
            for (position, member) in account.team.enumerated() {
                try execute("INSERT INTO directory_account_team(account, position, member) VALUES (?, ?, ?)", [account.number, position, member])
            }
        }
        for contact in directory.contacts.values {
            try execute("INSERT INTO directory_contact(email, name, account) VALUES (?, ?, ?)", [contact.email, contact.name, contact.account])
        }
        for member in directory.staff.values {
            try execute("INSERT INTO directory_staff(email, name) VALUES (?, ?)", [member.email, member.name])
        }
        for supportCase in directory.cases.values {
            try execute(
                """
                INSERT INTO directory_case(number, account, subject, owner, assignment_group, group_manager, contact)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    supportCase.number, supportCase.account, supportCase.subject, supportCase.owner, supportCase.assignmentGroup,
                    supportCase.groupManager, supportCase.contact,
                ])
        }
    }

    /// Loads the whole directory into memory.
    public func directory() throws -> Directory {
        let domains = try accountLists(DirectorySQL.domains, as: String.self)
        let teams = try accountLists(DirectorySQL.teams, as: EmailAddress.self)
        return Directory(
            accounts: try rows(DirectorySQL.accounts).map { row in
                try Self.account(row, domains: domains[try row.decode(atIndex: 0)] ?? [], team: teams[try row.decode(atIndex: 0)] ?? [])
            },
            contacts: try rows(DirectorySQL.contacts).map(Self.contact),
            staff: try rows(DirectorySQL.staff).map(Self.staffMember),
            cases: try rows(DirectorySQL.cases).map(Self.supportCase))
    }

    /// The first `limit` cases, by number, that name no group manager.
    public func casesWithoutGroupManager(limit: Int) throws -> [CaseNumber] {
        (try values("SELECT number FROM directory_case WHERE group_manager IS NULL ORDER BY number LIMIT ?", [limit]) as [CaseNumber])
    }

    /// One account, with its domains and team.
    func account(_ number: AccountNumber) throws -> Account? {
        guard let row = try row(DirectorySQL.accounts + " WHERE number = ?", [number]) else { return nil }
        let domains = try accountLists(DirectorySQL.domains + " WHERE account = ?", [number], as: String.self)[number] ?? []
        let team = try accountLists(DirectorySQL.teams + " WHERE account = ?", [number], as: EmailAddress.self)[number] ?? []
        return try Self.account(row, domains: domains, team: team)
    }

    /// The accounts one of whose mail domains is `domain` (lowercased), by number.
    func accounts(withDomain domain: String) throws -> [Account] {
        try (try values(DirectorySQL.accountsOfDomain, [domain]) as [AccountNumber]).compactMap(account)
    }

    func supportCase(_ number: CaseNumber) throws -> SupportCase? {
        try row(DirectorySQL.cases + " WHERE number = ?", [number]).map(Self.supportCase)
    }

    func contact(_ address: EmailAddress) throws -> Contact? {
        try row(DirectorySQL.contacts + " WHERE email = ?", [address]).map(Self.contact)
    }

    func staffMember(_ address: EmailAddress) throws -> StaffMember? {
        try row(DirectorySQL.staff + " WHERE email = ?", [address]).map(Self.staffMember)
    }

    private static func account(_ row: SQLRow, domains: [String], team: [EmailAddress]) throws -> Account {
        Account(
            number: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1), domains: domains, team: team,
            escalationManager: try row.decode(atIndex: 2), tier: try row.decode(atIndex: 3))
    }

    private static func contact(_ row: SQLRow) throws -> Contact {
        Contact(email: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1), account: try row.decode(atIndex: 2))
    }

    private static func staffMember(_ row: SQLRow) throws -> StaffMember {
        StaffMember(email: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1))
    }

    private static func supportCase(_ row: SQLRow) throws -> SupportCase {
        SupportCase(
            number: try row.decode(atIndex: 0), account: try row.decode(atIndex: 1), subject: try row.decode(atIndex: 2),
            owner: try row.decode(atIndex: 3), assignmentGroup: try row.decode(atIndex: 4), groupManager: try row.decode(atIndex: 5),
            contact: try row.decode(atIndex: 6))
    }

    /// An account list table's `(account, position, value)` rows as each account's list, in
    /// position order.
    private func accountLists<Value: DatabaseValueConvertible>(
        _ sql: String, _ arguments: SQLArguments = [], as: Value.Type
    ) throws -> [AccountNumber: [Value]] {
        var entries: [AccountNumber: [(position: Int, value: Value)]] = [:]
        for row in try rows(sql, arguments) {
            entries[try row.decode(atIndex: 0), default: []].append((try row.decode(atIndex: 1), try row.decode(atIndex: 2)))
        }
        return entries.mapValues { list in list.sorted { $0.position < $1.position }.map(\.value) }
    }
}

/// The directory tables' selections, columns in the order the row readers above take them.
enum DirectorySQL {
    static let accounts = "SELECT number, name, escalation_manager, tier FROM directory_account"
    static let domains = "SELECT account, position, domain FROM directory_account_domain"
    static let teams = "SELECT account, position, member FROM directory_account_team"
    static let contacts = "SELECT email, name, account FROM directory_contact"
    static let staff = "SELECT email, name FROM directory_staff"
    static let cases = "SELECT number, account, subject, owner, assignment_group, group_manager, contact FROM directory_case"
    static let accountsOfDomain = "SELECT DISTINCT account FROM directory_account_domain WHERE domain = ? ORDER BY account"
}
