import Foundation
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
    /// (receipts, by the thread's inbound Message-IDs) and what went out (outbox mail already
    /// sent or given up), up to that escalation's de-escalation. Mail after it (a later request,
    /// the dialog after it, a newer escalation) is kept, and so are the rows themselves, the
    /// journal, decisions and work notes. Mail already purged is passed over.
    public func purgeRawMail(closedBefore: Date) throws -> PurgedMail {
        var purged = PurgedMail()
        let threads = try Row.fetchAll(
            try statement(
                "SELECT source, MAX(deescalated_at) FROM escalation WHERE deescalated_at IS NOT NULL AND deescalated_at <= ? GROUP BY source"),
            arguments: [closedBefore.timeIntervalSince1970])
        for thread in threads {
            let source: String = thread[0]
            let until: Double = thread[1]
            purged.threads += 1
            try statement(
                """
                UPDATE receipt SET raw = X'' WHERE received_at <= ? AND length(raw) > 0
                AND message_id IN (SELECT message_id FROM thread_message WHERE source = ? AND outbound = 0)
                """
            ).execute(arguments: [until, source])
            purged.received += db.changesCount
            try statement(
                """
                DELETE FROM outbox_body WHERE outbox_id IN (
                    SELECT id FROM outbox WHERE source = ? AND created_at <= ? AND state <> 'pending')
                """
            ).execute(arguments: [source, until])
            let bodies = db.changesCount
            try statement("UPDATE outbox SET raw = X'' WHERE source = ? AND created_at <= ? AND state <> 'pending' AND length(raw) > 0")
                .execute(arguments: [source, until])
            purged.sent += bodies + db.changesCount
        }
        return purged
    }
}
