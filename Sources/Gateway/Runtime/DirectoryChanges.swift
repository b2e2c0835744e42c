import EscalationCore
import EscalationStore
import EscalationValues

/// What `import FILE` would change in the stored directory, record by record: its keys (account
/// and case numbers, contact and staff addresses) added, removed or changed, sorted.
public struct DirectoryChanges: Encodable, Sendable, Equatable {
    public struct Records: Encodable, Sendable, Equatable {
        public var added: [String]
        public var removed: [String]
        public var changed: [String]

        init<Key: Hashable, Value: Equatable>(from old: [Key: Value], to new: [Key: Value], key: (Key) -> String) {
            added = new.keys.filter { old[$0] == nil }.map(key).sorted()
            removed = old.keys.filter { new[$0] == nil }.map(key).sorted()
            changed = new.compactMap { entry in old[entry.key].flatMap { $0 == entry.value ? nil : key(entry.key) } }.sorted()
        }

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
    }

    public var accounts: Records
    public var contacts: Records
    public var staff: Records
    public var cases: Records

    init(from old: Directory, to new: Directory) {
        accounts = Records(from: old.accounts, to: new.accounts) { $0.value }
        contacts = Records(from: old.contacts, to: new.contacts) { $0.value }
        staff = Records(from: old.staff, to: new.staff) { $0.value }
        cases = Records(from: old.cases, to: new.cases) { $0.value }
    }

    /// A line per kind that changes, as `import --dry-run` prints them.
    public var lines: [String] {
        let kinds = [("accounts", accounts), ("contacts", contacts), ("staff", staff), ("cases", cases)]
        let changing = kinds.filter { !$0.1.isEmpty }
        guard !changing.isEmpty else { return ["no change"] }
        return changing.map { name, records in
            let parts = [("add", records.added), ("remove", records.removed), ("change", records.changed)].filter { !$0.1.isEmpty }
            return "\(name): " + parts.map { "\($0.0) \($0.1.count) (\($0.1.joined(separator: ", ")))" }.joined(separator: "; ")
        }
    }
}

extension Administration {
    /// What importing the directory files at `paths` (`DirectoryFile.load(paths:)`) would
    /// change, without changing anything.
    /// - Throws: `ConfigError` when the files cannot be used, as `import` would.
    func directoryChanges(paths: [String]) throws -> DirectoryChanges {
        let loaded = try DirectoryFile.load(paths: paths)
        let stored = try store.read { try $0.directory() }
        return DirectoryChanges(from: stored, to: loaded)
    }
}
