import Foundation
public import Gateway

/// The demo starts from nothing: it removes the configured database, inbox and outbox.
public enum DemoWorkspace {
    public static func reset(_ config: GatewayConfig) throws {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            try? manager.removeItem(atPath: config.databasePath + suffix)
        }
        if case .directory(let inbox) = config.inbound { try? manager.removeItem(at: inbox) }
        if case .directory(let outbox) = config.outbound { try? manager.removeItem(at: outbox) }
    }
}
