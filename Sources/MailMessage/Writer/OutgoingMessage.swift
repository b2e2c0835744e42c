public import Foundation

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
    /// Files sent with the text (a relayed message's attachments), after the text in `multipart/mixed`.
    public var attachments: [OutgoingAttachment]

    public init(
        from: MailAddress, to: [MailAddress], cc: [MailAddress] = [], replyTo: MailAddress? = nil, subject: String,
        messageID: String, inReplyTo: String? = nil, references: [String] = [], date: Date,
        extraHeaders: [(name: String, value: String)] = [], text: String, html: String? = nil, encoded: EncodedParts? = nil,
        attachments: [OutgoingAttachment] = []
    ) {
        self.attachments = attachments
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
        let seed = boundarySeed ?? messageID
        if !attachments.isEmpty {
            let mixed = Self.boundary("=_egm_", seed)
            add("Content-Type", "multipart/mixed; boundary=\"\(mixed)\"")
            wire.append(contentsOf: "\r\n--\(mixed)\r\n".utf8)
            appendBody(to: &wire, boundarySeed: seed)
            for attachment in attachments {
                wire.append(contentsOf: "--\(mixed)\r\n".utf8)
                attachment.append(to: &wire)
            }
            wire.append(contentsOf: "--\(mixed)--\r\n".utf8)
            return wire
        }
        appendBody(to: &wire, boundarySeed: seed)
        return wire
    }

    private static func boundary(_ prefix: String, _ seed: String) -> String {
        prefix + String(seed.utf8.reduce(UInt64(5381)) { ($0 &* 33) &+ UInt64($1) }, radix: 36)
    }

    /// The text (and HTML) entity: its Content-Type header, a blank line and its content.
    private func appendBody(to wire: inout [UInt8], boundarySeed seed: String) {
        func add(_ name: String, _ value: String) { HeaderFolding.append(name: name, value: value, to: &wire) }
        guard let html else {
            add("Content-Type", "text/plain; charset=utf-8")
            add("Content-Transfer-Encoding", "quoted-printable")
            wire.append(contentsOf: "\r\n".utf8)
            if let encoded { wire.append(contentsOf: encoded.text) } else { QuotedPrintable.append(text, to: &wire) }
            wire.append(contentsOf: "\r\n".utf8)
            return
        }
        let boundary = Self.boundary("=_eg_", seed)
        add("Content-Type", "multipart/alternative; boundary=\"\(boundary)\"")
        wire.append(contentsOf: "\r\n".utf8)
        for (subtype, content, ready) in [("plain", text, encoded?.text), ("html", html, encoded?.html)] {
            wire.append(contentsOf: "--\(boundary)\r\nContent-Type: text/\(subtype); charset=utf-8\r\n".utf8)
            wire.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
            if let ready { wire.append(contentsOf: ready) } else { QuotedPrintable.append(content, to: &wire) }
            wire.append(contentsOf: "\r\n".utf8)
        }
        wire.append(contentsOf: "--\(boundary)--\r\n".utf8)
    }
}

/// A file sent with a mail: its name, its content type and its bytes, written in base64.
public struct OutgoingAttachment: Hashable, Sendable {
    public var filename: String
    public var contentType: String
    public var content: [UInt8]

    public init(filename: String, contentType: String, content: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }

    /// The entity: headers (the name RFC 2047-encoded when not ASCII, quotes and controls removed), content.
    func append(to wire: inout [UInt8]) {
        let name = EncodedWord.encodeIfNeeded(HeaderSafety.singleLine(filename).replacingOccurrences(of: "\"", with: "'"))
        let type = HeaderSafety.singleLine(contentType).filter { !$0.isWhitespace && $0 != ";" && $0 != "\"" }
        HeaderFolding.append(name: "Content-Type", value: "\(type.isEmpty ? "application/octet-stream" : type); name=\"\(name)\"", to: &wire)
        HeaderFolding.append(name: "Content-Disposition", value: "attachment; filename=\"\(name)\"", to: &wire)
        HeaderFolding.append(name: "Content-Transfer-Encoding", value: "base64", to: &wire)
        wire.append(contentsOf: "\r\n".utf8)
        Base64.appendEncoded(content, to: &wire)
    }
}

/// Header folding (RFC 5322 §2.2.3): long values break at blanks into continuation lines.
enum HeaderFolding {
    /// Appends `name: value` and its CRLF, the value's words (runs of non-blanks) joined by one
    /// space, a line broken before a word that would pass 78 octets, or 76 where the value
    /// holds encoded words (RFC 2047 §2).
    static func append(name: String, value: String, to wire: inout [UInt8]) {
        wire.append(contentsOf: name.utf8)
        wire.append(UInt8(ascii: ":"))
        let nameLength = name.utf8.count + 1
        var lineLength = nameLength
        var value = value
        value.withUTF8 { bytes in
            let width = holdsEncodedWord(bytes) ? 76 : 78
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

    /// Whether the value holds `=?`, as every encoded word does.
    private static func holdsEncodedWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 1 else { return false }
        for index in 1..<bytes.count where bytes[index] == UInt8(ascii: "?") && bytes[index - 1] == UInt8(ascii: "=") { return true }
        return false
    }
}
