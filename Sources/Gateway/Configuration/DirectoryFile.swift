import EscalationCore
import EscalationValues
import Foundation

/// The directory import file (JSON): accounts, contacts, staff and cases.
public enum DirectoryFile {
    private struct AccountEntry: Decodable {
        var number: AccountNumber
        var name: String
        var domains: [String]?
        var team: [EmailAddress]?
        var escalation_manager: EmailAddress?
        var tier: String?
    }

    private struct CaseEntry: Decodable {
        var number: CaseNumber
        var account: AccountNumber
        var subject: String
        var owner: EmailAddress
        var assignment_group: String?
        var group_manager: EmailAddress?
        var contact: EmailAddress?
    }

    private struct FileShape: Decodable {
        var accounts: [AccountEntry]?
        var contacts: [Contact]?
        var staff: [StaffMember]?
        var cases: [CaseEntry]?
    }

    /// Reads and checks a directory file: every reference must resolve (a contact's or case's
    /// account, a case's contact). Nothing is returned half-read.
    public static func load(path: String) throws -> Directory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: "", expected: "a readable JSON file (it does not exist or cannot be read)")
        }
        let shape: FileShape
        do {
            shape = try JSONDecoder().decode(FileShape.self, from: data)
        } catch let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ConfigError(file: path, key: keyPath(context.codingPath), expected: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw ConfigError(file: path, key: keyPath(context.codingPath + [key]), expected: "a value (the key is missing)")
        } catch {
            throw ConfigError(file: path, key: "", expected: "valid JSON: \(error.localizedDescription)")
        }
        let accounts = (shape.accounts ?? []).map {
            Account(number: $0.number, name: $0.name, domains: $0.domains ?? [], team: $0.team ?? [], escalationManager: $0.escalation_manager, tier: $0.tier)
        }
        let accountNumbers = Set(accounts.map(\.number))
        for (index, contact) in (shape.contacts ?? []).enumerated() where !accountNumbers.contains(contact.account) {
            throw ConfigError(file: path, key: "contacts[\(index)].account", expected: "an account number listed under accounts, got \(contact.account)")
        }
        let cases = try (shape.cases ?? []).enumerated().map { index, entry in
            guard accountNumbers.contains(entry.account) else {
                throw ConfigError(file: path, key: "cases[\(index)].account", expected: "an account number listed under accounts, got \(entry.account)")
            }
            return SupportCase(
                number: entry.number, account: entry.account, subject: entry.subject, owner: entry.owner, assignmentGroup: entry.assignment_group,
                groupManager: entry.group_manager, contact: entry.contact)
        }
        return Directory(accounts: accounts, contacts: shape.contacts ?? [], staff: shape.staff ?? [], cases: cases)
    }

    private static func keyPath(_ path: [any CodingKey]) -> String {
        path.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }.joined().trimmingCharacters(in: CharacterSet(charactersIn: "."))
            .replacingOccurrences(of: ".[", with: "[")
    }
}
