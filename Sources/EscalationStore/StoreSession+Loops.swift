public import Foundation
import GRDB

extension StoreSession {
    /// Mail queued to this address since `since` (the per-sender answer window), counted up
    /// to `limit` at most: the limiter asks only whether the limit is reached, and an approver
    /// told of every request of their group can have hundreds of mails in the window.
    public func mailCount(to address: String, since: Date, upTo limit: Int = .max) throws -> Int {
        try connection.count(HotPathSQL.mailsToAddress.rawValue, [address, since.timeIntervalSince1970, limit])
    }

    /// Mail queued on this case's or account's thread since `since` (the per-thread window),
    /// counted up to `limit` at most.
    public func mailCount(thread source: String, since: Date, upTo limit: Int = .max) throws -> Int {
        try connection.count(HotPathSQL.mailsOnThread.rawValue, [source, since.timeIntervalSince1970, limit])
    }

    /// Answers to unknown senders at this address (plus-tags folded) since `since`.
    public func strangerAnswers(to address: String, since: Date) throws -> Int {
        (try value("SELECT COUNT(*) FROM stranger_answer WHERE address = ? AND at >= ?", [address, since.timeIntervalSince1970]) as Int?)
            ?? 0
    }

    /// Counts one answer to an unknown sender.
    public func recordStrangerAnswer(to address: String, at now: Date) throws {
        try execute("INSERT INTO stranger_answer(address, at) VALUES (?, ?)", [address, now.timeIntervalSince1970])
    }

    /// Whether a journal entry with this action about this request was written on the thread since `since`.
    public func journalHas(action: String, source: String, request: String, since: Date) throws -> Bool {
        (try value(
            "SELECT EXISTS(SELECT 1 FROM journal WHERE source = ? AND action = ? AND request = ? AND at >= ?)",
            [source, action, request, since.timeIntervalSince1970]) as Bool?) ?? false
    }

    /// Whether a journal entry with this action and detail was written on the thread since `since`.
    public func journalHas(action: String, source: String, detail: String, since: Date) throws -> Bool {
        (try value(
            "SELECT EXISTS(SELECT 1 FROM journal WHERE source = ? AND action = ? AND detail = ? AND at >= ?)",
            [source, action, detail, since.timeIntervalSince1970]) as Bool?) ?? false
    }

    /// The outbox row of a Message-ID the gateway sent: its thread and recipients.
    public func sentMessage(_ messageID: String) throws -> (source: String?, recipients: [String])? {
        guard let row = try row("SELECT source, id FROM outbox WHERE message_id = ?", [messageID]) else {
            return nil
        }
        return (row["source"], try recipients(ofOutbox: row["id"]))
    }

    /// Records a bounce; returns how many permanent bounces the address has now.
    public func recordBounce(address: String, messageID: String, status: String, permanent: Bool, at now: Date) throws -> Int {
        try execute(
            "INSERT INTO bounce(address, message_id, status, permanent, at) VALUES (?, ?, ?, ?, ?)",
            [address, messageID, status, permanent, now.timeIntervalSince1970])
        return (try value("SELECT COUNT(*) FROM bounce WHERE address = ? AND permanent = 1", [address]) as Int?) ?? 0
    }

    /// Suppresses an address for outgoing mail; returns false when it already was.
    public func suppress(address: String, reason: String, at now: Date) throws -> Bool {
        let added = try execute(
            "INSERT OR IGNORE INTO suppression(address, reason, at) VALUES (?, ?, ?)",
            [
                address, reason, now.timeIntervalSince1970,
            ])
        guard added > 0 else { return false }
        cache?.noteSuppressed(address)
        return true
    }

    /// Whether outgoing mail to `address` is suppressed. The writer reads the whole list once
    /// (it is short: addresses that bounced for good) and keeps it in the state cache, instead of
    /// a query per recipient; a list longer than the cache holds is asked per address.
    public func isSuppressed(_ address: String) throws -> Bool {
        guard let cache else { return try isSuppressedInDatabase(address) }
        if let suppressed = cache.suppressedAddresses() { return suppressed.contains(address) }
        let addresses = (try values("SELECT address FROM suppression LIMIT ?", [cache.capacity + 1]) as [String])
        guard addresses.count <= cache.capacity else { return try isSuppressedInDatabase(address) }
        let suppressed = Set(addresses)
        cache.remember(suppressed: suppressed)
        return suppressed.contains(address)
    }

    private func isSuppressedInDatabase(_ address: String) throws -> Bool {
        (try value(HotPathSQL.suppressed.rawValue, [address]) as Bool?) ?? false
    }
}
