import EscalationCore
import Foundation

/// The directory from CSV files, one per kind of record, named after it (`accounts.csv`,
/// `contacts.csv`, `staff.csv`, `cases.csv`). The header row names the JSON import's fields;
/// a list field (an account's `domains` and `team`) holds its values in one cell separated
/// by semicolons (`acme.example; acme.test`); an empty cell is an absent value. Each record
/// becomes the entry the JSON import decodes and goes through the same checks; errors name
/// the file, the line and the column.
enum DirectoryCSV {
    /// The columns each kind's file may have.
    static let columns: [DirectoryFile.Kind: [String]] = [
        .accounts: ["number", "name", "domains", "team", "escalation_manager", "tier"],
        .contacts: ["email", "name", "account"],
        .staff: ["email", "name"],
        .cases: ["number", "account", "subject", "owner", "assignment_group", "group_manager", "contact"],
    ]

    /// The columns whose cell holds a list.
    static let listColumns: Set<String> = ["domains", "team"]

    /// What separates a list cell's values.
    static let listSeparator: Character = ";"

    /// A read file: where it is and its records.
    private struct File {
        var path: String
        var table: CSVTable
    }

    static func load(paths: [String]) throws -> Directory {
        var files: [DirectoryFile.Kind: File] = [:]
        for path in paths {
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent.lowercased()
            guard let kind = DirectoryFile.Kind(rawValue: name) else {
                throw ConfigError(
                    file: path, key: "", expected: "a CSV file named accounts.csv, contacts.csv, staff.csv or cases.csv (its kind of record)")
            }
            guard files[kind] == nil else {
                throw ConfigError(file: path, key: "", expected: "one file of \(kind.rawValue) (\(files[kind]?.path ?? "") is another)")
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(file: path, key: "", expected: "a readable CSV file (it does not exist or cannot be read)")
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                throw ConfigError(file: path, key: "", expected: "UTF-8 text")
            }
            files[kind] = File(path: path, table: try CSVTable(text: text, file: path))
        }
        let entries = DirectoryFile.Entries(
            accounts: try files[.accounts].map { try decode($0, kind: .accounts) },
            contacts: try files[.contacts].map { try decode($0, kind: .contacts) },
            staff: try files[.staff].map { try decode($0, kind: .staff) },
            cases: try files[.cases].map { try decode($0, kind: .cases) })
        return try DirectoryFile.directory(from: entries) { kind, index, field, expected in
            let file = files[kind]
            return ConfigError(file: file?.path ?? "", key: "column \"\(field)\"", line: file?.table.records[index].line, expected: expected)
        }
    }

    /// The file's records as the JSON import's entries of `kind`, decoded by the same types.
    private static func decode<Entry: Decodable>(_ file: File, kind: DirectoryFile.Kind) throws -> [Entry] {
        let known = columns[kind] ?? []
        var seen: Set<String> = []
        for column in file.table.header {
            guard known.contains(column) else {
                throw ConfigError(
                    file: file.path, key: "column \"\(column)\"", line: 1,
                    expected: "a field of \(kind.rawValue): \(known.joined(separator: ", "))")
            }
            guard seen.insert(column).inserted else {
                throw ConfigError(file: file.path, key: "column \"\(column)\"", line: 1, expected: "each column once")
            }
        }
        let objects = file.table.records.map { record in
            var object: [String: Any] = [:]
            for (column, cell) in zip(file.table.header, record.cells) {
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty else { continue }
                object[column] =
                    listColumns.contains(column)
                    ? trimmed.split(separator: listSeparator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    : cell
            }
            return object
        }
        do {
            return try JSONDecoder().decode([Entry].self, from: try JSONSerialization.data(withJSONObject: objects))
        } catch let DecodingError.dataCorrupted(context), let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw place(context.codingPath, in: file, expected: context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            let present = file.table.header.contains(key.stringValue)
            throw place(
                context.codingPath + [key], in: file,
                expected: present ? "a value (the cell is empty)" : "a value (the header row has no such column)")
        }
    }

    /// The error at the cell a decoding path leads to: its first index is the record, its
    /// first name the column.
    private static func place(_ path: [any CodingKey], in file: File, expected: String) -> ConfigError {
        let record = path.first?.intValue.map { file.table.records[$0] }
        let column = path.first { $0.intValue == nil }?.stringValue
        return ConfigError(file: file.path, key: column.map { "column \"\($0)\"" } ?? "", line: record?.line, expected: expected)
    }
}
