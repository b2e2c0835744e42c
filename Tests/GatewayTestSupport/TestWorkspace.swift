import EscalationStore
public import Foundation
public import Gateway
import Logging

/// A throwaway folder with the sample config (paths inside the folder), the repository's
/// templates and the sample directory imported.
///
/// With `EG_TEST_STORE=postgres` (and `EG_POSTGRES_URL`, the loopback server the test script
/// starts), the workspace's store is a PostgreSQL database of its own instead of the sample's
/// SQLite file, dropped by `remove()`: the gateway's suites then run on that engine too.
public struct TestWorkspace {
    /// The checkout's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The workspace's own folder, removed by `remove()`.
    public let folder: URL
    /// The workspace's PostgreSQL database, when the suites run on that engine.
    let postgres: PostgresLocation?

    /// Whether the suites run on PostgreSQL (`EG_TEST_STORE=postgres`).
    public static var onPostgres: Bool { ProcessInfo.processInfo.environment["EG_TEST_STORE"] == "postgres" }

    /// `replacing` edits the sample config (each pair: text, replacement) before `extraConfig` is added.
    public init(extraConfig: String = "", replacing: [(String, String)] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = try String(contentsOf: Self.repository.appendingPathComponent("Samples/gateway.toml"), encoding: .utf8)
        for (text, replacement) in replacing { config = config.replacingOccurrences(of: text, with: replacement) }
        config = config.replacingOccurrences(
            of: "domain = \"support.example\"", with: "domain = \"support.example\"\ntemplates = \"\(Self.repository.path)/MailTemplates\"")
        postgres = Self.onPostgres ? try Self.makeDatabase() : nil
        if let postgres {
            config = config.replacingOccurrences(of: "database = \"state/gateway.sqlite\"\n", with: "")
            config += "\n[database]\nkind = \"postgres\"\nurl = \"\(postgres.description)\"\n"
        }
        var text = config + "\n" + extraConfig
        if postgres != nil, !text.contains("token_secret_file") {
            // Instances sharing PostgreSQL must name their token secret (`ConfigParser.parseSecurity`).
            let secret = "token_secret_file = \"state/token.secret\"\n"
            text =
                text.contains("[security]\n")
                ? text.replacingOccurrences(of: "[security]\n", with: "[security]\n" + secret) : text + "\n[security]\n" + secret
        }
        try text.write(to: configURL, atomically: true, encoding: .utf8)
    }

    /// A new database on the server `EG_POSTGRES_URL` names.
    private static func makeDatabase() throws -> PostgresLocation {
        try PostgresScratchDatabase.create(on: try server())
    }

    /// The loopback server the test script starts.
    private static func server() throws -> PostgresLocation {
        guard let url = ProcessInfo.processInfo.environment["EG_POSTGRES_URL"] else {
            throw PostgresLocationError(url: "", reason: "EG_TEST_STORE=postgres needs EG_POSTGRES_URL (Tests/postgres/start.sh prints it)")
        }
        return try PostgresLocation(url: url)
    }

    /// The workspace's `gateway.toml`.
    public var configURL: URL { folder.appendingPathComponent("gateway.toml") }
    /// The folder the sample config's sink writes mail to.
    public var outbox: URL { folder.appendingPathComponent("outbox") }
    /// The sample directory (`Samples/directory.json`).
    public var directoryFile: String { Self.repository.appendingPathComponent("Samples/directory.json").path }

    /// The bytes of a sample mail under `Samples/conversations/`.
    public func sample(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: Self.repository.appendingPathComponent("Samples/conversations").appendingPathComponent(path)))
    }

    /// A gateway on the workspace's config and database, on `clock`.
    public func gateway(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Gateway {
        let config = try GatewayConfig.load(path: configURL.path)
        return try Gateway(config: config, store: try config.openStore(), logger: Logger(label: "test"), clock: clock)
    }

    /// The outbox files, oldest first.
    public func outboxFiles() throws -> [URL] {
        guard FileManager.default.fileExists(atPath: outbox.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Removes the workspace's folder and everything in it, and its PostgreSQL database.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
        if let postgres, let server = try? Self.server() { PostgresScratchDatabase.drop(postgres, through: server) }
    }
}
