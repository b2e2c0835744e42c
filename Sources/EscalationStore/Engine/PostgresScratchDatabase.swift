import Foundation

/// Databases made for one run and dropped after it (benchmarks, tests), on a server where the
/// user may create databases.
public enum PostgresScratchDatabase {
    /// Creates a new, empty database on `server`'s server, named `prefix` and a random part;
    /// returns where it is (`server` with the new database's name).
    public static func create(on server: PostgresLocation, prefix: String = "eg") throws -> PostgresLocation {
        var location = server
        location.database = prefix + "_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresStoreConnection.open(server)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(location.database)", [])
        return location
    }

    /// Drops `database`, ending its connections; connecting through `server` (another database
    /// of the same server). Failures are ignored: the database is gone or the server down.
    public static func drop(_ database: PostgresLocation, through server: PostgresLocation) {
        guard let admin = try? PostgresStoreConnection.open(server) else { return }
        defer { admin.close() }
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(database.database) WITH (FORCE)", [])
    }
}
