import Foundation
import GRDB

/// One row of a query's result, the same for every engine: its values in the statement's
/// column order, read by position (`row[0]`) or by column name (`row["id"]`), converted as
/// GRDB converts a row's values (`DatabaseValueConvertible`).
struct SQLRow {
    /// The statement's column names, shared by all its rows.
    let columns: [String]
    let values: [DatabaseValue]

    /// The value at `index`, converted (`Value` may be optional: NULL reads as nil); a value
    /// that does not convert is a programming error (the SQL and its reader disagree), as with
    /// GRDB's `Row`.
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        do {
            return try decode(atIndex: index)
        } catch {
            preconditionFailure("\(error)")
        }
    }

    /// The value of the column named `name` (compared without case, as SQL names are).
    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        self[index(of: name)]
    }

    /// The value at `index`, converted (`Value` may be optional), or an error naming the column.
    func decode<Value: DatabaseValueConvertible>(atIndex index: Int) throws -> Value {
        guard let value = Value.fromDatabaseValue(values[index]) else {
            throw SQLRowError(column: columns[index], value: values[index], type: "\(Value.self)")
        }
        return value
    }

    /// The value of the column named `name`, converted, or an error naming it.
    func decode<Value: DatabaseValueConvertible>(forColumn name: String) throws -> Value {
        try decode(atIndex: index(of: name))
    }

    private func index(of name: String) -> Int {
        if let index = columns.firstIndex(of: name) { return index }
        guard let index = columns.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
            preconditionFailure("no column \(name) in \(columns)")
        }
        return index
    }
}

/// A stored value that does not convert to what its reader expects.
struct SQLRowError: Error, CustomStringConvertible {
    var column: String
    var value: DatabaseValue
    var type: String

    var description: String { "column \(column) holds \(value), which is not a \(type)" }
}
