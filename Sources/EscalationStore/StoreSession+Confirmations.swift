public import Foundation
import GRDB

/// A mail whose command waits for its sender's confirmation.
public struct AwaitedConfirmation: Sendable {
    public var source: String
    /// The receipt key of the waiting mail, whose stored bytes hold the command.
    public var receiptKey: String
}

extension StoreSession {
    /// Remembers the confirmation mail sent for a gated command.
    public func awaitConfirmation(messageID: String, sender: String, source: String, receiptKey: String, at now: Date) throws {
        try execute(
            "INSERT OR IGNORE INTO confirmation(message_id, sender, source, receipt_key, created_at) VALUES (?, ?, ?, ?, ?)",
            [messageID, sender, source, receiptKey, now.timeIntervalSince1970])
    }

    /// The unconfirmed command whose confirmation mail `messageID` went to `sender`.
    public func confirmationAwaited(messageID: String, sender: String) throws -> AwaitedConfirmation? {
        try row("SELECT source, receipt_key FROM confirmation WHERE message_id = ? AND sender = ? AND confirmed_at IS NULL", [messageID, sender]).map
        { AwaitedConfirmation(source: $0[0], receiptKey: $0[1]) }
    }

    /// Marks a confirmation used: a second answer confirms nothing.
    public func markConfirmed(messageID: String, at now: Date) throws {
        try execute("UPDATE confirmation SET confirmed_at = ? WHERE message_id = ?", [now.timeIntervalSince1970, messageID])
    }

    /// The stored bytes of a processed mail, by its receipt key.
    public func rawReceipt(key: String) throws -> [UInt8]? {
        (try value("SELECT raw FROM receipt WHERE dedupe_key = ?", [key]) as Data?).map { Array($0) }
    }
}
