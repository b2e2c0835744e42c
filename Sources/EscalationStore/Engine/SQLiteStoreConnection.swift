import Foundation
import GRDB
import GRDBSQLite

/// A connection of the embedded engine: GRDB's SQLite connection, each SQL text prepared once
/// per connection and reused (preparing SQL again for every mail cost more than running it).
///
/// Statements are bound and stepped through SQLite's own calls on GRDB's prepared statement:
/// GRDB's arguments, bindings and row cursors cost more per statement than SQLite's work for
/// the store's short statements (about 60 per mail), and the store needs none of what they add
/// (observers, a schema cache). Transactions and savepoints stay GRDB's.
struct SQLiteStoreConnection: SQLConnection {
    let db: Database

    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let statement = try bound(sql, arguments)
        while true {
            switch sqlite3_step(statement.sqliteStatement) {
            case SQLITE_DONE: return Int(sqlite3_changes(db.sqliteConnection))
            case SQLITE_ROW: continue
            case let code: throw failure(code, statement)
            }
        }
    }

    func count(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let statement = try bound(sql, arguments)
        var rows = 0
        while true {
            switch sqlite3_step(statement.sqliteStatement) {
            case SQLITE_DONE: return rows
            case SQLITE_ROW: rows += 1
            case let code: throw failure(code, statement)
            }
        }
    }

    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        try execute(sql, arguments)
        return sqlite3_last_insert_rowid(db.sqliteConnection)
    }

    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow] {
        let statement = try bound(sql, arguments)
        let handle = statement.sqliteStatement
        let columns = statement.columnNames
        var rows: [SQLRow] = []
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_DONE: return rows
            case SQLITE_ROW:
                rows.append(SQLRow(columns: columns, values: (0..<CInt(columns.count)).map { Self.value(handle, at: $0) }))
            case let code: throw failure(code, statement)
            }
        }
    }

    func savepoint(_ work: () throws -> Void) throws {
        try db.inSavepoint {
            try work()
            return .commit
        }
    }

    /// The cached statement for `sql`, reset and bound to `arguments`.
    private func bound(_ sql: String, _ arguments: SQLArguments) throws -> Statement {
        let statement = try db.cachedStatement(sql: sql)
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        guard arguments.count == Int(sqlite3_bind_parameter_count(handle)) else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(arguments.count) values for \(sqlite3_bind_parameter_count(handle)) placeholders", sql: sql)
        }
        for (offset, argument) in arguments.enumerated() {
            let index = CInt(offset + 1)
            let code: CInt
            switch argument?.databaseValue.storage ?? .null {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int64(let value): code = sqlite3_bind_int64(handle, index, value)
            case .double(let value): code = sqlite3_bind_double(handle, index, value)
            case .string(let value): code = sqlite3_bind_text(handle, index, value, -1, Self.transient)
            case .blob(let value):
                code = value.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), CInt(bytes.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code, statement) }
        }
        return statement
    }

    /// The error SQLite reported for `statement`, as GRDB reports it (code, message, SQL).
    private func failure(_ code: CInt, _ statement: Statement) -> DatabaseError {
        let extended = sqlite3_extended_errcode(db.sqliteConnection)
        sqlite3_reset(statement.sqliteStatement)
        return DatabaseError(
            resultCode: ResultCode(rawValue: extended == 0 ? code : extended), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
            sql: statement.sql)
    }

    /// Column `index` of the current row.
    private static func value(_ handle: OpaquePointer, at index: CInt) -> DatabaseValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, index).databaseValue
        case SQLITE_FLOAT: return sqlite3_column_double(handle, index).databaseValue
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let text = sqlite3_column_text(handle, index) else { return "".databaseValue }
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self).databaseValue
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index) else { return Data().databaseValue }
            return Data(bytes: bytes, count: count).databaseValue
        default: return .null
        }
    }

    /// SQLite's "copy the value now" destructor for bound text and blobs.
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
}
