import Foundation
import MailMessage

/// An attribution sharing its line with text before it ("Thanks! On Tue, … Dana wrote:"), found
/// by the rule the pattern `^(.*?\S)[\s-]*(\b(On|Le|Am|El)\s.{5,200}\b(verb)\s*:)\s*$` states,
/// in linear time. The pattern tried every "On" of a line against every verb ending, which cost
/// seconds for a long line of them; here the verb is read from the line's end first (it must
/// stand right before the final colon), and only the 200 characters before it are searched for
/// the opening word.
enum SharedLineAttribution {
    /// The words that open an attribution in the line, as the pattern reads them (any case).
    private static let openingWords: [[Unicode.Scalar]] = ["on", "le", "am", "el"].map { Array($0.unicodeScalars) }

    /// The text before the attribution (without the blanks and dashes between), or nil.
    static func textBefore(in line: String, verbs: [String]) -> Substring? {
        let scalars = Array(line.unicodeScalars)
        var end = scalars.count
        while end > 0, isSpace(scalars[end - 1]) { end -= 1 }
        guard end > 0, scalars[end - 1] == ":" else { return nil }
        end -= 1
        while end > 0, isSpace(scalars[end - 1]) { end -= 1 }
        // The text before must hold a non-blank character (`.*?\S`).
        guard let firstSolid = scalars.firstIndex(where: { !isSpace($0) }) else { return nil }
        var best: Int?
        for verbStart in verbStarts(scalars, end: end, verbs: verbs) {
            // `(On|Le|Am|El)\s` then 5 to 200 characters before the verb.
            let lowest = max(firstSolid + 1, verbStart - 203)
            let highest = verbStart - 8
            guard lowest <= highest else { continue }
            for start in lowest...highest where best.map({ start < $0 }) ?? true {
                if opensAttribution(scalars, at: start) {
                    best = start
                    break
                }
            }
        }
        guard let start = best else { return nil }
        var textEnd = start
        while textEnd > 0, isSpace(scalars[textEnd - 1]) || scalars[textEnd - 1] == "-" { textEnd -= 1 }
        guard textEnd > 0 else { return nil }
        let utf8Length = scalars[..<textEnd].reduce(0) { $0 + UTF8.width($1) }
        return line[..<line.utf8.index(line.startIndex, offsetBy: utf8Length)]
    }

    /// Where a verb ends the text at `end` as a whole word (a non-word character before it).
    private static func verbStarts(_ scalars: [Unicode.Scalar], end: Int, verbs: [String]) -> [Int] {
        let tailStart = max(0, end - 16)
        let tail = String(String.UnicodeScalarView(scalars[tailStart..<end])).lowercased()
        return verbs.compactMap { verb -> Int? in
            guard tail.hasSuffix(verb) else { return nil }
            let start = end - verb.unicodeScalars.count
            guard start >= 0, start == 0 || !isWord(scalars[start - 1]) else { return nil }
            return start
        }
    }

    /// Whether an opening word and one white-space character stand at `start`, after a
    /// non-word character and some text that is not blanks and dashes only.
    private static func opensAttribution(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + 2 < scalars.count, !isWord(scalars[start - 1]), isSpace(scalars[start + 2]) else { return false }
        let pair = [scalars[start], scalars[start + 1]].map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }
        return openingWords.contains(pair)
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// A word character as `\b` reads it: letters, marks, digits and connector punctuation.
    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType == .decimal { return true }
        switch properties.generalCategory {
        case .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return scalar == "\u{200C}" || scalar == "\u{200D}"
        }
    }
}
