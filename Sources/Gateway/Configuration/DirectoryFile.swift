public import EscalationCore
import EscalationValues
import Foundation

/// The directory import: accounts, contacts, staff and cases, from one JSON file or from CSV
/// files (one per kind, `DirectoryCSV`). Both are decoded into the same entries and checked
/// by `directory(from:error:)`, so that they accept and refuse the same records.
public enum DirectoryFile {
    /// The four kinds of record, as the JSON file's keys and the CSV files' names.
    enum Kind: String, CaseIterable {
        case accounts, contacts, staff, cases
    }

    struct AccountEntry: Decodable {
        var number: AccountNumber
        var name: String
        var domains: [String]?
        var team: [EmailAddress]?
        var escalationManager: EmailAddress?
        var tier: String?

        enum CodingKeys: String, CodingKey {
            case number, name, domains, team, tier
            case escalationManager = "escalation_manager"
        }
    }

    struct CaseEntry: Decodable {
        var number: CaseNumber
        var account: AccountNumber
        var subject: String
        var owner: EmailAddress
        var assignmentGroup: String?
        var groupManager: EmailAddress?
        var contact: EmailAddress?

        enum CodingKeys: String, CodingKey {
            case number, account, subject, owner, contact
            case assignmentGroup = "assignment_group"
            case groupManager = "group_manager"
        }
    }

    /// The records as read, before their references are checked.
    struct Entries: Decodable {
        var accounts: [AccountEntry]?
        var contacts: [Contact]?
        var staff: [StaffMember]?
        var cases: [CaseEntry]?
    }

    /// Reads and checks a directory: one JSON file, or CSV files named after their kind
    /// (`accounts.csv`, `contacts.csv`, `staff.csv`, `cases.csv`; a kind without a file has no
    /// records). Nothing is returned half-read.
    /// - Throws: `ConfigError` naming the file and the key (JSON) or the line and column (CSV).
    public static func load(paths: [String]) throws -> Directory {
        let csv = paths.filter { $0.lowercased().hasSuffix(".csv") }
        if csv.isEmpty, paths.count == 1 { return try load(path: paths[0]) }
        guard csv.count == paths.count, !paths.isEmpty else {
            throw ConfigError(
                file: paths.joined(separator: ", "), key: "",
                expected: "one JSON file, or CSV files named accounts.csv, contacts.csv, staff.csv and cases.csv")
        }
        return try DirectoryCSV.load(paths: csv)
    }

    /// Reads and checks a JSON directory file: every reference must resolve (a contact's or
    /// case's account). Nothing is returned half-read.
    public static func load(path: String) throws -> Directory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: "", expected: "a readable JSON file (it does not exist or cannot be read)")
        }
        let entries: Entries
        do {
            entries = try JSONDecoder().decode(Entries.self, from: data)
        } catch let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ConfigError(file: path, key: keyPath(context.codingPath), expected: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigError(file: path, key: keyPath(context.codingPath + [key]), expected: "a value (the key is missing)")
        } catch {
            throw ConfigError(file: path, key: "", expected: "valid JSON: \(error.localizedDescription)")
        }
        return try directory(from: entries) { kind, index, field, expected in
            ConfigError(file: path, key: "\(kind.rawValue)[\(index)].\(field)", expected: expected)
        }
    }

    /// The directory of decoded entries once every reference resolves (a contact's or case's
    /// account); `error` places a problem: the kind, the record's index in it, the field.
    static func directory(
        from entries: Entries, error: (_ kind: Kind, _ index: Int, _ field: String, _ expected: String) -> ConfigError
    ) throws -> Directory {
        let accounts = (entries.accounts ?? []).map {
            Account(
                number: $0.number, name: $0.name, domains: $0.domains ?? [], team: $0.team ?? [], escalationManager: $0.escalationManager,
                tier: $0.tier)
        }
        let accountNumbers = Set(accounts.map(\.number))
        for (index, contact) in (entries.contacts ?? []).enumerated() where !accountNumbers.contains(contact.account) {
            throw error(.contacts, index, "account", "an account number listed under accounts, got \(contact.account)")
        }
        let cases = try (entries.cases ?? []).enumerated().map { index, entry in
            guard accountNumbers.contains(entry.account) else {
                throw error(.cases, index, "account", "an account number listed under accounts, got \(entry.account)")
            }
            return SupportCase(
                number: entry.number, account: entry.account, subject: entry.subject, owner: entry.owner, assignmentGroup: entry.assignmentGroup,
                groupManager: entry.groupManager, contact: entry.contact)
        }
        return Directory(accounts: accounts, contacts: entries.contacts ?? [], staff: entries.staff ?? [], cases: cases)
    }

    private static func keyPath(_ path: [any CodingKey]) -> String {
        path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            .replacingOccurrences(of: ".[", with: "[")
    }
}
