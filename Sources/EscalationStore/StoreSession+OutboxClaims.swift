import Foundation

extension StoreSession {
    /// Moves the next attempt of up to `limit` due rows to `until` and returns them, oldest
    /// first; rows locked by another transaction are skipped. PostgreSQL only
    /// (`Store.claimDueOutbox`).
    func claimDueOutbox(at now: Date, until: Date, limit: Int) throws -> [OutboxMessage] {
        let claimed: [Int] = try values(
            """
            UPDATE outbox SET next_attempt_at = ? WHERE id IN (
                SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, [until.timeIntervalSince1970, now.timeIntervalSince1970, limit])
        guard !claimed.isEmpty else { return [] }
        return try outbox(ids: claimed.sorted())
    }
}
