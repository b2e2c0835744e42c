import GRDB

/// A record whose rows are written through cached statements with positional arguments.
///
/// GRDB's `PersistableRecord.insert` and `update` fill a keyed `PersistenceContainer` for
/// every row (its column names compared case-insensitively) and look their SQL up by that
/// container; on the mail path that cost about 12% of a mail's CPU time in `bench pipeline`.
/// A row record lists its columns once, in `init(row:)`'s order, with its values in the same
/// order, and its statements are made once per type.
protocol RowRecord {
    /// The columns, primary key first, in `init(row:)`'s and `databaseValues`' order.
    static var columns: [Column] { get }
    /// How many leading `columns` form the primary key.
    static var primaryKeyCount: Int { get }
    /// `INSERT` of every column (`RowSQL.insertion`), kept by the type so it is made once.
    static var insertion: String { get }
    /// The values, in `columns`' order.
    var databaseValues: [(any DatabaseValueConvertible)?] { get }
}

extension RowRecord {
    /// Inserts the row through the session's cached `insertion`.
    func insert(into session: StoreSession) throws {
        try session.execute(Self.insertion, databaseValues)
    }
}

/// A row record whose rows are also updated in place, found by their primary key.
protocol UpdatableRowRecord: RowRecord {
    /// `UPDATE` of every column but the key (`RowSQL.updating`), made once by the type.
    static var updating: String { get }
}

extension UpdatableRowRecord {
    /// Updates the row with the same primary key through the session's cached `updating`.
    func update(in session: StoreSession) throws {
        let values = databaseValues
        let key = Self.primaryKeyCount
        try session.execute(Self.updating, Array(values[key...] + values[..<key]))
    }
}

/// The SQL of a row record's statements, made from its columns.
enum RowSQL {
    /// The column names, comma-separated, for `SELECT` in `init(row:)`'s order, qualified
    /// with `alias` when given.
    static func selection(_ columns: [Column], alias: String? = nil) -> String {
        columns.map { column in alias.map { "\($0).\(column.name)" } ?? column.name }.joined(separator: ", ")
    }

    static func insertion(into table: String, _ columns: [Column]) -> String {
        "INSERT INTO \(table)(\(selection(columns))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    }

    /// `UPDATE` of the columns after the key, bound first, then the key's.
    static func updating(_ table: String, _ columns: [Column], primaryKeyCount: Int) -> String {
        let assignments = columns.dropFirst(primaryKeyCount).map { "\($0.name) = ?" }.joined(separator: ", ")
        let key = columns.prefix(primaryKeyCount).map { "\($0.name) = ?" }.joined(separator: " AND ")
        return "UPDATE \(table) SET \(assignments) WHERE \(key)"
    }
}
