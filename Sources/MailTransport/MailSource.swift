import EscalationValues
import Foundation

/// One mail as read from a source, with where it came from.
public struct InboundMail: Sendable {
    public var raw: [UInt8]
    /// The mailbox or folder name, e.g. `inbox` or `INBOX`.
    public var mailbox: String
    /// A printable position: a file path, or `imap:INBOX/<uidvalidity>/<uid>`.
    public var position: String
    /// The mail's UID and its mailbox's UIDVALIDITY when it came from IMAP; nil for files.
    public var imapPosition: IMAPPosition?

    public init(raw: [UInt8], mailbox: String, position: String, imapPosition: IMAPPosition? = nil) {
        self.raw = raw
        self.mailbox = mailbox
        self.position = position
        self.imapPosition = imapPosition
    }

    /// The UIDVALIDITY as the database stores it (an integer column), nil for files.
    public var uidValidity: Int? { imapPosition.map { Int($0.uidValidity.rawValue) } }

    /// The UID as the database stores it (an integer column), nil for files.
    public var uid: Int? { imapPosition.map { Int($0.uid.rawValue) } }
}

/// Where a mail goes after its transaction committed.
public enum Settlement: Sendable, Equatable {
    case processed
    case failed(reason: String)
}

/// A source of inbound mail. Mail is settled (moved) only after its outcome is committed.
public protocol MailSource: Sendable {
    /// Up to `limit` mails not yet settled, oldest first.
    func fetch(limit: Int) throws -> [InboundMail]
    /// Moves a mail to its processed or failed place.
    func settle(_ mail: InboundMail, as settlement: Settlement) throws
}

/// One outgoing mail as handed to a sink: envelope and wire bytes.
public struct Envelope: Sendable {
    public var sequence: Int
    public var messageID: String
    public var from: String
    public var recipients: [String]
    public var raw: [UInt8]

    public init(sequence: Int, messageID: String, from: String, recipients: [String], raw: [UInt8]) {
        self.sequence = sequence
        self.messageID = messageID
        self.from = from
        self.recipients = recipients
        self.raw = raw
    }
}

/// Why a sink could not deliver: temporary (retry later) or permanent for some recipients.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public var permanent: Bool
    /// Recipients refused permanently (a 5xx for each), when the server said so per recipient.
    public var refusedRecipients: [String]
    public var message: String

    public init(permanent: Bool, refusedRecipients: [String] = [], message: String) {
        self.permanent = permanent
        self.refusedRecipients = refusedRecipients
        self.message = message
    }

    public var description: String { message }
}

/// A recipient the server refused while it accepted the mail for the others.
public struct RefusedRecipient: Sendable, Equatable {
    public var address: String
    /// The server's reply, e.g. `554 5.7.1 <x@y>: Relay access denied`.
    public var reply: String
    /// A 5xx: this recipient will never get the mail.
    public var permanent: Bool

    public init(address: String, reply: String, permanent: Bool) {
        self.address = address
        self.reply = reply
        self.permanent = permanent
    }
}

/// A destination for outgoing mail.
public protocol MailSink: Sendable {
    /// Delivers one mail to all its recipients; returns only when it was accepted, with the
    /// recipients the server refused (the others got it).
    /// - Throws: `DeliveryError` when the mail was accepted for nobody.
    func deliver(_ envelope: Envelope) throws -> [RefusedRecipient]

    /// Whether delivering the same outbox row again replaces the earlier copy rather than
    /// sending a second mail. Such a sink may settle many deliveries with one `makeDurable()`
    /// and one database commit; any other sink is settled after each mail, to keep the window
    /// in which a crash resends a mail as small as it can be.
    var redeliveryReplaces: Bool { get }

    /// Makes every mail delivered so far survive a power cut; called before they are marked sent.
    func makeDurable() throws
}

extension MailSink {
    public var redeliveryReplaces: Bool { false }

    public func makeDurable() throws {}
}
