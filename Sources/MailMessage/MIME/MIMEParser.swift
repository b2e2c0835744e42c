import Foundation

/// Parses raw bytes into a `MIMEPart` tree, leniently: defects are recorded, not thrown.
/// Only exceeding a `ParseLimits` bound is an error. Parts are read from slices of the one
/// input: an embedded message in 7bit, 8bit or binary is parsed where it stands, never copied,
/// and every byte of content the parser makes (decoded or copied out) counts against
/// `maxBytes`, so nesting cannot multiply a mail's size.
struct MIMEParser {
    let limits: ParseLimits
    var defects: [String] = []
    var partCount = 0
    /// Bytes of content made so far: leaves' content and embedded messages' decoded bytes.
    private var producedBytes = 0

    init(limits: ParseLimits) { self.limits = limits }

    mutating func parse(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: String = "text/plain") throws -> MIMEPart {
        partCount += 1
        guard partCount <= limits.maxParts else { throw MailParseError(reason: "more than \(limits.maxParts) MIME parts") }
        guard depth <= limits.maxDepth else { throw MailParseError(reason: "MIME nesting deeper than \(limits.maxDepth) levels") }
        let (headerBytes, body) = HeaderParser.split(bytes)
        let header = MessageHeader(HeaderParser.fields(headerBytes, defects: &defects))
        var contentType = HeaderParameters(parsing: header.raw("Content-Type") ?? defaultType)
        if !contentType.value.has("/") {
            defects.append("invalid content type \(contentType.value)")
            contentType = HeaderParameters(value: "text/plain", parameters: contentType.parameters)
        }
        if contentType.mainType == "multipart" {
            guard let boundary = contentType.parameters["boundary"], !boundary.isEmpty else {
                defects.append("multipart without boundary")
                return MIMEPart(header: header, contentType: HeaderParameters(value: "text/plain"), content: try produce(body), children: [])
            }
            let bodies = splitMultipart(body, boundary: boundary)
            let childDefault = contentType.subType == "digest" ? "message/rfc822" : "text/plain"
            var children: [MIMEPart] = []
            for child in bodies {
                children.append(try parse(child, depth: depth + 1, defaultType: childDefault))
            }
            return MIMEPart(header: header, contentType: contentType, content: [], children: children)
        }
        let encoding = transferEncoding(header["Content-Transfer-Encoding"])
        if contentType.value == "message/rfc822" || contentType.value == "message/global" {
            let embedded: MIMEPart
            if encoding == .identity {
                embedded = try parse(body, depth: depth + 1)
            } else {
                let decoded = try produce(decode(body, encoding))
                embedded = try parse(decoded[...], depth: depth + 1)
            }
            return MIMEPart(header: header, contentType: contentType, content: [], children: [embedded])
        }
        let content = encoding == .identity ? try produce(body) : try produce(decode(body, encoding))
        return MIMEPart(header: header, contentType: contentType, content: content, children: [])
    }

    /// The bytes as a part's own array, counted against `maxBytes` first: the limit covers the
    /// decoded sizes of a mail, not only its raw size.
    private mutating func produce(_ bytes: ArraySlice<UInt8>) throws -> [UInt8] {
        try account(bytes.count)
        return Array(bytes)
    }

    /// Decoded bytes, counted against `maxBytes`.
    private mutating func produce(_ decoded: [UInt8]) throws -> [UInt8] {
        try account(decoded.count)
        return decoded
    }

    private mutating func account(_ count: Int) throws {
        producedBytes += count
        guard producedBytes <= limits.maxBytes else {
            throw MailParseError(reason: "decoded content of more than \(limits.maxBytes) bytes exceeds the limit")
        }
    }

    /// Splits a multipart body at its boundary lines (RFC 2046 §5.1.1). Preamble and epilogue
    /// are dropped. QUIRK: a missing close delimiter ends the last part at the end of the body,
    /// and a body with no delimiter at all becomes one part.
    private mutating func splitMultipart(_ body: ArraySlice<UInt8>, boundary: String) -> [ArraySlice<UInt8>] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        var closed = false
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(of: 0x0A) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                let after = line.dropFirst(delimiter.count)
                let isClose = after.starts(with: [0x2D, 0x2D])
                let rest = isClose ? after.dropFirst(2) : after
                if rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                    if let start = partStart { parts.append(trimmingFinalLineBreak(body[start..<lineStart])) }
                    if isClose {
                        closed = true
                        break
                    }
                    partStart = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
                }
            }
            lineStart = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
        }
        if !closed {
            if let start = partStart {
                defects.append("multipart without close delimiter")
                parts.append(body[start...])
            } else {
                defects.append("multipart boundary never found")
                parts.append(body)
            }
        }
        return parts
    }

    private func trimmingFinalLineBreak(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = slice
        if slice.last == 0x0A { slice = slice.dropLast() }
        if slice.last == 0x0D { slice = slice.dropLast() }
        return slice
    }

    /// A transfer encoding (RFC 2045 §6): identity ones leave the bytes as they are.
    private enum TransferEncoding {
        case identity, base64, quotedPrintable
    }

    private mutating func transferEncoding(_ name: String?) -> TransferEncoding {
        switch name?.trimmedBlanks.lowercased() {
        case "base64": return .base64
        case "quoted-printable": return .quotedPrintable
        case nil, "", "7bit", "8bit", "binary": return .identity
        case let other?:
            defects.append("unknown transfer encoding \(other)")
            return .identity
        }
    }

    private func decode(_ body: ArraySlice<UInt8>, _ encoding: TransferEncoding) -> [UInt8] {
        switch encoding {
        case .identity: Array(body)
        case .base64: Base64.decode(body)
        case .quotedPrintable: QuotedPrintable.decode(Array(body))
        }
    }
}
