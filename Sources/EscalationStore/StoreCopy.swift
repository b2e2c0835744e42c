public import Foundation
import GRDB

/// How many rows of each table `Store.copy(into:)` copied, in the order it copied them.
public struct StoreCopyCounts: Sendable {
    public var tables: [(name: String, rows: Int)]

    /// Every row copied.
    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// Why a store cannot be copied.
public struct StoreCopyError: Error, CustomStringConvertible {
    public var description: String
}

extension Store {
    /// Copies every row of this SQLite store into `target`, an empty PostgreSQL store with this
    /// build's schema, in one transaction: the copy is whole or not there at all. Tables are
    /// copied in the order the migrations created them, each in its insertion order (`rowid`),
    /// so that rows ordered by insertion read the same; generated columns are computed again;
    /// identity columns continue after the highest copied number. Throws, copying nothing, when
    /// the target already holds mail, requests, outbox mail or a directory.
    public func copy(into target: Store) throws -> StoreCopyCounts {
        let source = try sqliteEngine()
        guard target.engine is PostgresEngine else { throw StoreCopyError(description: "the target is not a PostgreSQL store") }
        let tables = try source.read { try $0.copiedTables() }
        return try target.transaction { destination in
            let held: Int =
                try destination.value(
                    "SELECT (SELECT COUNT(*) FROM receipt) + (SELECT COUNT(*) FROM request) + (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM directory_account)"
                ) ?? 0
            guard held == 0 else {
                throw StoreCopyError(
                    description:
                        "\(target.location.description) already holds \(held) receipts, requests, outbox mails or accounts: copy into an empty database"
                )
            }
            var counts = StoreCopyCounts(tables: [])
            for table in tables {
                var copied = 0
                let insert =
                    "INSERT INTO \(table.name)(\(table.columns.joined(separator: ", "))) VALUES (\(table.columns.map { _ in "?" }.joined(separator: ", ")))"
                while true {
                    let rows = try source.read { session in
                        try session.rows(
                            "SELECT \(table.columns.joined(separator: ", ")) FROM \(table.name)\(table.hasRowID ? " ORDER BY rowid" : "") LIMIT ? OFFSET ?",
                            [Self.copiedPerRead, copied])
                    }
                    for row in rows { try destination.execute(insert, row.values.map { $0 }) }
                    copied += rows.count
                    if rows.count < Self.copiedPerRead { break }
                }
                if let identity = table.identity {
                    try destination.execute(
                        "SELECT setval(pg_get_serial_sequence('\(table.name)', '\(identity)'), COALESCE(MAX(\(identity)), 0) + 1, false) FROM \(table.name)"
                    )
                }
                counts.tables.append((table.name, copied))
            }
            return counts
        }
    }

    /// Rows read from the source at a time: a raw mail may be megabytes.
    private static let copiedPerRead = 500
}

/// A table as `Store.copy(into:)` copies it.
struct CopiedTable {
    var name: String
    /// The stored columns (not the generated ones), in order.
    var columns: [String]
    var hasRowID: Bool
    /// The `INTEGER PRIMARY KEY` column, which PostgreSQL numbers with an identity.
    var identity: String?
}

extension StoreSession {
    /// The store's tables in the order the migrations created them.
    func copiedTables() throws -> [CopiedTable] {
        let tables = try rows(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations' ORDER BY rowid")
        return try tables.map { table in
            let name: String = table["name"]
            let sql: String = table["sql"]
            let columns = try rows("SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)", [name])
            let keys = columns.filter { ($0["pk"] as Int) > 0 }
            let identity = keys.count == 1 && (keys[0]["type"] as String).uppercased() == "INTEGER" ? keys[0]["name"] as String : nil
            return CopiedTable(
                name: name, columns: columns.filter { ![2, 3].contains($0["hidden"] as Int) }.map { $0["name"] },
                hasRowID: !sql.uppercased().contains("WITHOUT ROWID"), identity: identity)
        }
    }
}
