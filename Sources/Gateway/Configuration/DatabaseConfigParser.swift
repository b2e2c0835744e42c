import EscalationCore
import EscalationStore
import Foundation

/// Reads where the store is: `[gateway] database = "path"` (a SQLite file, as always), or a
/// `[database]` table: `kind = "sqlite"` with `path`, or `kind = "postgres"` with `url`, the
/// password from `password_file` or `password_env` (never inline) and `lease`, how long an
/// instance's hold on a mailbox lasts without renewal.
struct DatabaseConfigParser {
    let root: TOMLReader
    let resolve: (String) -> URL

    /// The store's location and the lease time of shared work.
    func parse() throws -> (location: StoreLocation, lease: TimeSpan) {
        let gateway = try root.table("gateway")
        let defaultLease = TimeSpan(seconds: 15)
        guard let reader = try root.optionalTable("database") else {
            guard let path = try gateway.optionalString("database") else {
                throw ConfigError(
                    file: root.file, key: gateway.key("database"),
                    expected: "the SQLite file (e.g. \"state/gateway.sqlite\"), or a [database] table for PostgreSQL (kind = \"postgres\", url)")
            }
            return (.sqlite(path: resolve(path).path), defaultLease)
        }
        if gateway.has("database") {
            throw ConfigError(
                file: root.file, key: gateway.key("database"),
                expected: "no [gateway] database beside a [database] table: keep one (the table says kind = \"sqlite\" or \"postgres\")")
        }
        let kind = try reader.string("kind")
        switch kind {
        case "sqlite":
            try reader.allowOnly(["kind", "path"])
            return (.sqlite(path: resolve(try reader.string("path")).path), defaultLease)
        case "postgres":
            try reader.allowOnly(["kind", "url", "password_file", "password_env", "lease"])
            let url = try reader.string("url")
            if URLComponents(string: url)?.password != nil {
                throw ConfigError(
                    file: root.file, key: reader.key("url"),
                    expected: "a URL without its password (postgres://user@host/database): put it in password_file or password_env")
            }
            let location: PostgresLocation
            do {
                location = try PostgresLocation(url: url, password: try reader.password(resolve: resolve))
            } catch let error as PostgresLocationError {
                throw ConfigError(
                    file: root.file, key: reader.key("url"),
                    expected: "postgres://user@host:port/database?sslmode=disable|require|verify-full: \(error.reason), got \"\(url)\"")
            }
            let lease = try reader.span("lease", default: "15s")
            guard lease.seconds >= 3 else {
                throw ConfigError(file: root.file, key: reader.key("lease"), expected: "at least 3s (default 15s), got \(lease)")
            }
            return (.postgres(location), lease)
        default:
            throw ConfigError(file: root.file, key: reader.key("kind"), expected: "\"sqlite\" or \"postgres\", got \"\(kind)\"")
        }
    }
}
