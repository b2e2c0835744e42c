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

    /// The dictionary made last; nil: none yet.
    func newestOutboxDictionary() throws -> OutboxDictionary? {
        guard let id: Int64 = try value("SELECT id FROM outbox_dictionary ORDER BY created_at DESC, id DESC LIMIT 1") else { return nil }
        return try outboxDictionary(id: UInt32(id))
    }

    /// The mails a dictionary is made from (`OutboxCompression.samplesWanted`): among the
    /// outbox's latest thousand rows, the newest of each kind first, then the next of each, so
    /// that every kind of mail lends the dictionary its wording.
    func outboxDictionarySamples() throws -> [[UInt8]] {
        let rows = try rows(
            """
            SELECT b.raw, b.encoding FROM (
                SELECT id, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY id DESC) AS newest
                FROM (SELECT id, kind FROM outbox ORDER BY id DESC LIMIT 1000) AS latest
            ) AS ranked JOIN outbox_body b ON b.outbox_id = ranked.id
            ORDER BY ranked.newest, ranked.id DESC LIMIT ?
            """, [OutboxCompression.samplesWanted.upperBound])
        return try rows.map { row in try bytes(of: try OutboxBody(stored: row[0], encoding: row[1])) }
    }

    /// Keeps a new dictionary; false when one of the same ID is there already (its mail must
    /// not be compressed with this one then).
    func insert(_ dictionary: OutboxDictionary, at now: Date) throws -> Bool {
        try execute(
            "INSERT OR IGNORE INTO outbox_dictionary(id, content, created_at) VALUES (?, ?, ?)",
            [Int64(dictionary.id), Data(dictionary.content), now.timeIntervalSince1970]) == 1
    }
}
