import Foundation

/// One MIME entity (RFC 2045): its header, its content type, and either decoded content
/// or child parts (multipart, or the embedded message of `message/rfc822`).
public struct MIMEPart: Hashable, Sendable {
    public var header: MessageHeader
    public var contentType: HeaderParameters
    /// The content after transfer decoding (empty for multiparts and for an embedded message,
    /// whose content is its child).
    public var content: [UInt8]
    public var children: [MIMEPart]

    public init(header: MessageHeader, contentType: HeaderParameters, content: [UInt8], children: [MIMEPart]) {
        self.header = header
        self.contentType = contentType
        self.content = content
        self.children = children
    }

    public var isMultipart: Bool { contentType.mainType == "multipart" }

    /// The `Content-Disposition` token (`inline`, `attachment`) and parameters.
    public var disposition: HeaderParameters? { header["Content-Disposition"].map(HeaderParameters.init(parsing:)) }

    /// The file name from `Content-Disposition` or `Content-Type`, decoded.
    public var filename: String? { disposition?.parameters["filename"] ?? contentType.parameters["name"] }

    public var isAttachment: Bool { disposition?.value == "attachment" || (filename != nil && contentType.mainType != "text") }

    /// The content as text in its declared charset (UTF-8 when none is declared), with
    /// CRLF and lone CR line ends turned into LF.
    public var text: String {
        let decoded = Charset.decode(content, charset: contentType.parameters["charset"]).text
        return decoded.containsByte(0x0D) ? decoded.replacingCRLF() : decoded
    }

    /// The text of at most the first `maxBytes` bytes of content, as `text` reads it: a reader
    /// that looks at the top of a body need not decode all of it. The cut falls before a UTF-8
    /// sequence it would split; QUIRK: in a multi-byte legacy charset a split character at the
    /// cut becomes U+FFFD (iconv reads it as incomplete).
    public func text(prefixBytes maxBytes: Int) -> String {
        guard content.count > maxBytes else { return text }
        var end = max(0, maxBytes)
        var lead = end
        while lead > 0, end - lead < 3, content[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
        if lead > 0, content[lead - 1] >= 0xC0 {
            let start = lead - 1
            let length = content[start] >= 0xF0 ? 4 : content[start] >= 0xE0 ? 3 : 2
            if start + length > end { end = start }
        }
        let decoded = Charset.decode(Array(content[..<end]), charset: contentType.parameters["charset"]).text
        return decoded.containsByte(0x0D) ? decoded.replacingCRLF() : decoded
    }

    /// Every part of this tree, depth first, this one included.
    public var allParts: [MIMEPart] { [self] + children.flatMap(\.allParts) }

    /// The structure as nested content types, e.g. `multipart/alternative(text/plain,text/html)`.
    public var structure: String {
        children.isEmpty ? contentType.value : contentType.value + "(" + children.map(\.structure).joined(separator: ",") + ")"
    }
}
