import EscalationValues
import MailMessage
import MailReading

/// libFuzzer entry point: every input is parsed as a mail within limits, then read as the
/// gateway reads it (body text, HTML, reply text, automation, thread hints, intent). Any crash,
/// hang or sanitizer report is a bug; limits hit are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mail = try? Mail(parsing: bytes, limits: ParseLimits(maxBytes: 1 << 20, maxParts: 200, maxDepth: 20)) else { return 0 }
    let body = mail.textBody ?? mail.htmlBody.map { HTMLText.text($0) } ?? ""
    let reply = ReplyExtractor.extract(String(body.prefix(64 * 1024)))
    _ = CommandReader.read(reply.text, subject: mail.subject)
    _ = AutomationClassifier.classify(mail, isOwn: { _ in nil })
    _ = ThreadHints(mail: mail, body: body, replyText: reply.text, gatewayAddress: EmailAddress(unchecked: "escalations@support.example"))
    _ = (mail.from, mail.to, mail.references, mail.date, mail.attachments.count)
    return 0
}
