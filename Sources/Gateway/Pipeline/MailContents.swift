import EscalationValues
import MailMessage
import MailReading

/// What a parsed mail says, read before any state is touched: its sender, the reply text (HTML-
/// only mail through its text, control characters removed), what it asks for and its thread
/// hints, and how it is automated unless it is the gateway's own. Needs no database, so a batch's
/// mails are read on the other cores (`BatchExecutor`); the own-mail check, which needs the store,
/// follows in the transaction and comes first (`UnderstoodMail`).
struct MailContents: Sendable {
    var mail: Mail
    var sender: EmailAddress?
    var reply: ReplyText
    var reading: Reading
    var hints: ThreadHints
    /// `AutomationClassifier.classifyUnlessOwn`: what the mail is unless the store knows it as the gateway's own.
    var automatedUnlessOwn: Automation?

    init(mail: Mail, gatewayAddress: EmailAddress) {
        self.mail = mail
        sender = mail.from.flatMap { EmailAddress($0.address) }
        let text =
            mail.textBody(prefixBytes: UnderstoodMail.textDecodeLimit)
            ?? mail.htmlBody(prefixBytes: UnderstoodMail.htmlReadLimit).map { HTMLText.text($0, maxBytes: 2 * UnderstoodMail.readLimit) }
        let body = ControlCharacters.removed(from: (text ?? "").prefix(bytes: UnderstoodMail.readLimit))
        reply = ReplyExtractor.extract(body)
        reading = CommandReader.read(reply.text, subject: mail.subject)
        hints = ThreadHints(mail: mail, body: body, replyText: reply.text, gatewayAddress: gatewayAddress)
        automatedUnlessOwn = AutomationClassifier.classifyUnlessOwn(mail)
    }
}
