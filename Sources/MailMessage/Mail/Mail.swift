public import Foundation

/// A parsed mail with its RFC 5322 meaning: addresses, subject, identifiers and the readable bodies.
public struct Mail: Hashable, Sendable {
    /// The whole MIME tree; `root.header` is the message header.
    public let root: MIMEPart
    /// Deviations from the RFCs that the parser tolerated.
    public let defects: [String]
    /// The first `From` address, decoded once at parse time (every reader asks for it).
    public let from: MailAddress?
    /// The decoded subject on one line, or empty.
    public let subject: String
    /// The Message-ID without angle brackets, or nil when absent or longer than
    /// `maxMessageIDBytes` (read at parse time: identity, loop and thread checks each ask for it).
    public let messageID: String?
    /// The limits it was parsed with; they bound the identifiers read from it.
    public let limits: ParseLimits

    public var header: MessageHeader { root.header }

    /// Parses raw message bytes within limits.
    /// - Throws: `MailParseError` when the mail exceeds a limit; anything else parses to a best value.
    public init(parsing bytes: [UInt8], limits: ParseLimits = ParseLimits()) throws {
        guard bytes.count <= limits.maxBytes else {
            throw MailParseError(reason: "mail of \(bytes.count) bytes exceeds the limit of \(limits.maxBytes) bytes")
        }
        var parser = MIMEParser(limits: limits)
        // QUIRK: classic Mac files end lines with CR alone (sisimai's mac/ set); read them as LF.
        let lines = !bytes.prefix(8192).contains(0x0A) && bytes.contains(0x0D) ? bytes.map { $0 == 0x0D ? 0x0A : $0 } : bytes
        root = try parser.parse(lines[...], depth: 0)
        self.limits = limits
        let header = root.header
        from = header.raw("From").flatMap { MailAddress.parseList($0).first }
        subject = header["Subject"].map(HeaderSafety.singleLine) ?? ""
        let ownID = header.raw("Message-ID").flatMap { Self.messageIDs(in: $0).first }
        if let ownID, ownID.utf8.count > limits.maxMessageIDBytes {
            parser.defects.append("Message-ID of \(ownID.utf8.count) bytes, over the limit of \(limits.maxMessageIDBytes): ignored")
            messageID = nil
        } else {
            messageID = ownID
        }
        defects = parser.defects
    }

    /// The `To` addresses.
    public var to: [MailAddress] { header.rawValues("To").flatMap(MailAddress.parseList) }
    /// The `Cc` addresses.
    public var cc: [MailAddress] { header.rawValues("Cc").flatMap(MailAddress.parseList) }

    public var sender: MailAddress? { header.raw("Sender").flatMap { MailAddress.parseList($0).first } }
    public var replyTo: [MailAddress] { header.raw("Reply-To").map(MailAddress.parseList) ?? [] }
    public var date: Date? { header["Date"].flatMap(MailDate.parse) }

    /// In-Reply-To identifiers, without angle brackets, at most `maxReferences` of
    /// `maxMessageIDBytes` or fewer bytes (longer ones are passed over).
    public var inReplyTo: [String] { Array(readable(header.raw("In-Reply-To").map(Self.messageIDs) ?? []).prefix(limits.maxReferences)) }
    /// References identifiers, oldest first, without angle brackets: the newest `maxReferences`
    /// of `maxMessageIDBytes` or fewer bytes (longer ones are passed over).
    public var references: [String] { Array(readable(header.rawValues("References").flatMap(Self.messageIDs)).suffix(limits.maxReferences)) }

    private func readable(_ ids: [String]) -> [String] {
        ids.filter { $0.utf8.count <= limits.maxMessageIDBytes }
    }

    /// The first `text/plain` part that is not an attachment, decoded.
    public var textBody: String? { bodyPart(subtype: "plain").map { $0.text } }
    /// The first `text/html` part that is not an attachment, decoded.
    public var htmlBody: String? { bodyPart(subtype: "html").map { $0.text } }

    /// The first `text/plain` body's text from at most its first `maxBytes` bytes of content.
    public func textBody(prefixBytes maxBytes: Int) -> String? { bodyPart(subtype: "plain").map { $0.text(prefixBytes: maxBytes) } }
    /// The first `text/html` body's text from at most its first `maxBytes` bytes of content.
    public func htmlBody(prefixBytes maxBytes: Int) -> String? { bodyPart(subtype: "html").map { $0.text(prefixBytes: maxBytes) } }

    /// Attachments: parts with a file name or an `attachment` disposition.
    public var attachments: [MIMEPart] { root.allParts.filter { !$0.isMultipart && $0.isAttachment } }

    private func bodyPart(subtype: String) -> MIMEPart? {
        Self.firstBody(in: root, subtype: subtype)
    }

    private static func firstBody(in part: MIMEPart, subtype: String) -> MIMEPart? {
        if part.contentType.value == "message/rfc822" { return nil }
        if part.children.isEmpty {
            let isText = part.contentType.mainType == "text" && part.contentType.subType == subtype
            return isText && part.disposition?.value != "attachment" ? part : nil
        }
        for child in part.children {
            if let found = firstBody(in: child, subtype: subtype) { return found }
        }
        return nil
    }

    /// Extracts `<id>` tokens; QUIRK: bare identifiers without brackets are accepted too.
    public static func messageIDs(in raw: String) -> [String] {
        var ids: [String] = []
        let bytes = raw.utf8
        var position = bytes.startIndex
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")),
            let close = bytes[bytes.index(after: open)...].firstIndex(of: UInt8(ascii: ">"))
        {
            let id = raw[bytes.index(after: open)..<close].trimmedBlanks
            if !id.isEmpty { ids.append(id) }
            position = bytes.index(after: close)
        }
        if ids.isEmpty {
            ids = raw.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init).filter { $0.has("@") }
        }
        return ids
    }
}
