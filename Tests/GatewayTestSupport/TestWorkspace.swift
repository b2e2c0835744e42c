import EscalationStore
public import Foundation
public import Gateway
import Logging

/// A throwaway folder with the sample config (paths inside the folder), the repository's
/// templates and the sample directory imported.
public struct TestWorkspace {
    /// The checkout's root folder.
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The workspace's own folder, removed by `remove()`.
    public let folder: URL

    /// `replacing` edits the sample config (each pair: text, replacement) before `extraConfig` is added.
    public init(extraConfig: String = "", replacing: [(String, String)] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var config = try String(contentsOf: Self.repository.appendingPathComponent("Samples/gateway.toml"), encoding: .utf8)
        for (text, replacement) in replacing { config = config.replacingOccurrences(of: text, with: replacement) }
        config = config.replacingOccurrences(
            of: "domain = \"support.example\"", with: "domain = \"support.example\"\ntemplates = \"\(Self.repository.path)/MailTemplates\"")
        try (config + "\n" + extraConfig).write(to: configURL, atomically: true, encoding: .utf8)
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

    /// Removes the workspace's folder and everything in it.
    public func remove() { try? FileManager.default.removeItem(at: folder) }
}
