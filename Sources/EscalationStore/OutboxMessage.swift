import Foundation

/// A mail waiting in (or sent from) the outbox, stored exactly as it goes on the wire.
public struct OutboxMessage: Hashable, Sendable {
    /// Where a mail is in its delivery.
    public enum State: String, Hashable, Sendable {
        /// Waiting for its next attempt.
        case pending
        /// Accepted by the server or the directory sink.
        case sent
        /// Given up: refused for good, or out of attempts (`outbox --retry` queues it again).
        case failed
    }

    public var id: Int
    public var messageID: String
    public var kind: String
    /// Envelope recipients (To, Cc and Bcc).
    public var recipients: [String]
    public var subject: String
    public var raw: [UInt8]
    /// Why the stored bytes could not be read back (`OutboxBody`), `raw` then empty: the
    /// dispatcher gives such a mail up with this reason instead of failing every other one.
    public var unreadable: String?
    public var attempts: Int
    public var state: State
    public var lastError: String?
    /// The case or account thread the mail belongs to, if any.
    public var source: String?

    public init(
        id: Int, messageID: String, kind: String, recipients: [String], subject: String, raw: [UInt8], attempts: Int, state: State,
        lastError: String?,
        source: String? = nil, unreadable: String? = nil
    ) {
        self.id = id
        self.messageID = messageID
        self.kind = kind
        self.recipients = recipients
        self.subject = subject
        self.raw = raw
        self.attempts = attempts
        self.state = state
        self.lastError = lastError
        self.source = source
        self.unreadable = unreadable
    }
}

/// A mail to add to the outbox, with what threading needs to know about it.
public struct NewOutboxMessage: Hashable, Sendable {
    public var messageID: String
    public var kind: String
    public var source: String?
    public var request: String?
    public var recipients: [String]
    public var subject: String
    /// The rendered mail; nil while it is being rendered (`setRendered` writes it).
    public var body: OutboxBody?

    public init(messageID: String, kind: String, source: String?, request: String?, recipients: [String], subject: String, body: OutboxBody?) {
        self.messageID = messageID
        self.kind = kind
        self.source = source
        self.request = request
        self.recipients = recipients
        self.subject = subject
        self.body = body
    }
}
