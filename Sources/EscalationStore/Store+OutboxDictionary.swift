public import Foundation

extension Store {
    /// Gives outbox mail a dictionary to be compressed with (`OutboxDictionary`) once there is
    /// one: the newest in the database, or, when it has none and the outbox holds enough mail,
    /// one made from that mail and kept in its own transaction before any mail uses it. Cheap
    /// once a dictionary is in use; the gateway calls it before each batch.
    public func prepareOutboxDictionary(now: Date) throws {
        guard outboxCompression.current == nil else { return }
        if let newest = try read({ try $0.newestOutboxDictionary() }) {
            outboxCompression.use(newest)
            return
        }
        guard let made = OutboxDictionary.made(from: try read { try $0.outboxDictionarySamples() }) else { return }
        if try transaction({ try $0.insert(made, at: now) }) {
            outboxCompression.use(OutboxDictionary.remember(made))
        }
    }
}
