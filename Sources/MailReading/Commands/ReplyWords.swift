import Foundation
import MailMessage

/// One word of a reply's new text, with the clause and sentence it stands in.
struct ReplyWord {
    /// Lower-cased, typographic apostrophes straightened.
    var lower: String
    /// `lower` without diacritics ("approuvé" → "approuve"): command phrases are matched on it,
    /// since people drop accents in mail.
    var folded: String
    /// Whether the word is ASCII (then `lower` and `folded` are the same).
    var isASCII: Bool
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

        /// Walks the text's bytes: ASCII (almost all of it) byte by byte, other scalars decoded.
        mutating func run() {
            let utf8 = text.utf8
            var index = utf8.startIndex
            while index < utf8.endIndex {
                let byte = utf8[index]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        index = word(from: index)
                        continue
                    }
                    boundary(Unicode.Scalar(byte), at: index)
                    lineLength = byte == 0x0A ? 0 : lineLength + 1
                    index = utf8.index(after: index)
                } else {
                    let scalar = text.unicodeScalars[index]
                    if Self.isLetterOrDigit(scalar) {
                        index = word(from: index)
                        continue
                    }
                    boundary(scalar, at: index)
                    lineLength += 1
                    index = text.unicodeScalars.index(after: index)
                }
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
                if lineLength < 40 || startsSentence(after: index) { pendingSentence = true }
            default: break
            }
        }

        /// After a line break: a blank line, or a next line starting with anything but a small letter.
        private func startsSentence(after index: String.Index) -> Bool {
            let scalars = text.unicodeScalars
            var next = scalars.index(after: index)
            while next < scalars.endIndex, scalars[next] == " " || scalars[next] == "\t" { next = scalars.index(after: next) }
            guard next < scalars.endIndex else { return true }
            return !scalars[next].properties.isLowercase
        }

        /// Whether a word goes on at `index` (after a joiner such as the apostrophe of "don't").
        private func isWordAt(_ index: String.Index) -> Bool {
            guard index < text.utf8.endIndex else { return false }
            let byte = text.utf8[index]
            return byte < 0x80 ? Self.isASCIIWordByte(byte) : Self.isLetterOrDigit(text.unicodeScalars[index])
        }

        private mutating func word(from start: String.Index) -> String.Index {
            let utf8 = text.utf8
            var end = start
            var ascii = true
            var apostrophe = false
            while end < utf8.endIndex {
                let byte = utf8[end]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        end = utf8.index(after: end)
                    } else if Self.isJoiner(byte), case let after = utf8.index(after: end), isWordAt(after) {
                        apostrophe = apostrophe || byte == 0x27
                        end = after
                    } else {
                        break
                    }
                } else {
                    let scalar = text.unicodeScalars[end]
                    let after = text.unicodeScalars.index(after: end)
                    if Self.isLetterOrDigit(scalar) {
                        ascii = false
                        end = after
                    } else if scalar == "’", isWordAt(after) {
                        ascii = false
                        apostrophe = true
                        end = after
                    } else {
                        break
                    }
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
            append(start..<end, ascii: ascii, apostrophe: apostrophe)
            lineLength += utf8.distance(from: start, to: end)
            return end
        }

        private mutating func append(_ range: Range<String.Index>, ascii: Bool, apostrophe: Bool) {
            if apostrophe, let split = elision(in: range) {
                appendWord(range.lowerBound..<split, ascii: ascii)
                appendWord(split..<range.upperBound, ascii: ascii)
            } else {
                appendWord(range, ascii: ascii)
            }
        }

        private mutating func appendWord(_ range: Range<String.Index>, ascii: Bool) {
            let lower = ascii ? Self.asciiLowercased(text.utf8[range]) : WordFolding.lowercased(text[range])
            let folded = ascii ? lower : WordFolding.fold(lower)
            words.append(ReplyWord(lower: lower, folded: folded, isASCII: ascii, range: range, clause: clause, sentence: sentence))
        }

        /// Where a French elision ends ("n'" of "n'approuve", "qu'" of "qu'il"), or nil.
        private func elision(in range: Range<String.Index>) -> String.Index? {
            let word = text[range]
            guard let apostrophe = word.firstIndex(where: { $0 == "'" || $0 == "’" }) else { return nil }
            let head = WordFolding.lowercased(word[..<apostrophe])
            guard Self.elisions.contains(head) else { return nil }
            return word.index(after: apostrophe)
        }

        /// French elided articles and pronouns before an apostrophe.
        private static let elisions: Set<String> = ["l", "d", "n", "j", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu"]

        /// Bytes that join two word parts: "de-escalate", "don't", "vp@support.example".
        private static func isJoiner(_ byte: UInt8) -> Bool {
            byte == 0x27 || byte == 0x2D || byte == 0x2E || byte == 0x40 || byte == 0x5F || byte == 0x2B || byte == 0x25
        }

        private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }

        private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }

        /// The bytes lower-cased into a string (no heap allocation for short words).
        private static func asciiLowercased(_ bytes: Substring.UTF8View) -> String {
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                var count = 0
                for byte in bytes {
                    buffer[count] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                    count += 1
                }
                return count
            }
        }
    }
}
