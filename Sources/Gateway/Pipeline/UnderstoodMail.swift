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

    /// Reads a parsed mail (`MailContents`) and classifies it (`AutomationClassifier`), `isOwn`
    /// recognising the gateway's own mail.
    public init(mail: Mail, gatewayAddress: EmailAddress, isOwn: (Mail) throws -> String?) rethrows {
        try self.init(MailContents(mail: mail, gatewayAddress: gatewayAddress), isOwn: isOwn)
    }

    /// Classifies what was read of a mail: the gateway's own, asked first, else what `contents`
    /// found without the store (as `AutomationClassifier.classify` would).
    init(_ contents: MailContents, isOwn: (Mail) throws -> String?) rethrows {
        mail = contents.mail
        sender = contents.sender
        automated = try isOwn(contents.mail).map(Automation.own) ?? contents.automatedUnlessOwn
        reply = contents.reply
        reading = contents.reading
        hints = contents.hints
    }
}
