import EscalationStore
import Foundation
public import Gateway

/// The demo starts from nothing: it removes the configured database, inbox and outbox.
public enum DemoWorkspace {
    /// Removes the SQLite database (the demo refuses any other store: it would empty a shared
    /// database), the inbox folders and the outbox folder.
    public static func reset(_ config: GatewayConfig) throws {
        guard let path = config.sqlitePath else {
            throw ConfigError(
                file: config.file.path, key: "gateway.database",
                expected: "a SQLite file of the demo's own (the demo empties it), not \(config.database.description)")
        }
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? manager.removeItem(atPath: path + suffix)
        }
        for mailbox in config.inbound {
            if case .directory(let inbox) = mailbox.source { try? manager.removeItem(at: inbox) }
        }
        if case .directory(let outbox) = config.outbound { try? manager.removeItem(at: outbox) }
    }
}
