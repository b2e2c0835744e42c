import Foundation

/// RFC 2047 encoded words (`=?charset?Q|B?text?=`) in header values.
public enum EncodedWord {
    /// Decodes every encoded word in a header value. Whitespace between two adjacent encoded
    /// words is dropped (RFC 2047 §6.2). QUIRK: encoded words inside quoted strings and without
    /// surrounding whitespace, as many clients write them, are decoded too.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[rest.startIndex..<start.lowerBound]
            guard let decoded = decodeWord(rest[start.lowerBound...]) else {
                output += pendingSpace + before + "=?"
                pendingSpace = ""
                lastWasEncoded = false
                rest = rest[start.upperBound...]
                continue
            }
            if lastWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }) {
                output += decoded.text
            } else {
                output += pendingSpace + before + decoded.text
            }
            pendingSpace = ""
            lastWasEncoded = true
            rest = decoded.rest
        }
        output += pendingSpace + rest
        return output
    }

    private static func decodeWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let parts = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[3].hasPrefix("=") else { return nil }
        let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""
        let encoding = parts[1].uppercased()
        let payload = parts[2]
        guard !payload.contains(" ") else { return nil }
        let bytes: [UInt8]
        switch encoding {
        case "B": bytes = Base64.decode(Array(payload.utf8))
        case "Q": bytes = QuotedPrintable.decode(Array(payload.utf8), underscoreIsSpace: true)
        default: return nil
        }
        return (Charset.decode(bytes, charset: charset).text, parts[3].dropFirst())
    }

    /// Encodes a header value as RFC 2047 B words when it holds anything but printable ASCII;
    /// returns it unchanged otherwise. CR and LF never survive: they become spaces first.
    public static func encodeIfNeeded(_ value: String) -> String {
        let clean = HeaderSafety.singleLine(value)
        guard clean.unicodeScalars.contains(where: { $0.value > 126 || $0.value < 32 }) || clean.contains("=?") else { return clean }
        var words: [String] = []
        var chunk = ""
        for character in clean {
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: " ")
    }
}

/// Guards against header injection: user text never contains a line break when written.
public enum HeaderSafety {
    /// Replaces every CR, LF and other control character with a space and collapses runs of blanks.
    public static func singleLine(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 > 32 && $0 < 127 }) { return value }
        let mapped = value.unicodeScalars.map { scalar -> Character in
            (scalar.value < 32 || scalar.value == 127 || scalar == "\u{2028}" || scalar == "\u{2029}") ? " " : Character(scalar)
        }
        return String(mapped).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
