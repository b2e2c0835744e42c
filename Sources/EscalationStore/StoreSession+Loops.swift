import Foundation
import GRDB

extension StoreSession {
    /// Mail queued to this address since `since` (the per-sender answer window).
    public func mailCount(to address: String, since: Date) throws -> Int {
        try Int.fetchOne(try statement(HotPathSQL.mailsToAddress.rawValue), arguments: [address, since.timeIntervalSince1970]) ?? 0
    }

    /// Mail queued on this case's or account's thread since `since` (the per-thread window).
    public func mailCount(thread source: String, since: Date) throws -> Int {
        try Int.fetchOne(try statement(HotPathSQL.mailsOnThread.rawValue), arguments: [source, since.timeIntervalSince1970]) ?? 0
    }

    /// Whether a journal entry with this action and detail was written since `since`.
    public func journalHas(action: String, detail: String, since: Date) throws -> Bool {
        try Bool.fetchOne(
            try statement("SELECT EXISTS(SELECT 1 FROM journal WHERE action = ? AND detail = ? AND at >= ?)"),
            arguments: [action, detail, since.timeIntervalSince1970]) ?? false
    }

    /// The outbox row of a Message-ID the gateway sent: its thread and recipients.
    public func sentMessage(_ messageID: String) throws -> (source: String?, recipients: [String])? {
        guard let row = try Row.fetchOne(try statement("SELECT source, recipients FROM outbox WHERE message_id = ?"), arguments: [messageID]) else {
            return nil
        }
        return (row["source"], try decode([String].self, row["recipients"]))
    }

    /// Records a bounce; returns how many permanent bounces the address has now.
    public func recordBounce(address: String, messageID: String, status: String, permanent: Bool, at now: Date) throws -> Int {
        try statement("INSERT INTO bounce(address, message_id, status, permanent, at) VALUES (?, ?, ?, ?, ?)").execute(
            arguments: [address, messageID, status, permanent, now.timeIntervalSince1970])
        return try Int.fetchOne(try statement("SELECT COUNT(*) FROM bounce WHERE address = ? AND permanent = 1"), arguments: [address]) ?? 0
    }

    /// Suppresses an address for outgoing mail; returns false when it already was.
    public func suppress(address: String, reason: String, at now: Date) throws -> Bool {
        try statement("INSERT OR IGNORE INTO suppression(address, reason, at) VALUES (?, ?, ?)").execute(arguments: [
            address, reason, now.timeIntervalSince1970,
        ])
        return db.changesCount > 0
    }

    public func isSuppressed(_ address: String) throws -> Bool {
        try Bool.fetchOne(try statement(HotPathSQL.suppressed.rawValue), arguments: [address]) ?? false
    }
}
