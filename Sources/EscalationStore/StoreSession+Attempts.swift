public import Foundation
import GRDB

extension StoreSession {
    /// Counts one more failed attempt at a mail and returns how many there have been.
    public func recordFailedAttempt(receiptKey: String, error: String, at now: Date) throws -> Int {
        try execute(
            """
            INSERT INTO failed_attempt(receipt_key, attempts, last_error, at) VALUES (?, 1, ?, ?)
            ON CONFLICT(receipt_key) DO UPDATE SET attempts = failed_attempt.attempts + 1, last_error = excluded.last_error, at = excluded.at
            """, [receiptKey, error, now.timeIntervalSince1970])
        return (try value("SELECT attempts FROM failed_attempt WHERE receipt_key = ?", [receiptKey]) as Int?) ?? 1
    }
}
