import Foundation

/// RFC 2047 encoded words (`=?charset?Q|B?text?=`) in header values.
public enum EncodedWord {
    /// Decodes every encoded word in a header value. Whitespace between two adjacent encoded
    /// words is dropped (RFC 2047 §6.2). QUIRK: encoded words inside quoted strings and without
    /// surrounding whitespace, as many clients write them, are decoded too.
    public static func decode(_ value: String) -> String {
        guard value.has("=?") else { return value }
        var output = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        let isASCII = value.isASCII
        while let start = isASCII ? rest.utf8Range(of: opening) : rest.firstRange(of: "=?") {
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

    private static let opening = Array("=?".utf8)

    /// Decodes the encoded word `text` starts with (`=?charset?encoding?payload?=`); nil when it is none.
    private static func decodeWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let utf8 = text.utf8
        var marks: [String.Index] = []
        var index = utf8.index(utf8.startIndex, offsetBy: 2)
        while index < utf8.endIndex, marks.count < 3 {
            if utf8[index] == UInt8(ascii: "?") { marks.append(index) }
            index = utf8.index(after: index)
        }
        guard marks.count == 3, index < utf8.endIndex, utf8[index] == UInt8(ascii: "=") else { return nil }
        let charsetField = text[utf8.index(utf8.startIndex, offsetBy: 2)..<marks[0]]
        let charset = charsetField.split(separator: "*").first.map(String.init) ?? ""
        let encoding = text[utf8.index(after: marks[0])..<marks[1]].uppercased()
        let payload = text[utf8.index(after: marks[1])..<marks[2]]
        let rest = text[utf8.index(after: index)...]
        guard !payload.utf8.contains(0x20) else { return nil }
        let bytes: [UInt8]
        switch encoding {
        case "B": bytes = Base64.decode(Array(payload.utf8))
        case "Q": bytes = QuotedPrintable.decode(Array(payload.utf8), underscoreIsSpace: true)
        default: return nil
        }
        return (Charset.decode(bytes, charset: charset).text, rest)
    }

    /// Encodes a header value as RFC 2047 B words when it holds anything but printable ASCII;
    /// returns it unchanged otherwise. CR and LF never survive: they become spaces first.
    public static func encodeIfNeeded(_ value: String) -> String {
        let clean = HeaderSafety.singleLine(value)
        guard needsEncoding(clean) else { return clean }
        if clean.unicodeScalars.allSatisfy(\.isOwnCharacter) { return encodedWords(ownCharacters: clean) }
        var words: [String] = []
        var chunk = ""
        var chunkBytes = 0
        for character in clean {
            let bytes = character.utf8.count
            if chunkBytes + bytes > 45 {
                words.append(chunk)
                chunk = ""
                chunkBytes = 0
            }
            chunk.append(character)
            chunkBytes += bytes
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: " ")
    }

    /// The B words of a value whose scalars are each a Character (`isOwnCharacter`), cut on
    /// its bytes where the Characters would be cut: before a scalar that would take a word past
    /// 45 bytes. Every subject is encoded (the templates put a dash in it).
    private static func encodedWords(ownCharacters value: String) -> String {
        let bytes = Array(value.utf8)
        var words: [String] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let length = bytes[index] < 0x80 ? 1 : bytes[index] < 0xE0 ? 2 : bytes[index] < 0xF0 ? 3 : 4
            if index + length - start > 45 {
                words.append("=?UTF-8?B?" + Data(bytes[start..<index]).base64EncodedString() + "?=")
                start = index
            }
            index += length
        }
        if start < bytes.count { words.append("=?UTF-8?B?" + Data(bytes[start...]).base64EncodedString() + "?=") }
        return words.joined(separator: " ")
    }

    /// Whether a single-line value has bytes a header cannot carry as they are, or text that
    /// a reader would take for an encoded word (`=?`).
    private static func needsEncoding(_ value: String) -> Bool {
        var previous: UInt8 = 0
        for byte in value.utf8 {
            if byte > 126 || byte < 32 || (previous == UInt8(ascii: "=") && byte == UInt8(ascii: "?")) { return true }
            previous = byte
        }
        return false
    }
}

/// Guards against header injection: user text never contains a line break when written.
public enum HeaderSafety {
    /// Replaces every CR, LF and other control character with a space and collapses runs of blanks.
    public static func singleLine(_ value: String) -> String {
        if isSingleLine(value) { return value }
        let mapped = value.unicodeScalars.map { scalar -> Character in
            (scalar.value < 32 || scalar.value == 127 || scalar == "\u{2028}" || scalar == "\u{2029}") ? " " : Character(scalar)
        }
        return String(mapped).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Whether `value` is already what `singleLine` makes of it: printable ASCII or UTF-8
    /// without line separators (U+2028 and U+2029 are E2 80 A8 and E2 80 A9), no blank at
    /// either end, no two blanks in a row.
    private static func isSingleLine(_ value: String) -> Bool {
        var value = value
        return value.withUTF8(isSingleLine)
    }

    private static func isSingleLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousBlank = true
        var lastTwo: (UInt8, UInt8) = (0, 0)
        for byte in bytes {
            if byte < 32 || byte == 127 { return false }
            if byte == 0xA8 || byte == 0xA9, lastTwo == (0xE2, 0x80) { return false }
            let blank = byte == UInt8(ascii: " ")
            if blank && previousBlank { return false }
            previousBlank = blank
            lastTwo = (lastTwo.1, byte)
        }
        return !previousBlank || bytes.isEmpty
    }
}
