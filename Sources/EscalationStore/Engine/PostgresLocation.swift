import Foundation

/// Where a PostgreSQL store is and how to log in, from a libpq-style URL
/// (`postgres://user@host:port/database?sslmode=require`) and a password kept apart from it.
public struct PostgresLocation: Sendable, Equatable {
    /// How the connection is encrypted, as libpq's `sslmode` names it.
    public enum TLSMode: String, Sendable {
        /// No TLS (a loopback or otherwise private network).
        case disable
        /// TLS without checking the server's certificate.
        case require
        /// TLS with the server's certificate checked against the system's roots (or
        /// `sslrootcert`) and the host name (an address: the certificate's IP addresses).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var username: String
    public var password: String?
    public var database: String
    public var tls: TLSMode
    /// The PEM file of the certificate authority that signed the server's certificate
    /// (`sslrootcert`, with `verify-full`); nil: the system's roots.
    public var rootCertificateFile: String?

    /// Reads `url`; `password` (from a file or the environment) wins over one in the URL.
    public init(url: String, password: String? = nil) throws {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme?.lowercased() ?? "") else {
            throw PostgresLocationError(url: url, reason: "it is not a postgres:// URL")
        }
        guard let host = components.host, !host.isEmpty else { throw PostgresLocationError(url: url, reason: "it names no host") }
        guard let username = components.user, !username.isEmpty else {
            throw PostgresLocationError(url: url, reason: "it names no user (postgres://USER@host/database)")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else { throw PostgresLocationError(url: url, reason: "it names no database (postgres://user@host/DATABASE)") }
        let mode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? TLSMode.disable.rawValue
        guard let tls = TLSMode(rawValue: mode) else {
            throw PostgresLocationError(url: url, reason: "sslmode \(mode) is not one of disable, require, verify-full")
        }
        let rootCertificateFile = components.queryItems?.first { $0.name == "sslrootcert" }?.value
        if rootCertificateFile != nil, tls != .verifyFull {
            throw PostgresLocationError(url: url, reason: "sslrootcert is used with sslmode=verify-full only")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = username
        self.password = password ?? components.password
        self.database = database
        self.tls = tls
        self.rootCertificateFile = rootCertificateFile
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)" + (rootCertificateFile.map { "&sslrootcert=\($0)" } ?? "")
    }
}

/// A PostgreSQL URL that cannot be used, and why.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public var url: String
    public var reason: String

    public init(url: String, reason: String) {
        self.url = url
        self.reason = reason
    }

    public var description: String { "the database URL cannot be used: \(reason)" }
}
