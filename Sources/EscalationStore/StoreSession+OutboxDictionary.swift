import Foundation

extension StoreSession {
    /// A stored mail's bytes, expanded with the dictionary its frame names (read from
    /// `outbox_dictionary` the first time this process needs it).
    func bytes(of body: OutboxBody) throws -> [UInt8] {
        guard let id = body.dictionaryID else { return try body.raw() }
        return try body.raw(using: try outboxDictionary(id: id))
    }

    /// The dictionary of `id`; nil when the database has none by that ID.
    func outboxDictionary(id: UInt32) throws -> OutboxDictionary? {
        if let known = OutboxDictionary.known(id) { return known }
        guard let content: Data = try value("SELECT content FROM outbox_dictionary WHERE id = ?", [Int64(id)]),
            let dictionary = OutboxDictionary(content: Array(content))
        else { return nil }
        return OutboxDictionary.remember(dictionary)
    }

    /// Keeps a new dictionary; false when one of the same ID is there already (made from the
    /// same samples by an earlier run, as a rule).
    func insert(_ dictionary: OutboxDictionary, at now: Date) throws -> Bool {
        try execute(
            "INSERT OR IGNORE INTO outbox_dictionary(id, content, created_at) VALUES (?, ?, ?)",
            [Int64(dictionary.id), Data(dictionary.content), now.timeIntervalSince1970]) == 1
    }
}
