import EscalationCore
import EscalationValues
import Foundation
import TOMLKit

/// Typed access to one TOML table that turns every missing or mistyped key into a
/// `ConfigError` naming the file and the full key path.
struct TOMLReader {
    let file: String
    let table: TOMLTable
    let path: String

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// Whether the table sets `name`.
    func has(_ name: String) -> Bool { table[name] != nil }

    /// Whether `name` is a single table (`[name]`), not an array of them (`[[name]]`).
    func isTable(_ name: String) -> Bool { table[name]?.table != nil }

    func optionalString(_ name: String) throws -> String? {
        guard let value = table[name] else { return nil }
        guard let string = value.string else { throw ConfigError(file: file, key: key(name), expected: "a string in quotes") }
        return string
    }

    func string(_ name: String) throws -> String {
        guard let value = try optionalString(name) else { throw ConfigError(file: file, key: key(name), expected: "a string (the key is missing)") }
        return value
    }

    func optionalInt(_ name: String) throws -> Int? {
        guard let value = table[name] else { return nil }
        guard let int = value.int else { throw ConfigError(file: file, key: key(name), expected: "a whole number") }
        return int
    }

    func int(_ name: String, default fallback: Int) throws -> Int { try optionalInt(name) ?? fallback }

    func bool(_ name: String, default fallback: Bool) throws -> Bool {
        guard let value = table[name] else { return fallback }
        guard let bool = value.bool else { throw ConfigError(file: file, key: key(name), expected: "true or false") }
        return bool
    }

    func double(_ name: String, default fallback: Double) throws -> Double {
        guard let value = table[name] else { return fallback }
        if let double = value.double { return double }
        if let int = value.int { return Double(int) }
        throw ConfigError(file: file, key: key(name), expected: "a number")
    }

    func strings(_ name: String) throws -> [String] {
        guard let value = table[name] else { return [] }
        guard let array = value.array else { throw ConfigError(file: file, key: key(name), expected: "a list of strings, e.g. [\"a\", \"b\"]") }
        return try array.enumerated().map { index, element in
            guard let string = element.string else { throw ConfigError(file: file, key: "\(key(name))[\(index)]", expected: "a string in quotes") }
            return string
        }
    }

    func span(_ name: String, default fallback: String? = nil) throws -> TimeSpan {
        guard let text = try optionalString(name) ?? fallback else {
            throw ConfigError(file: file, key: key(name), expected: "a duration such as \"30m\", \"4h\" or \"2d\" (the key is missing)")
        }
        guard let span = TimeSpan(text) else {
            throw ConfigError(
                file: file, key: key(name), expected: "a duration such as \"30m\", \"4h\" or \"2d\" (units s, m, h, d), got \"\(text)\"")
        }
        return span
    }

    /// A duration that may be left out or written `"none"`: nil then. Zero is refused (say "none").
    func optionalSpan(_ name: String) throws -> TimeSpan? {
        guard let text = try optionalString(name), text.lowercased() != "none" else { return nil }
        let span = try span(name)
        guard span.seconds > 0 else { throw ConfigError(file: file, key: key(name), expected: "a duration above zero, or \"none\", got \"\(text)\"") }
        return span
    }

    func address(_ name: String) throws -> EmailAddress {
        let text = try string(name)
        guard let address = EmailAddress(text) else { throw ConfigError(file: file, key: key(name), expected: "a mail address, got \"\(text)\"") }
        return address
    }

    func optionalTable(_ name: String) throws -> TOMLReader? {
        guard let value = table[name] else { return nil }
        guard let sub = value.table else { throw ConfigError(file: file, key: key(name), expected: "a table ([\(key(name))])") }
        return TOMLReader(file: file, table: sub, path: key(name))
    }

    func table(_ name: String) throws -> TOMLReader {
        guard let sub = try optionalTable(name) else { throw ConfigError(file: file, key: key(name), expected: "a [\(key(name))] section (missing)") }
        return sub
    }

    func tables(_ name: String) throws -> [TOMLReader] {
        guard let value = table[name] else { return [] }
        guard let array = value.array else { throw ConfigError(file: file, key: key(name), expected: "an array of tables ([[\(key(name))]])") }
        return try array.enumerated().map { index, element in
            guard let sub = element.table else { throw ConfigError(file: file, key: "\(key(name))[\(index)]", expected: "a table") }
            return TOMLReader(file: file, table: sub, path: "\(key(name))[\(index)]")
        }
    }

    /// Rejects keys this version does not know, so that a typo is reported rather than ignored.
    func allowOnly(_ names: Set<String>) throws {
        for name in table.keys where !names.contains(name) {
            if name == "password" {
                throw ConfigError(
                    file: file, key: key(name), expected: "no password inline: put it in a file (password_file) or the environment (password_env)")
            }
            throw ConfigError(file: file, key: key(name), expected: "an unknown key; known keys here: \(names.sorted().joined(separator: ", "))")
        }
    }
}
