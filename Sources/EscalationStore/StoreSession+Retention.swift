public import Foundation
import GRDB

/// What one retention pass removed.
public struct PurgedMail: Sendable, Equatable {
    /// Threads (cases and accounts) whose mail was looked at.
    public var threads: Int = 0
    /// Inbound mails whose raw bytes were removed.
    public var received: Int = 0
    /// Outgoing mails whose bytes were removed.
    public var sent: Int = 0

    public init(threads: Int = 0, received: Int = 0, sent: Int = 0) {
        self.threads = threads
        self.received = received
        self.sent = sent
    }
}

extension StoreSession {
    /// `[retention] raw_mail`: removes the raw bytes of the mail on the thread of every case or
    /// account whose escalation was de-escalated at or before `closedBefore`: what came in
    /// (receipts of the thread's inbound Message-IDs, found by time in `receipt_received`) and
    /// what went out (outbox mail already sent or given up), up to that escalation's
    /// de-escalation. Mail after it (a later request, the dialog after it, a newer escalation)
    /// is kept, and so are the rows themselves, the journal, decisions and work notes. How far
    /// each thread was purged is kept in `raw_mail_purge`, so that a pass looks only at threads
    /// closed since the last one.
    public func purgeRawMail(closedBefore: Date) throws -> PurgedMail {
        var purged = PurgedMail()
        let threads = try rows(
            """
            SELECT e.source, MAX(e.deescalated_at), p.until FROM escalation e LEFT JOIN raw_mail_purge p ON p.source = e.source
            WHERE e.deescalated_at IS NOT NULL AND e.deescalated_at <= ? GROUP BY e.source
            """, [closedBefore.timeIntervalSince1970])
        for thread in threads {
            let source: String = thread[0]
            let until: Double = thread[1]
            let done: Double? = thread[2]
            if let done, done >= until { continue }
            purged.threads += 1
            purged.received += try execute(
                """
                UPDATE receipt SET raw = X'' WHERE id IN (
                    SELECT x.id FROM receipt x
                    WHERE x.received_at >= COALESCE(?, (SELECT MIN(created_at) - 3600 FROM request WHERE source = ?)) AND x.received_at <= ?
                    AND x.message_id IN (SELECT message_id FROM thread_message WHERE source = ? AND outbound = 0))
                AND length(raw) > 0
                """, [done, source, until, source])
            let bodies = try execute(
                """
                DELETE FROM outbox_body WHERE outbox_id IN (
                    SELECT id FROM outbox WHERE source = ? AND created_at <= ? AND state <> 'pending')
                """, [source, until])
            let rows = try execute(
                "UPDATE outbox SET raw = X'' WHERE source = ? AND created_at <= ? AND state <> 'pending' AND length(raw) > 0", [source, until])
            purged.sent += bodies + rows
            try execute(
                "INSERT INTO raw_mail_purge(source, until) VALUES (?, ?) ON CONFLICT(source) DO UPDATE SET until = excluded.until", [source, until])
        }
        return purged
    }
}
