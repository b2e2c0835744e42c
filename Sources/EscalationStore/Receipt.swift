public import Foundation

/// The record that a mail was processed: its identity, where it came from, and the outcome.
public struct Receipt: Hashable, Sendable {
    /// SHA-256 over the Message-ID, the body and the headers transit does not add.
    public var dedupeKey: String
    public var messageID: String
    /// SHA-256 of the raw bytes as received.
    public var rawSHA256: String
    public var mailbox: String
    public var uidValidity: Int?
    public var uid: Int?
    /// Where the mail was read from: a file path or `imap:INBOX/<uidvalidity>/<uid>`.
    public var position: String
    public var receivedAt: Date
    public var outcome: ReceiptOutcome
    public var reason: String
    public var intent: String
    public var escalation: String?
    public var raw: [UInt8]

    public init(
        dedupeKey: String, messageID: String, rawSHA256: String, mailbox: String, uidValidity: Int? = nil, uid: Int? = nil,
        position: String, receivedAt: Date, outcome: ReceiptOutcome, reason: String, intent: String, escalation: String?, raw: [UInt8]
    ) {
        self.dedupeKey = dedupeKey
        self.messageID = messageID
        self.rawSHA256 = rawSHA256
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
        self.position = position
        self.receivedAt = receivedAt
        self.outcome = outcome
        self.reason = reason
        self.intent = intent
        self.escalation = escalation
        self.raw = raw
    }
}

/// A mail that ended `failed`, as listed for operators.
public struct FailedMail: Hashable, Sendable {
    public var id: Int
    public var messageID: String
    public var position: String
    public var reason: String
    public var receivedAt: Date
}
