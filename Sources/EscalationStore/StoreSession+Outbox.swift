public import Foundation
public import GRDB

extension StoreSession {
    /// Adds a mail to the outbox and records its Message-ID on the thread of its case or account;
    /// returns its row. Its bytes go to `outbox_body`, compressed (`OutboxBody`); a mail still
    /// being rendered (no `body`) gets them with `setRendered` before the transaction commits.
    @discardableResult
    public func enqueue(_ message: NewOutboxMessage, at now: Date) throws -> Int64 {
        let id = try connection.insert(
            """
            INSERT INTO outbox(message_id, kind, source, request, subject, raw, next_attempt_at, created_at)
            VALUES (?, ?, ?, ?, ?, X'', ?, ?)
            """,
            [
                message.messageID, message.kind, message.source, message.request, message.subject,
                now.timeIntervalSince1970, now.timeIntervalSince1970,
            ])
        if let body = message.body { try insertBody(body, of: id) }
        for recipient in message.recipients {
            try execute("INSERT INTO outbox_recipient(outbox_id, address, created_at) VALUES (?, ?, ?)", [id, recipient, now.timeIntervalSince1970])
        }
        if let source = message.source {
            try recordThreadMessage(
                message.messageID, source: source, request: message.request, recipient: message.recipients.count == 1 ? message.recipients[0] : nil,
                outbound: true)
        }
        return id
    }

    /// Writes a queued mail's rendered subject (nil: the row has it already) into its row and
    /// its bytes beside it (rendering may follow the row's insert within the same transaction).
    public func setRendered(outboxID: Int64, subject: String?, body: OutboxBody) throws {
        if let subject { try execute("UPDATE outbox SET subject = ? WHERE id = ?", [subject, outboxID]) }
        try insertBody(body, of: outboxID)
    }

    private func insertBody(_ body: OutboxBody, of outboxID: Int64) throws {
        try execute("INSERT INTO outbox_body(outbox_id, raw, encoding) VALUES (?, ?, ?)", [outboxID, Data(body.stored), body.encoding?.rawValue])
    }

    /// Pending mail whose next attempt is due, oldest first.
    public func pendingOutbox(at now: Date, limit: Int = 500) throws -> [OutboxMessage] {
        try rows(HotPathSQL.pendingOutbox.rawValue, [now.timeIntervalSince1970, limit]).map(outboxMessage)
    }

    /// Every outbox row, newest first.
    public func outbox(limit: Int = 200) throws -> [OutboxMessage] {
        try rows(Self.outboxWithBody + " ORDER BY o.id DESC LIMIT ?", [limit]).map(outboxMessage)
    }

    /// Outbox rows added after row `id`, oldest first: lets a reader follow what the gateway wrote.
    public func outbox(after id: Int, limit: Int = 10_000) throws -> [OutboxMessage] {
        try rows(Self.outboxWithBody + " WHERE o.id > ? ORDER BY o.id LIMIT ?", [id, limit]).map(outboxMessage)
    }

    /// The outbox rows of `ids`, in their order.
    func outbox(ids: [Int]) throws -> [OutboxMessage] {
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try rows(Self.outboxWithBody + " WHERE o.id IN (\(placeholders)) ORDER BY o.id", ids).map(outboxMessage)
    }

    /// Marks a mail sent; only after the server (or the directory sink) accepted it.
    public func markSent(id: Int, at now: Date) throws {
        try execute(
            "UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL WHERE id = ?",
            [
                now.timeIntervalSince1970, id,
            ])
    }

    /// Records a failed attempt: retried at `retryAt`, or given up (`failed`) when nil.
    public func markAttemptFailed(id: Int, error: String, retryAt: Date?) throws {
        try execute(
            "UPDATE outbox SET attempts = attempts + 1, last_error = ?, state = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
            [error, (retryAt == nil ? OutboxMessage.State.failed : .pending).rawValue, retryAt?.timeIntervalSince1970, id])
    }

    /// Puts failed outbox rows back in the queue.
    public func retryFailedOutbox(at now: Date) throws -> Int {
        try execute("UPDATE outbox SET state = 'pending', next_attempt_at = ? WHERE state = 'failed'", [now.timeIntervalSince1970])
    }

    /// Outbox rows with their bytes: from `outbox_body`, or for rows queued before it existed,
    /// from the row itself; `body_encoding` says how they are kept (`OutboxBody`).
    static let outboxWithBody = """
        SELECT o.*, COALESCE(b.raw, o.raw) AS body, b.encoding AS body_encoding FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id
        """

    /// The row as a message; bytes that cannot be read back leave `raw` empty and say why in
    /// `unreadable`, so that one damaged row never hides the others.
    private func outboxMessage(_ row: SQLRow) throws -> OutboxMessage {
        let id: Int = row["id"]
        var raw: [UInt8] = []
        var unreadable: String?
        do {
            raw = try bytes(of: try OutboxBody(stored: row["body"], encoding: row["body_encoding"]))
        } catch {
            unreadable = "\(error)"
        }
        return OutboxMessage(
            id: id, messageID: row["message_id"], kind: row["kind"], recipients: try recipients(ofOutbox: id), subject: row["subject"], raw: raw,
            attempts: row["attempts"], state: try row.decode(forColumn: "state"), lastError: row["last_error"], source: row["source"],
            unreadable: unreadable)
    }
}

extension StoreSession {
    /// The envelope recipients of an outbox row, in the order its mail names them.
    func recipients(ofOutbox id: Int) throws -> [String] {
        (try values(HotPathSQL.outboxRecipients.rawValue, [id]) as [String])
    }
}

extension OutboxMessage.State: DatabaseValueConvertible {}
