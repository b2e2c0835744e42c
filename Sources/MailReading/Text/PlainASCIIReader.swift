/// Reads a text's bytes for a reader's pattern (an ICU regular expression, case-insensitive)
/// where the bytes give the pattern's own answer: while every byte read is plain ASCII
/// (printable, tab, LF or CR), `\s` is a tab, LF, CR or space, `\w` a letter, a digit or `_`,
/// `\d` a digit, and ignoring case is `| 0x20` on letters. Any other byte (form feed, vertical
/// tab, another control, anything not ASCII: there `\s`, `\w`, `\d` and case folding read
/// Unicode properties) makes the answer `undecided`, left to the pattern. The pattern, through
/// `NSRegularExpression`, costs a conversion of the text to UTF-16 and back on every call.
struct PlainASCIIReader {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The first byte that is not plain ASCII (`bytes.count` when there is none).
    private let plainEnd: Int
    /// The furthest position read so far.
    private var furthest = -1

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        plainEnd = bytes.firstIndex { !(($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) } ?? bytes.count
    }

    /// Whether a byte read so far was not plain ASCII: what was read does not answer for the pattern.
    var undecided: Bool { furthest >= plainEnd }

    var count: Int { bytes.count }

    /// The byte at `index`, nil past the end.
    mutating func byte(at index: Int) -> UInt8? {
        guard index < bytes.count else { return nil }
        furthest = max(furthest, index)
        return bytes[index]
    }

    /// Whether the byte at `index` is `\s`.
    mutating func isSpace(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Whether the byte at `index` is `\d`.
    mutating func isDigit(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether the byte at `index` is `\w`; false past the end.
    mutating func isWord(at index: Int) -> Bool {
        guard let byte = byte(at: index) else { return false }
        return (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_")
    }

    /// The end of the `\s` run starting at `index`.
    mutating func spaceEnd(from index: Int) -> Int {
        var end = index
        while isSpace(at: end) { end += 1 }
        return end
    }

    /// The end of `literal` (lower-case ASCII: letters, blanks, punctuation) at `index`, ignoring
    /// the case of its letters; nil when the text does not hold it there.
    mutating func literalEnd(_ literal: [UInt8], at index: Int) -> Int? {
        for (offset, expected) in literal.enumerated() {
            guard let byte = byte(at: index + offset) else { return nil }
            let isLetter = expected >= UInt8(ascii: "a") && expected <= UInt8(ascii: "z")
            guard isLetter ? byte | 0x20 == expected : byte == expected else { return nil }
        }
        return index + literal.count
    }

    /// The end of `word` at `index` when a `\b` follows it (`word` ends in a letter).
    mutating func wordEnd(_ word: [UInt8], at index: Int) -> Int? {
        guard let end = literalEnd(word, at: index), !isWord(at: end) else { return nil }
        return end
    }
}

extension PlainASCIIReader {
    /// What a read of the bytes answers for a pattern: its answer, or that the pattern must say.
    enum Answer<Value> {
        case answer(Value)
        case undecided
    }

    /// Runs `read` over the text's bytes: its answer, or `undecided` when it read a byte that is
    /// not plain ASCII.
    static func read<Value>(_ text: String, _ read: (inout PlainASCIIReader) -> Value) -> Answer<Value> {
        var text = text
        return text.withUTF8 { bytes in
            var reader = PlainASCIIReader(bytes)
            let value = read(&reader)
            return reader.undecided ? .undecided : .answer(value)
        }
    }
}
