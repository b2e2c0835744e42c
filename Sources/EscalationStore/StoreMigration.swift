import Foundation
import GRDB

/// Brings a database to this build's schema. Before a migration that moves stored data
/// (`Migrations.rewriting`) runs on a database that has data, the file is copied beside itself
/// (`gateway.sqlite.before-<migration>`, through SQLite's backup, so the copy holds every
/// committed transaction); when a migration fails, that copy is written back, so the file is
/// as it was. A database that a newer build migrated further is refused.
enum StoreMigration {
    static func migrate(_ pool: DatabasePool, path: String) throws {
        let migrator = Migrations.migrator
        let applied = try pool.read { try migrator.appliedIdentifiers($0) }
        if try pool.read(migrator.hasBeenSuperseded) {
            throw StoreError.newerDatabase(path: path, unknown: applied.filter { id in !migrator.migrations.contains(id) }.sorted())
        }
        let firstRewrite = applied.isEmpty ? nil : Migrations.rewriting.first { !applied.contains($0) }
        let copyPath = firstRewrite.map { path + ".before-" + $0 }
        if let copyPath { try pool.backup(to: try DatabaseQueue(path: copyPath)) }
        do {
            try migrator.migrate(pool)
        } catch {
            if let copyPath { try DatabaseQueue(path: copyPath).backup(to: pool) }
            throw StoreError.migrationFailed(path: path, reason: "\(error)", copy: copyPath)
        }
    }
}

/// A migration written once for both engines: each statement is run by SQLite as it is and by
/// PostgreSQL as `PostgresSchema.translated(_:)` writes it (`CREATE TABLE`, `ALTER TABLE … ADD
/// COLUMN`, `CREATE INDEX`), so that an existing PostgreSQL database is migrated in place.
struct PortableMigration: Sendable {
    var identifier: String
    var statements: [String]
}

/// Why a database cannot be opened.
public enum StoreError: Error, CustomStringConvertible {
    /// Written by a newer build: its migrations are unknown here.
    case newerDatabase(path: String, unknown: [String])
    /// A migration failed; the file was left as it was.
    case migrationFailed(path: String, reason: String, copy: String?)

    public var description: String {
        switch self {
        case .newerDatabase(let path, let unknown):
            "\(path) was written by a newer escalation-gateway (schema \(unknown.joined(separator: ", "))); this build cannot read it: run the newer build"
        case .migrationFailed(let path, let reason, let copy):
            "\(path) could not be brought to this build's schema and was left as it was\(copy.map { " (a copy is kept at \($0))" } ?? ""): \(reason)"
        }
    }
}
