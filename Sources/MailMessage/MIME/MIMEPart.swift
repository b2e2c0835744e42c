import Foundation

/// One MIME entity (RFC 2045): its header, its content type, and either decoded content
/// or child parts (multipart, or the embedded message of `message/rfc822`).
public struct MIMEPart: Hashable, Sendable {
    public var header: MessageHeader
    public var contentType: HeaderParameters
    /// The content after transfer decoding (empty for multiparts).
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

    /// Every part of this tree, depth first, this one included.
    public var allParts: [MIMEPart] { [self] + children.flatMap(\.allParts) }

    /// The structure as nested content types, e.g. `multipart/alternative(text/plain,text/html)`.
    public var structure: String {
        children.isEmpty ? contentType.value : contentType.value + "(" + children.map(\.structure).joined(separator: ",") + ")"
    }
}
