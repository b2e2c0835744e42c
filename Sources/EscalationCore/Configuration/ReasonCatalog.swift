import Foundation

/// An escalation reason with the words that name it in mail (seed 004).
public struct EscalationReason: Hashable, Sendable, Codable {
    public var name: String
    public var aliases: [String]

    public init(name: String, aliases: [String]) {
        self.name = name
        self.aliases = aliases
    }
}

/// The configured reasons, matched against free text.
public struct ReasonCatalog: Sendable, Hashable {
    public let reasons: [EscalationReason]
    /// Each reason's name and aliases as words (` lack of progress `), made once, with their
    /// bytes when ASCII (searched for bytewise in ASCII text).
    private let phrases: [(reason: EscalationReason, words: String, ascii: [UInt8]?)]

    public init(_ reasons: [EscalationReason]) {
        self.reasons = reasons
        phrases = reasons.flatMap { reason in
            ([reason.name] + reason.aliases).map(Self.words).filter { !$0.isEmpty }.map { words in
                let phrase = " \(words) "
                return (reason, phrase, phrase.utf8.allSatisfy { $0 < 0x80 } ? Array(phrase.utf8) : nil)
            }
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.reasons == rhs.reasons }
    public func hash(into hasher: inout Hasher) { hasher.combine(reasons) }

    /// The reason whose name or alias appears in the text as whole words; the longest match wins
    /// so that "lack of progress" beats "progress".
    public func reason(in text: String) -> EscalationReason? {
        let asciiWords = Self.asciiWords(text)
        // The text as words, made only when a phrase must be searched for Character-wise.
        var haystack: String?
        var best: (reason: EscalationReason, length: Int)?
        for (reason, needle, asciiNeedle) in phrases where needle.count > best?.length ?? 0 {
            let found: Bool
            if let asciiWords, let asciiNeedle {
                found = Self.bytes(asciiWords, contain: asciiNeedle)
            } else {
                let words = haystack ?? asciiWords.map { String(decoding: $0, as: UTF8.self) } ?? " " + Self.words(text) + " "
                haystack = words
                found = words.firstRange(of: needle) != nil
            }
            if found { best = (reason, needle.count) }
        }
        return best?.reason
    }

    /// The reason with exactly this name (case-insensitive).
    public func reason(named name: String) -> EscalationReason? {
        reasons.first { $0.name.lowercased() == name.lowercased() }
    }

    private static func words(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    /// `" " + words(text) + " "` for ASCII text, made on bytes (mail bodies are read for a
    /// reason on every request); nil for other text.
    private static func asciiWords(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { bytes -> [UInt8]? in
            var words: [UInt8] = [UInt8(ascii: " ")]
            words.reserveCapacity(bytes.count + 2)
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): words.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): words.append(byte | 0x20)
                default: if words.last != UInt8(ascii: " ") { words.append(UInt8(ascii: " ")) }
                }
            }
            if words.last != UInt8(ascii: " ") { words.append(UInt8(ascii: " ")) }
            return words
        }
    }

    private static func bytes(_ haystack: [UInt8], contain needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
