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

    /// Encodes a header value for RFC 2047 where it has to: each run of words (blank-separated)
    /// holding anything but printable ASCII becomes Q encoded words, every other word stays as
    /// written, so that tags such as `[CS0001234]` stay readable to filters. CR and LF never
    /// survive: they become spaces first.
    public static func encodeIfNeeded(_ value: String) -> String {
        let clean = HeaderSafety.singleLine(value)
        guard needsEncoding(clean) else { return clean }
        var output: [String] = []
        var run: [Substring] = []
        func flush() {
            guard !run.isEmpty else { return }
            output += encodedWords(run.joined(separator: " "))
            run = []
        }
        for word in clean.split(separator: " ") {
            if needsEncoding(word) {
                run.append(word)
            } else {
                flush()
                output.append(String(word))
            }
        }
        flush()
        return output.joined(separator: " ")
    }

    /// The longest encoded word RFC 2047 §2 allows.
    static let maxWordLength = 75
    private static let prefix = "=?UTF-8?Q?"

    /// `text` as Q encoded words (RFC 2047 §4.2, with the characters §5(3) allows in a phrase
    /// left as they are), each at most `maxWordLength` long and cut between Characters, so that
    /// every word decodes on its own.
    static func encodedWords(_ text: String) -> [String] {
        let room = maxWordLength - prefix.utf8.count - 2
        var words: [String] = []
        var payload = ""
        for character in text {
            var encoded = ""
            for byte in character.utf8 {
                switch byte {
                case UInt8(ascii: " "): encoded += "_"
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                default:
                    let (high, low) = UpperHex.digits(of: byte)
                    encoded.unicodeScalars.append("=")
                    encoded.unicodeScalars.append(Unicode.Scalar(high))
                    encoded.unicodeScalars.append(Unicode.Scalar(low))
                }
            }
            if !payload.isEmpty, payload.utf8.count + encoded.utf8.count > room {
                words.append(prefix + payload + "?=")
                payload = ""
            }
            payload += encoded
        }
        if !payload.isEmpty { words.append(prefix + payload + "?=") }
        return words
    }

    /// Whether a single-line value has bytes a header cannot carry as they are, or text that
    /// a reader would take for an encoded word (`=?`).
    private static func needsEncoding(_ value: some StringProtocol) -> Bool {
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
