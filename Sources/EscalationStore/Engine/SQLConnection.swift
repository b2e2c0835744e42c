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
    /// Runs a query; returns how many rows it gave, without reading them.
    func count(_ sql: String, _ arguments: SQLArguments) throws -> Int
    /// Runs an `INSERT` of one row into a table keyed by an integer `id`; returns that `id`.
    /// (SQLite answers `RETURNING` through a temporary table: 10 µs more per row than asking
    /// for the last row ID, the outbox's costliest statement per mail.)
    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64
    /// Runs `work` in a savepoint: when it throws, only what it wrote is rolled back.
    func savepoint(_ work: () throws -> Void) throws
}
