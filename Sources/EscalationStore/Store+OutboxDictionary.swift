public import Foundation

extension Store {
    /// Compresses outbox mail with a dictionary made from `samples` (`OutboxDictionary`), once
    /// per process: the first call decides, later ones return at once. The dictionary's ID
    /// follows from its content, so the same samples (the same templates) find the row an
    /// earlier run kept, and new ones add a row before any mail uses it. A shared store keeps
    /// mail compressed without one: an instance of an earlier build, still running through a
    /// rolling upgrade, could not read it.
    public func useOutboxDictionary(madeFrom samples: () -> [[UInt8]], now: Date) throws {
        guard outboxCompression.settle(), !isShared, let made = OutboxDictionary.made(from: samples()) else { return }
        let kept = try transaction { session in
            try session.insert(made, at: now) ? made : try session.outboxDictionary(id: made.id)
        }
        if let kept, kept.content == made.content { outboxCompression.use(OutboxDictionary.remember(kept)) }
    }
}
