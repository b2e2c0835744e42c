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
        var text = text
        text.makeContiguousUTF8()
        self.text = text
        var scanner = Scanner(text: text)
        _ = text.utf8.withContiguousStorageIfAvailable { scanner.run($0) }
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
        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            words.reserveCapacity(bytes.count / 6)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        index = word(bytes, from: index)
                        continue
                    }
                    boundary(Unicode.Scalar(byte), bytes, at: index)
                    lineLength = byte == 0x0A ? 0 : lineLength + 1
                    index += 1
                } else {
                    let (scalar, length) = Self.decode(bytes, at: index)
                    if Self.isLetterOrDigit(scalar) {
                        index = word(bytes, from: index)
                        continue
                    }
                    boundary(scalar, bytes, at: index)
                    lineLength += 1
                    index += length
                }
            }
        }

        private mutating func boundary(_ scalar: Unicode.Scalar, _ bytes: UnsafeBufferPointer<UInt8>, at index: Int) {
            switch scalar {
            case ".", "!", "…", "。", "！": pendingSentence = true
            case "?", "？":
                pendingSentence = true
                if !words.isEmpty { questions[sentence] = true }
            case "¿": pendingQuestion = true
            case ",", ";", ":", "(", ")", "–", "—", "-", "、", "，", "：": pendingClause = true
            case "\n":
                if lineLength < 40 || startsSentence(bytes, after: index) { pendingSentence = true }
            default: break
            }
        }

        /// After a line break: a blank line, or a next line starting with anything but a small letter.
        private func startsSentence(_ bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Bool {
            var next = index + 1
            while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
            guard next < bytes.count else { return true }
            if bytes[next] < 0x80 { return !(bytes[next] >= 0x61 && bytes[next] <= 0x7A) }
            return !Self.decode(bytes, at: next).scalar.properties.isLowercase
        }

        /// Whether a word goes on at `index` (after a joiner such as the apostrophe of "don't").
        private func isWordAt(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
            guard index < bytes.count else { return false }
            return bytes[index] < 0x80 ? Self.isASCIIWordByte(bytes[index]) : Self.isLetterOrDigit(Self.decode(bytes, at: index).scalar)
        }

        private mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
            var end = start
            var ascii = true
            var apostrophe = false
            while end < bytes.count {
                let byte = bytes[end]
                if byte < 0x80 {
                    if Self.isASCIIWordByte(byte) {
                        end += 1
                    } else if Self.isJoiner(byte), isWordAt(bytes, end + 1) {
                        apostrophe = apostrophe || byte == 0x27
                        end += 1
                    } else {
                        break
                    }
                } else {
                    let (scalar, length) = Self.decode(bytes, at: end)
                    if Self.isLetterOrDigit(scalar) {
                        ascii = false
                        end += length
                    } else if scalar == "’", isWordAt(bytes, end + length) {
                        ascii = false
                        apostrophe = true
                        end += length
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
            let range = text.utf8.index(text.utf8.startIndex, offsetBy: start)..<text.utf8.index(text.utf8.startIndex, offsetBy: end)
            if ascii, !apostrophe {
                let lower = Self.asciiLowercased(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                words.append(ReplyWord(lower: lower, folded: lower, isASCII: true, range: range, clause: clause, sentence: sentence))
            } else {
                append(range, ascii: ascii, apostrophe: apostrophe)
            }
            lineLength += end - start
            return end
        }

        /// The scalar that starts at `index` and its length in bytes (U+FFFD for a broken sequence).
        private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
            let lead = bytes[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            guard length > 1, index + length <= bytes.count else { return ("\u{FFFD}", 1) }
            var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
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
            let lower = WordFolding.lowercased(text[range])
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
        private static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
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
