public import Testing

extension Trait where Self == ConditionTrait {
    /// For a test that reads or changes the SQLite file itself (upgrades of old files, query
    /// plans, a full disk, a poisoned row, another process's connection) or runs the demo, which
    /// starts from an empty file of its own: it does not run when the suites run on PostgreSQL
    /// (`TestWorkspace.onPostgres`).
    public static var sqliteFileOnly: Self {
        .enabled(if: !TestWorkspace.onPostgres, "reads or changes the SQLite file itself")
    }
}
