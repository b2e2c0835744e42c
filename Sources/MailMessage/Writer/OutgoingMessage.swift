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
    /// `text` and `html` already encoded, when several mails share them (nil: encoded here).
    public var encoded: EncodedParts?

    /// The body parts as they go on the wire (quoted-printable), encoded once for every mail
    /// that carries them.
    public struct EncodedParts: Hashable, Sendable {
        public let text: [UInt8]
        public let html: [UInt8]?

        public init(text: String, html: String?) {
            var encodedText: [UInt8] = []
            QuotedPrintable.append(text, to: &encodedText)
            self.text = encodedText
            self.html = html.map { html in
                var encoded: [UInt8] = []
                QuotedPrintable.append(html, to: &encoded)
                return encoded
            }
        }
    }

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: MailAddress? = nil, subject: String,
        messageID: String, inReplyTo: String? = nil, references: [String] = [], date: Date,
        extraHeaders: [(name: String, value: String)] = [], text: String, html: String? = nil, encoded: EncodedParts? = nil
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
        self.encoded = encoded
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rendered() == rhs.rendered() }
    public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

    /// The message as wire bytes: CRLF line ends, headers folded at 78 columns.
    public func rendered(boundarySeed: String? = nil) -> [UInt8] {
        var wire: [UInt8] = []
        wire.reserveCapacity(1024 + 2 * (text.utf8.count + (html?.utf8.count ?? 0)))
        func add(_ name: String, _ value: String) { HeaderFolding.append(name: name, value: value, to: &wire) }
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
        guard let html else {
            add("Content-Type", "text/plain; charset=utf-8")
            add("Content-Transfer-Encoding", "quoted-printable")
            wire.append(contentsOf: "\r\n".utf8)
            if let encoded { wire.append(contentsOf: encoded.text) } else { QuotedPrintable.append(text, to: &wire) }
            wire.append(contentsOf: "\r\n".utf8)
            return wire
        }
        let boundary = "=_eg_" + String((boundarySeed ?? messageID).utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }, radix: 36)
        add("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        wire.append(contentsOf: "\r\n".utf8)
        for (subtype, content, ready) in [("plain", text, encoded?.text), ("html", html, encoded?.html)] {
            wire.append(contentsOf: "--\(boundary)\r\nContent-Type: text/\(subtype); charset=utf-8\r\n".utf8)
            wire.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            if let ready { wire.append(contentsOf: ready) } else { QuotedPrintable.append(content, to: &wire) }
            wire.append(contentsOf: "\r\n".utf8)
        }
        wire.append(contentsOf: "--\(boundary)--\r\n".utf8)
        return wire
    }
}

/// Header folding (RFC 5322 §2.2.3): long values break at blanks into continuation lines.
enum HeaderFolding {
    /// Appends `name: value` and its CRLF, the value's words (runs of non-blanks) joined by one
    /// space, a line broken before a word that would pass `width` octets.
    static func append(name: String, value: String, to wire: inout [UInt8], width: Int = 78) {
        wire.append(contentsOf: name.utf8)
        wire.append(UInt8(ascii: ":"))
        let nameLength = name.utf8.count + 1
        var lineLength = nameLength
        var value = value
        value.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                guard bytes[index] != UInt8(ascii: " ") else {
                    index += 1
                    continue
                }
                var end = index
                while end < bytes.count && bytes[end] != UInt8(ascii: " ") { end += 1 }
                let wordLength = end - index
                if lineLength + 1 + wordLength > width && lineLength > nameLength {
                    wire.append(contentsOf: "\r\n ".utf8)
                    lineLength = 1
                } else {
                    wire.append(UInt8(ascii: " "))
                    lineLength += 1
                }
                wire.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                lineLength += wordLength
                index = end
            }
        }
        wire.append(contentsOf: "\r\n".utf8)
    }
}
