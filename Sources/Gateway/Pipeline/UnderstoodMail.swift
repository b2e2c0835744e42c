import EscalationCore
public import EscalationValues
import Foundation
public import MailMessage
public import MailReading

/// A parsed mail together with what the gateway read from it, before any state is touched.
/// `read` prints exactly this, so operators see why the gateway acted as it did.
public struct UnderstoodMail: Sendable {
    public var mail: Mail
    public var sender: EmailAddress?
    public var automated: Automation?
    public var reply: ReplyText
    public var reading: Reading
    public var hints: ThreadHints

    /// Bytes of body text the reply reader looks at: commands and comments stand at the
    /// top, and the bound keeps the reading cost of a hostile body fixed.
    public static let readLimit = 64 * 1024

    /// Bytes of a text body decoded for reading: enough for `readLimit` bytes of text in any
    /// charset (UTF-16 doubles them, CRLF halves them), never the whole of a large part.
    static let textDecodeLimit = 4 * readLimit
    /// Bytes of an HTML-only body given to the HTML reader: markup is most of an HTML mail's
    /// bytes, and its text is read to twice `readLimit` at most, so the cost of a hostile
    /// document stays fixed.
    static let htmlReadLimit = 8 * readLimit

    /// Reads a parsed mail: automation, reply text (HTML-only mail through its text, control
    /// characters removed), what it asks for and thread hints.
    public init(mail: Mail, gatewayAddress: EmailAddress, isOwn: (Mail) -> String?) {
        self.mail = mail
        sender = mail.from.flatMap { EmailAddress($0.address) }
        automated = AutomationClassifier.classify(mail, isOwn: isOwn)
        let text = mail.textBody(prefixBytes: Self.textDecodeLimit)
            ?? mail.htmlBody(prefixBytes: Self.htmlReadLimit).map { HTMLText.text($0, maxBytes: 2 * Self.readLimit) }
        let body = ControlCharacters.removed(from: (text ?? "").prefix(bytes: Self.readLimit))
        reply = ReplyExtractor.extract(body)
        reading = CommandReader.read(reply.text, subject: mail.subject)
        hints = ThreadHints(mail: mail, body: body, replyText: reply.text, gatewayAddress: gatewayAddress)
    }

    /// Records that the mail is the gateway's own, found after reading (the check needs the
    /// database); the classifier would have put it first, so it replaces any other automation.
    mutating func markOwn(_ why: String) {
        automated = .own(why)
    }
}
