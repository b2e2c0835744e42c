import Foundation

/// A mail the gateway writes: headers in order and a text and an HTML alternative.
/// `rendered()` gives the bytes as they go on the wire (CRLF, folded, RFC 2047).
public struct OutgoingMessage: Hashable, Sendable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    public var replyTo: MailAddress?
    public var subject: String
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// Extra headers (`Auto-Submitted`, loop header…); values are made single-line and encoded.
    public var extraHeaders: [(name: String, value: String)]
    public var text: String
    public var html: String?

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: MailAddress? = nil, subject: String,
        messageID: String, inReplyTo: String? = nil, references: [String] = [], date: Date,
        extraHeaders: [(name: String, value: String)] = [], text: String, html: String? = nil
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.extraHeaders = extraHeaders
        self.text = text
        self.html = html
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// The message as wire bytes: CRLF line ends, headers folded at 78 columns.
    public func rendered(boundarySeed: String? = nil) -> [UInt8] {
        var lines: [String] = []
        func add(_ name: String, _ value: String) { lines.append(HeaderFolding.fold(name: name, value: value)) }
        add("From", from.encoded)
        if !to.isEmpty { add("To", to.map(\.encoded).joined(separator: ", ")) }
        if !cc.isEmpty { add("Cc", cc.map(\.encoded).joined(separator: ", ")) }
        if let replyTo { add("Reply-To", replyTo.encoded) }
        add("Subject", EncodedWord.encodeIfNeeded(subject))
        add("Date", MailDate.format(date))
        add("Message-ID", "<\(HeaderSafety.singleLine(messageID))>")
        if let inReplyTo { add("In-Reply-To", "<\(HeaderSafety.singleLine(inReplyTo))>") }
        if !references.isEmpty { add("References", references.map { "<\(HeaderSafety.singleLine($0))>" }.joined(separator: " ")) }
        for (name, value) in extraHeaders { add(HeaderSafety.singleLine(name), EncodedWord.encodeIfNeeded(value)) }
        add("MIME-Version", "1.0")
        let textPart = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
            + QuotedPrintable.encode(text)
        if let html {
            let boundary = "=_eg_" + String((boundarySeed ?? messageID).utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }, radix: 36)
            add("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
            let htmlPart = "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + QuotedPrintable.encode(html)
            let body = "--\(boundary)\r\n\(textPart)\r\n--\(boundary)\r\n\(htmlPart)\r\n--\(boundary)--\r\n"
            return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
        }
        add("Content-Type", "text/plain; charset=utf-8")
        add("Content-Transfer-Encoding", "quoted-printable")
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(text) + "\r\n").utf8)
    }
}

/// Header folding (RFC 5322 §2.2.3): long values break at blanks into continuation lines.
enum HeaderFolding {
    static func fold(name: String, value: String, width: Int = 78) -> String {
        var output = name + ":"
        var lineLength = output.count
        for word in value.split(separator: " ", omittingEmptySubsequences: true) {
            if lineLength + 1 + word.count > width && lineLength > name.count + 1 {
                output += "\r\n "
                lineLength = 1
            } else {
                output += " "
                lineLength += 1
            }
            output += word
            lineLength += word.count
        }
        return output
    }
}
