package import EscalationCore
import EscalationValues
package import Foundation
import Gateway
package import MailMessage

/// One participant's mail in a sample conversation. A complete `.eml` is sent as it is;
/// one with `X-Demo-Answer: <template>` is a reply to the latest mail of that template the
/// gateway sent to its author, completed as a mail client would (Re: subject, threading, quote,
/// the step's attachments).
/// `X-Demo-Wait: 31m` moves the demo clock forward before the mail is sent.
package struct DemoStep {
    package var file: URL
    package var raw: [UInt8]
    package var mail: Mail
    package var answers: String?
    package var wait: TimeSpan?

    package init(file: URL) throws {
        self.file = file
        raw = Array(try Data(contentsOf: file))
        mail = try Mail(parsing: raw)
        answers = mail.header["X-Demo-Answer"]
        wait = mail.header["X-Demo-Wait"].flatMap(TimeSpan.init)
    }

    /// The reply to `original`, as the author's mail client would write it.
    package func reply(to original: Mail, sequence: Int, date: Date) -> [UInt8] {
        let from = mail.header.raw("From") ?? ""
        let target = original.replyTo.first ?? original.from
        let subject = original.subject.lowercased().hasPrefix("re:") ? original.subject : "Re: " + original.subject
        let originalID = original.messageID ?? ""
        let references = (original.references + [originalID]).map { "<\($0)>" }.joined(separator: " ")
        let quoted = (original.textBody ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + $0.trimmingCharacters(in: .newlines) }.joined(separator: "\r\n")
        let domain = EmailAddress(MailAddress.parseList(from).first?.address ?? "")?.domain ?? "example.org"
        let body = (mail.textBody ?? "").trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: "\r\n")
        let content = """
            \(body)\r
            \r
            On \(MailDate.format(original.date ?? date)), \(original.from?.encoded ?? "") wrote:\r
            \(quoted)\r

            """
        let text = """
            From: \(from)\r
            To: \(target?.encoded ?? "")\r
            Subject: \(EncodedWord.encodeIfNeeded(subject))\r
            Date: \(MailDate.format(date))\r
            Message-ID: <demo-\(sequence)@\(domain)>\r
            In-Reply-To: <\(originalID)>\r
            References: \(references)\r
            MIME-Version: 1.0\r

            """
        return Array(text.utf8) + Self.body(content, attachments: mail.attachments)
    }

    /// The reply's body: its text, and in `multipart/mixed` the step's attachments after it.
    private static func body(_ text: String, attachments: [MIMEPart]) -> [UInt8] {
        let plain = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + text
        guard !attachments.isEmpty else { return Array(plain.utf8) }
        var wire = Array("Content-Type: multipart/mixed; boundary=\"demo-part\"\r\n\r\n--demo-part\r\n\(plain)".utf8)
        for part in attachments {
            let name = part.filename ?? "attachment"
            wire += Array("--demo-part\r\nContent-Type: \(part.contentType.value); name=\"\(name)\"\r\n".utf8)
            wire += Array("Content-Disposition: attachment; filename=\"\(name)\"\r\nContent-Transfer-Encoding: base64\r\n\r\n".utf8)
            Base64.appendEncoded(part.content, to: &wire)
        }
        return wire + Array("--demo-part--\r\n".utf8)
    }
}
