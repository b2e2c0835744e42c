public import Foundation
import MailMessage

/// Replies as people write them to the gateway's mail.
public enum ReplyMail {
    /// A reply to the outgoing mail in `file`, quoting it, as a mail client writes one.
    public static func reply(to file: URL, from: String, body: String, id: String) throws -> [UInt8] {
        let original = try Mail(parsing: Array(try Data(contentsOf: file)))
        let references = (original.references + [original.messageID ?? ""]).map { "<\($0)>" }.joined(separator: " ")
        let quoted = (original.textBody ?? "").split(separator: "\n").map { "> \($0)" }.joined(separator: "\r\n")
        return Array(
            """
            From: \(from)\r
            To: \(original.replyTo.first?.address ?? original.from?.address ?? "")\r
            Subject: Re: \(original.subject)\r
            Message-ID: <\(id)>\r
            In-Reply-To: <\(original.messageID ?? "")>\r
            References: \(references)\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            \r
            On Tue, 24 Nov 2026, Escalations <escalations@support.example> wrote:\r
            \(quoted)\r

            """.utf8)
    }
}
