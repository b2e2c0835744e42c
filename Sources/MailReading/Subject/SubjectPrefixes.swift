import Foundation
import MailMessage

/// A subject without its reply and forward prefixes (`Re:`, `AW:`, `Fwd:`…) and without record
/// tags and reference tokens (`[CS0001234]`, `[ref:…]`), read in one pass: each byte is looked
/// at a bounded number of times, so a megabyte of `re: re: …` or of `[ref:` costs what its
/// length costs. Only the first `readLimit` bytes are read.
enum SubjectPrefixes {
    /// Bytes of a subject the reader looks at: a command in a one-click subject stands at its start.
    static let readLimit = 2048

    /// The subject's first `readLimit` bytes without tags, then without leading prefixes, trimmed.
    static func strip(_ subject: String) -> String {
        var steps = 0
        return strip(subject, steps: &steps)
    }

    /// As `strip(_:)`, counting in `steps` the bytes it looks at (each look at a byte is a step).
    static func strip(_ subject: String, steps: inout Int) -> String {
        let bytes = Array(subject.prefix(bytes: readLimit).utf8)
        let untagged = withoutTags(bytes, steps: &steps)
        let start = afterPrefixes(untagged, steps: &steps)
        return String(decoding: untagged[start...], as: UTF8.self).trimmedBlanks
    }

    /// The bytes without every `[ref:…]` (up to the first `]`) and `[CS…]`, `[ACC…]`, `[ESC…]`
    /// with digits, in any case, as the pattern `\[(ref:[^\]]*|(CS|ACC|ESC)\d+)\]` finds them.
    /// The next `]` is searched once and kept until passed, so runs of `[ref:` without one stay linear.
    private static func withoutTags(_ bytes: [UInt8], steps: inout Int) -> [UInt8] {
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var nextClose: Int? = -1
        var index = 0
        while index < bytes.count {
            steps += 1
            guard bytes[index] == UInt8(ascii: "["), let end = tagEnd(bytes, open: index, nextClose: &nextClose, steps: &steps) else {
                kept.append(bytes[index])
                index += 1
                continue
            }
            index = end
        }
        return kept
    }

    /// Where the tag opened at `open` ends (after its `]`), or nil.
    private static func tagEnd(_ bytes: [UInt8], open: Int, nextClose: inout Int?, steps: inout Int) -> Int? {
        let start = open + 1
        if matchesLetters(bytes, at: start, "ref:", steps: &steps) {
            if let close = nextClose, close < start {
                var search = max(close + 1, start)
                while search < bytes.count, bytes[search] != UInt8(ascii: "]") {
                    steps += 1
                    search += 1
                }
                nextClose = search < bytes.count ? search : nil
            }
            return nextClose.map { $0 + 1 }
        }
        for prefix in ["cs", "acc", "esc"] where matchesLetters(bytes, at: start, prefix, steps: &steps) {
            var end = start + prefix.utf8.count
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") {
                steps += 1
                end += 1
            }
            return end > start + prefix.utf8.count && end < bytes.count && bytes[end] == UInt8(ascii: "]") ? end + 1 : nil
        }
        return nil
    }

    /// Whether `word` (lower-case ASCII) stands at `index`, in any case.
    private static func matchesLetters(_ bytes: [UInt8], at index: Int, _ word: String, steps: inout Int) -> Bool {
        var offset = index
        for letter in word.utf8 {
            steps += 1
            guard offset < bytes.count, bytes[offset] | (letter >= UInt8(ascii: "a") ? 0x20 : 0) == letter else { return false }
            offset += 1
        }
        return true
    }

    /// The prefix words, as `^\s*(re|aw|sv|vs|wg|fw|fwd|tr|rv|antw|odp)\s*:\s*` reads them, repeatedly.
    private static let words: Set<[UInt8]> = Set(["re", "aw", "sv", "vs", "wg", "fw", "fwd", "tr", "rv", "antw", "odp"].map { Array($0.utf8) })

    /// The offset after every leading prefix: blanks, a prefix word (a whole run of letters, as
    /// a word must be followed by blanks or the colon), blanks, a colon, blanks; again.
    static func afterPrefixes(_ bytes: [UInt8], steps: inout Int) -> Int {
        var start = 0
        while true {
            var index = afterSpace(bytes, from: start, steps: &steps)
            var word: [UInt8] = []
            while index < bytes.count, bytes[index] | 0x20 >= UInt8(ascii: "a"), bytes[index] | 0x20 <= UInt8(ascii: "z"), word.count <= 4 {
                steps += 1
                word.append(bytes[index] | 0x20)
                index += 1
            }
            guard words.contains(word) else { return start }
            index = afterSpace(bytes, from: index, steps: &steps)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return start }
            start = afterSpace(bytes, from: index + 1, steps: &steps)
        }
    }

    /// The offset after the whitespace (ASCII, or any Unicode white space) starting at `from`.
    private static func afterSpace(_ bytes: [UInt8], from: Int, steps: inout Int) -> Int {
        var index = from
        while index < bytes.count {
            steps += 1
            let byte = bytes[index]
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                index += 1
            } else if byte >= 0x80, let (scalar, length) = scalar(in: bytes, at: index), scalar.properties.isWhitespace {
                index += length
            } else {
                break
            }
        }
        return index
    }

    /// The scalar whose UTF-8 encoding starts at `index`, and its length in bytes.
    private static func scalar(in bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        var decoder = UTF8()
        var iterator = bytes[index..<min(bytes.count, index + 4)].makeIterator()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return nil }
        return (scalar, String(scalar).utf8.count)
    }
}
