import GRDB

/// The values bound to a statement's placeholders (`?`), in order.
typealias SQLArguments = [(any DatabaseValueConvertible)?]

/// One open connection of the store's engine, inside a transaction or snapshot: it runs the
/// store's SQL and returns engine-neutral rows (`SQLRow`). The store's queries go only
/// through it, so that they are written once for every engine.
protocol SQLConnection {
    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int
    /// Runs a query; returns all its rows.
    func rows(_ sql: String, _ arguments: SQLArguments) throws -> [SQLRow]
    /// Runs `work` in a savepoint: when it throws, only what it wrote is rolled back.
    func savepoint(_ work: () throws -> Void) throws
}
