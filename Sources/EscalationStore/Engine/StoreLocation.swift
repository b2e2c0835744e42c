/// Where the store keeps its data.
public enum StoreLocation: Sendable, Equatable {
    /// A SQLite file on this machine (the embedded default).
    case sqlite(path: String)
    /// A PostgreSQL database that several gateway instances may share.
    case postgres(PostgresLocation)

    /// The SQLite file, or nil when the store is elsewhere.
    public var sqlitePath: String? {
        if case .sqlite(let path) = self { path } else { nil }
    }

    /// The file's path, or the URL without its password, for messages and logs.
    public var description: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let location): location.description
        }
    }
}
