import Foundation
import Gateway
import MailMessage

/// The gateway mail a generated reply answers: what a mail client needs to thread and quote it.
struct AnsweredMail {
    var messageID: String
    var references: [String]
    var subject: String
    /// Where a reply goes: the Reply-To (with the approver's token) or else the From.
    var replyAddress: String
    var from: String
    var date: Date
    var quotedLines: [String]

    init?(raw: [UInt8]) {
        guard let mail = try? Mail(parsing: raw), let messageID = mail.messageID, let target = mail.replyTo.first ?? mail.from else { return nil }
        self.messageID = messageID
        references = mail.references
        subject = mail.subject
        replyAddress = target.address
        from = mail.from?.encoded ?? ""
        date = mail.date ?? Date(timeIntervalSince1970: 0)
        quotedLines = (mail.textBody ?? "").split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}

/// The language a generated text is in, which decides the charsets a client would pick for it.
enum BenchScript {
    case latin
    case japanese
    case cyrillic
}

/// Writes generated mail the way the clients of the support desk's customers and staff do:
/// Thunderbird-style plain text, Gmail's multipart/alternative with quoted-printable, Outlook's
/// HTML-only replies, and legacy charsets (ISO-8859-1, Windows-1252, ISO-2022-JP, Shift_JIS,
/// KOI8-R), top-posted above the quoted gateway mail.
struct BenchMailWriter {
    enum Format: CaseIterable {
        case plain
        case gmailAlternative
        case outlookHTML
        case legacyCharset
    }

    var from: BenchPerson
    var to: String
    var subject: String
    var messageID: String
    var date: Date
    var text: String
    var script: BenchScript
    var answering: AnsweredMail?
    var automated = false

    func render(format: Format, random: inout SeededGenerator) -> [UInt8] {
        var headers = [
            "From: \(EncodedWord.encodeIfNeeded(from.name)) <\(from.address)>", "To: \(to)", "Subject: \(EncodedWord.encodeIfNeeded(subject))",
            "Date: \(MailDate.format(date))", "Message-ID: <\(messageID)>", "MIME-Version: 1.0",
        ]
        if let answering {
            headers.append("In-Reply-To: <\(answering.messageID)>")
            headers.append("References: " + (answering.references + [answering.messageID]).suffix(8).map { "<\($0)>" }.joined(separator: " "))
        }
        if automated { headers += ["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"] }
        let body: String
        switch (format, script) {
        case (.plain, _): body = Self.part(plainText, charset: "utf-8", encoding: .eightBit)
        case (.gmailAlternative, _):
            let boundary = "000000000000\(String(UInt64.random(in: 0...UInt64.max, using: &random), radix: 16))"
            body = """
                Content-Type: multipart/alternative; boundary="\(boundary)"\r
                \r
                --\(boundary)\r
                \(Self.part(plainText, charset: "UTF-8", encoding: .quotedPrintable))\r
                --\(boundary)\r
                \(Self.part(gmailHTML, subtype: "html", charset: "UTF-8", encoding: .quotedPrintable))\r
                --\(boundary)--\r

                """
        case (.outlookHTML, _): body = Self.part(outlookHTML, subtype: "html", charset: "utf-8", encoding: .base64)
        case (.legacyCharset, .latin):
            let (name, encoding) = random.pick([("iso-8859-1", String.Encoding.isoLatin1), ("windows-1252", .windowsCP1252)])
            body = Self.part(plainText, charset: name, encoding: .quotedPrintable, in: encoding)
        case (.legacyCharset, .japanese):
            body =
                random.chance(0.5)
                ? Self.part(plainText, charset: "ISO-2022-JP", encoding: .sevenBit, in: .iso2022JP)
                : Self.part(plainText, charset: "Shift_JIS", encoding: .base64, in: .shiftJIS)
        case (.legacyCharset, .cyrillic): body = Self.part(plainText, charset: "KOI8-R", encoding: .base64, in: Self.koi8r)
        }
        return Array((headers.joined(separator: "\r\n") + "\r\n" + body).utf8)
    }

    private static let koi8r = String.Encoding(rawValue: 0x8000_0A02)

    private var attribution: String {
        guard let answering else { return "" }
        return "On \(MailDate.format(answering.date)), \(answering.from) wrote:"
    }

    private var plainText: String {
        guard let answering else { return text + "\n" }
        return text + "\n\n" + attribution + "\n" + answering.quotedLines.map { "> " + $0 }.joined(separator: "\n") + "\n"
    }

    private var gmailHTML: String {
        let new = "<div dir=\"ltr\">" + Self.escape(text).replacingOccurrences(of: "\n", with: "<br>") + "</div>"
        guard let answering else { return new }
        return new + "<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">" + Self.escape(attribution)
            + "<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204)\">"
            + answering.quotedLines.map(Self.escape).joined(separator: "<br>") + "</blockquote></div>"
    }

    private var outlookHTML: String {
        var html =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head><body><div class=\"elementToProof\">"
            + Self.escape(text).replacingOccurrences(of: "\n", with: "<br>") + "</div>"
        if let answering {
            html +=
                "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\"><div id=\"divRplyFwdMsg\" dir=\"ltr\">"
                + "<b>From:</b> \(Self.escape(answering.from))<br><b>Sent:</b> \(MailDate.format(answering.date))<br>"
                + "<b>Subject:</b> \(Self.escape(answering.subject))</div><div>" + answering.quotedLines.map(Self.escape).joined(separator: "<br>")
                + "</div>"
        }
        return html + "</body></html>"
    }

    private enum TransferEncoding: String {
        case sevenBit = "7bit"
        case eightBit = "8bit"
        case quotedPrintable = "quoted-printable"
        case base64
    }

    /// One body part's headers and encoded content; text the charset cannot hold goes as UTF-8.
    private static func part(
        _ text: String, subtype: String = "plain", charset: String, encoding: TransferEncoding, in stringEncoding: String.Encoding = .utf8
    ) -> String {
        let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
        guard let bytes = crlf.data(using: stringEncoding).map(Array.init) else {
            return part(text, subtype: subtype, charset: "utf-8", encoding: encoding == .sevenBit ? .base64 : encoding)
        }
        let content: String
        switch encoding {
        case .sevenBit, .eightBit: content = String(decoding: bytes, as: UTF8.self)
        case .quotedPrintable: content = QuotedPrintable.encode(bytes: bytes)
        case .base64: content = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        }
        return "Content-Type: text/\(subtype); charset=\"\(charset)\"\r\nContent-Transfer-Encoding: \(encoding.rawValue)\r\n\r\n\(content)\r\n"
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
