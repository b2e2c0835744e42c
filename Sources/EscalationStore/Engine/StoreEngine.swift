/// The database under the store: how it opens write transactions and read snapshots. Every
/// engine gives the store's SQL the same guarantees: a write transaction commits whole or not
/// at all, write transactions run one at a time (across every process sharing the database),
/// and a read sees one committed state.
protocol StoreEngine: SessionReading {
    /// Runs `work` in one write transaction. With `synced` false, the commit may skip waiting
    /// for the disk (a power cut may undo it; a process crash does not). `lease`, when given,
    /// is renewed first, and the transaction fails with `StoreLeaseLost` when it is no longer
    /// held. `cache` is emptied when another connection or process committed since it was
    /// last used.
    func write<T>(synced: Bool, renewing lease: StoreLease?, cache: StateCache, _ work: (StoreSession) throws -> T) throws -> T

    /// Begins a write and lets it go, writing nothing: throws when the database cannot be written.
    func checkWritable() throws

    /// A reader of the directory tables for `StoreDirectory`, apart from the writer's
    /// connection (a lookup may happen inside a write transaction).
    func directoryReader() throws -> any SessionReading
}

/// Runs read-only work on one committed state of the store.
protocol SessionReading: Sendable {
    /// Runs `work` on a read-only snapshot.
    func read<T>(_ work: (StoreSession) throws -> T) throws -> T
}
