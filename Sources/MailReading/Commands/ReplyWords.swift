import Foundation
import MailMessage

/// One word of a reply's new text, with the clause and sentence it stands in.
struct ReplyWord {
    /// Lower-cased, typographic apostrophes straightened.
    var lower: String
    /// `lower` without diacritics ("approuvé" → "approuve"): command phrases are matched on it,
    /// since people drop accents in mail.
    var folded: String
    /// Where the word stands in the text as written.
    var range: Range<String.Index>
    var clause: Int
    var sentence: Int
}

/// The words of a reply's new text, split into sentences (`.`, `!`, `?`, `…`, a line break before
/// a capital or a blank line) and clauses (`,`, `;`, `:`, brackets, a free-standing dash). A line
/// break inside a sentence (wrapped text) is a space. French elisions are two words
/// ("n'approuve" → "n'", "approuve"), so that the negation and the verb are seen apart.
struct ReplyWords {
    let text: String
    private(set) var words: [ReplyWord] = []
    /// Per sentence: whether it ends in `?` (or starts with `¿`).
    private(set) var isQuestion: [Bool] = []

    init(_ text: String) {
        self.text = text
        var scanner = Scanner(text: text)
        scanner.run()
        words = scanner.words
        isQuestion = scanner.questions
    }

    /// The text as written between two positions, trimmed.
    func written(_ range: Range<String.Index>) -> String {
        String(text[range]).trimmedSpace
    }

    /// Whether the word at `index` is directly followed by `character` in the text ("NOT!").
    func isFollowed(_ index: Int, by character: Character) -> Bool {
        let end = words[index].range.upperBound
        return end < text.endIndex && text[end] == character
    }

    private struct Scanner {
        let text: String
        var words: [ReplyWord] = []
        var questions: [Bool] = [false]
        var clause = 0
        var sentence = 0
        var pendingClause = false
        var pendingSentence = false
        var pendingQuestion = false
        var lineLength = 0

        mutating func run() {
            let scalars = text.unicodeScalars
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                if Self.isLetterOrDigit(scalar) {
                    index = word(from: index)
                    continue
                }
                boundary(scalar, at: index)
                lineLength = scalar == "\n" ? 0 : lineLength + 1
                index = scalars.index(after: index)
            }
        }

        private mutating func boundary(_ scalar: Unicode.Scalar, at index: String.Index) {
            switch scalar {
            case ".", "!", "…", "。", "！": pendingSentence = true
            case "?", "？":
                pendingSentence = true
                if !words.isEmpty { questions[sentence] = true }
            case "¿": pendingQuestion = true
            case ",", ";", ":", "(", ")", "–", "—", "-", "、", "，", "：": pendingClause = true
            case "\n":
                if startsSentence(after: index) { pendingSentence = true } else if lineLength < 40 { pendingSentence = true }
            default: break
            }
        }

        /// After a line break: a blank line, or a next line starting with anything but a small letter.
        private func startsSentence(after index: String.Index) -> Bool {
            var next = text.unicodeScalars.index(after: index)
            while next < text.unicodeScalars.endIndex, text.unicodeScalars[next] == " " || text.unicodeScalars[next] == "\t" {
                next = text.unicodeScalars.index(after: next)
            }
            guard next < text.unicodeScalars.endIndex else { return true }
            let first = text.unicodeScalars[next]
            return !(first.properties.isLowercase)
        }

        private mutating func word(from start: String.Index) -> String.Index {
            let scalars = text.unicodeScalars
            var end = scalars.index(after: start)
            while end < scalars.endIndex {
                let scalar = scalars[end]
                if Self.isLetterOrDigit(scalar) {
                    end = scalars.index(after: end)
                } else if Self.joiners.contains(scalar), case let after = scalars.index(after: end), after < scalars.endIndex,
                    Self.isLetterOrDigit(scalars[after])
                {
                    end = after
                } else {
                    break
                }
            }
            if pendingSentence, !words.isEmpty {
                sentence += 1
                clause += 1
                questions.append(false)
            } else if pendingClause, !words.isEmpty {
                clause += 1
            }
            if pendingQuestion { questions[sentence] = true }
            pendingSentence = false
            pendingClause = false
            pendingQuestion = false
            append(start..<end)
            lineLength += text.unicodeScalars[start..<end].count
            return end
        }

        private mutating func append(_ range: Range<String.Index>) {
            let (lower, folded) = Self.fold(text[range])
            if let apostrophe = lower.firstIndex(of: "'"), Self.elisions.contains(String(lower[..<apostrophe])) {
                let offset = lower.distance(from: lower.startIndex, to: apostrophe) + 1
                let split = text.index(range.lowerBound, offsetBy: offset)
                let (headLower, headFolded) = Self.fold(text[range.lowerBound..<split])
                words.append(ReplyWord(lower: headLower, folded: headFolded, range: range.lowerBound..<split, clause: clause, sentence: sentence))
                let (tailLower, tailFolded) = Self.fold(text[split..<range.upperBound])
                words.append(ReplyWord(lower: tailLower, folded: tailFolded, range: split..<range.upperBound, clause: clause, sentence: sentence))
                return
            }
            words.append(ReplyWord(lower: lower, folded: folded, range: range, clause: clause, sentence: sentence))
        }

        /// French elided articles and pronouns before an apostrophe.
        private static let elisions: Set<String> = ["l", "d", "n", "j", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu"]
        /// Characters that join two word parts: "de-escalate", "don't", "vp@support.example".
        private static let joiners: Set<Unicode.Scalar> = ["'", "’", "-", ".", "@", "_", "+", "%"]

        private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let value = scalar.value
                return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
            }
            return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }

        static func fold(_ word: Substring) -> (lower: String, folded: String) {
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                let lower = String(decoding: word.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                return (lower, lower)
            }
            let lower = word.lowercased().replacingOccurrences(of: "’", with: "'")
            return (lower, PhraseTable<Bool>.fold(lower))
        }
    }
}
