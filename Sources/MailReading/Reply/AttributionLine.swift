/// `QuoteMarkers.attribution` ("On … wrote:", "Le … a ecrit :") read on a line's bytes where
/// they are plain ASCII (`PlainASCIIReader`); the pattern answers for any other line. Every
/// line that may start quoted history is asked, most replies' attribution among them.
///
/// On plain ASCII only the pattern's ASCII start words and verbs can match: each of the others
/// holds a letter with no ASCII letter among its cases (`à`, `é`, `ł`, `đ`, `ı`, Cyrillic, CJK).
enum AttributionLine {
    /// The pattern's start words spelt in ASCII, `kl\.` as the text holds it.
    private static let starts = ["on", "le", "am", "el", "il", "op", "em", "den", "w dniu", "dne", "pe", "en", "kl.", "at"].map { Array($0.utf8) }
    private static let verbs = QuoteMarkers.verbList.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
    /// `.{0,250}` between the start word and the verb.
    private static let gap = 250

    /// Whether `QuoteMarkers.attribution` matches `line`.
    static func matches(_ line: String) -> Bool {
        switch PlainASCIIReader.read(line, matchesBytes) {
        case .answer(let matches): matches
        case .undecided: QuoteMarkers.attribution.matches(line)
        }
    }

    /// `^[-\s*]*(start)\b.{0,250}\b(verb)\s*:?[\s-]*$`: the run before the start word ends where
    /// a letter stands (a start word starts with one), so only its whole length can fit; the
    /// verb may stand anywhere the gap reaches.
    private static func matchesBytes(_ reader: inout PlainASCIIReader) -> Bool {
        var start = 0
        while let byte = reader.byte(at: start), byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || reader.isSpace(at: start) {
            start += 1
        }
        for word in starts {
            guard let wordEnd = reader.literalEnd(word, at: start), isBoundary(&reader, at: wordEnd) else { continue }
            var verbStart = wordEnd
            while verbStart - wordEnd <= gap {
                if isBoundary(&reader, at: verbStart) {
                    for verb in verbs {
                        if let verbEnd = reader.literalEnd(verb, at: verbStart), endsAttribution(&reader, from: verbEnd) { return true }
                    }
                }
                // `.` is any character but a line break.
                guard let byte = reader.byte(at: verbStart), byte != 0x0A, byte != 0x0D else { break }
                verbStart += 1
            }
        }
        return false
    }

    /// `\b` at `index` (never at the text's start here: a start word stands before).
    private static func isBoundary(_ reader: inout PlainASCIIReader, at index: Int) -> Bool {
        reader.isWord(at: index - 1) != reader.isWord(at: index)
    }

    /// Whether the rest from `index` is `\s*:?[\s-]*$`: blanks, at most one colon before any
    /// dash, then blanks and dashes to the end.
    private static func endsAttribution(_ reader: inout PlainASCIIReader, from index: Int) -> Bool {
        var index = reader.spaceEnd(from: index)
        if reader.byte(at: index) == UInt8(ascii: ":") { index += 1 }
        while let byte = reader.byte(at: index) {
            guard byte == UInt8(ascii: "-") || reader.isSpace(at: index) else { return false }
            index += 1
        }
        return true
    }
}
