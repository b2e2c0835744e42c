import Foundation

/// A mailbox from an address header: display name and address (RFC 5322 §3.4).
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    public var name: String?
    /// The address as written, lower-cased.
    public var address: String

    public init(name: String?, address: String) {
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
        self.address = address.lowercased()
    }

    /// `Name <address>` with the name RFC 2047-encoded when needed and quoted when it holds specials.
    public var encoded: String {
        guard let name, !name.isEmpty else { return address }
        let single = HeaderSafety.singleLine(name)
        let encodedName = EncodedWord.encodeIfNeeded(single)
        if encodedName != single { return "\(encodedName) <\(address)>" }
        if single.utf8.contains(where: Self.isSpecial) {
            return "\"" + single.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\" <\(address)>"
        }
        return "\(single) <\(address)>"
    }

    public var description: String { encoded }

    /// RFC 5322 specials (all ASCII), which a display name must quote.
    private static func isSpecial(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"),
            UInt8(ascii: ";"), UInt8(ascii: "@"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "\""):
            true
        default: false
        }
    }

    /// Parses an address list leniently: quoted names, comments, groups, bare addresses,
    /// and RFC 2047 names. A bare word without `@` becomes a name with an empty address.
    public static func parseList(_ raw: String) -> [MailAddress] {
        var result: [MailAddress] = []
        for entry in splitEntries(raw) {
            var text = entry.trimmedBlanks
            if let colon = text.firstIndex(ofASCII: UInt8(ascii: ":")), !text[..<colon].has("<"), !text[..<colon].has("\"") {
                text = String(text[text.index(after: colon)...])
            }
            text = text.trimmed(including: ";")
            var comment: String?
            if text.containsByte(UInt8(ascii: "(")) { (text, comment) = removingComments(text) }
            if let open = text.lastIndex(ofASCII: UInt8(ascii: "<")), let close = text[open...].firstIndex(ofASCII: UInt8(ascii: ">")) {
                let address = text[text.index(after: open)..<close].trimmedBlanks
                var name = text[..<open].trimmedBlanks
                if name.hasPrefix("\""), name.hasSuffix("\""), name.utf8.count >= 2 { name = String(name.dropFirst().dropLast()) }
                if name.utf8.contains(UInt8(ascii: "\\")) { name = name.replacingOccurrences(of: "\\\"", with: "\"") }
                guard !address.isEmpty || !name.isEmpty else { continue }
                result.append(MailAddress(name: EncodedWord.decode(name), address: address))
            } else {
                let name = comment
                let address = text.trimmedBlanks
                if address.has("@"), !address.has(" ") {
                    result.append(MailAddress(name: name.map(EncodedWord.decode), address: address))
                } else if !address.isEmpty, name == nil, !raw.has(":;") {
                    // QUIRK: RFC 5322 needs an addr-spec, but "From: Whomever" occurs (stalwart rfc/001.eml): keep it as a name.
                    result.append(MailAddress(name: EncodedWord.decode(address), address: ""))
                }
            }
        }
        return result
    }

    /// The text without its comments (RFC 5322 §3.2.2: parenthesised, nested, outside quoted
    /// strings, with quoted-pairs), and the first comment's content. A comment is never an
    /// address: `(x <boss@corp>) evil@evil.test` is `evil@evil.test`.
    public static func removingComments(_ text: String) -> (text: String, comment: String?) {
        var kept: [UInt8] = []
        var comment: [UInt8] = []
        var firstComment: String?
        var depth = 0
        var quoted = false
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                escaped = false
                if depth > 0 { comment.append(byte) } else { kept.append(byte) }
                continue
            }
            switch byte {
            case UInt8(ascii: "\\") where quoted || depth > 0:
                escaped = true
                if depth == 0 { kept.append(byte) }
            case UInt8(ascii: "\"") where depth == 0:
                quoted.toggle()
                kept.append(byte)
            case UInt8(ascii: "(") where !quoted:
                if depth > 0 { comment.append(byte) }
                depth += 1
            case UInt8(ascii: ")") where !quoted && depth > 0:
                depth -= 1
                if depth > 0 {
                    comment.append(byte)
                } else {
                    if firstComment == nil { firstComment = String(decoding: comment, as: UTF8.self) }
                    comment.removeAll()
                    kept.append(UInt8(ascii: " "))
                }
            default:
                if depth > 0 { comment.append(byte) } else { kept.append(byte) }
            }
        }
        return (String(decoding: kept, as: UTF8.self).trimmedBlanks, firstComment)
    }

    /// Splits at commas outside quoted strings, angle brackets and comments (by bytes: every
    /// delimiter is ASCII).
    private static func splitEntries(_ raw: String) -> [String] {
        var entries: [String] = []
        let bytes = raw.utf8
        var start = bytes.startIndex
        var index = start
        var quoted = false
        var angle = 0
        var comment = 0
        var previous: UInt8 = 0x20
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\"") where previous != UInt8(ascii: "\\"): quoted.toggle()
            case UInt8(ascii: "<") where !quoted: angle += 1
            case UInt8(ascii: ">") where !quoted: angle = max(0, angle - 1)
            case UInt8(ascii: "(") where !quoted: comment += 1
            case UInt8(ascii: ")") where !quoted: comment = max(0, comment - 1)
            case UInt8(ascii: ",") where !quoted && angle == 0 && comment == 0:
                entries.append(String(raw[start..<index]))
                start = bytes.index(after: index)
            default: break
            }
            previous = byte
            index = bytes.index(after: index)
        }
        entries.append(String(raw[start...]))
        return entries
    }
}
