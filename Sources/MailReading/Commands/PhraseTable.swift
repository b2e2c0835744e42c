import Foundation

/// Word sequences to find in a reply's words, each with a value. A phrase is written as words
/// separated by spaces; a word may list alternatives with `|` ("close|cancel the|this escalation"),
/// end in `*` to match any word it begins ("одобр*"), or start with `~` to match any word that
/// contains it (Japanese, Chinese and Korean write without spaces: "~承認"). Phrases are matched
/// on the words' diacritic-free form unless the table is built with `accents: true`.
struct PhraseTable<Value: Sendable>: Sendable {
    private struct Phrase: Sendable {
        var elements: [Element]
        var value: Value
    }

    private enum Element: Sendable {
        case words(Set<String>)
        case prefix(String)
        case contains(String)

        func matches(_ word: String) -> Bool {
            switch self {
            case .words(let set): set.contains(word)
            case .prefix(let start): word.hasPrefix(start)
            case .contains(let part): word.contains(part)
            }
        }
    }

    private var byFirstWord: [String: [Phrase]] = [:]
    private var open: [Phrase] = []
    private let accents: Bool

    init(_ entries: [(String, Value)], accents: Bool = false) {
        self.accents = accents
        for (text, value) in entries {
            let elements = text.split(separator: " ").map { part -> Element in
                let word = accents ? part.lowercased() : Self.fold(part.lowercased())
                if word.hasPrefix("~") { return .contains(String(word.dropFirst())) }
                if word.hasSuffix("*") { return .prefix(String(word.dropLast())) }
                return .words(Set(word.split(separator: "|").map(String.init)))
            }
            let phrase = Phrase(elements: elements, value: value)
            if case .words(let firsts) = elements[0] {
                for first in firsts { byFirstWord[first, default: []].append(phrase) }
            } else {
                open.append(phrase)
            }
        }
    }

    /// The longest phrase starting at word `index` within its clause: its value and length in words.
    func match(_ words: [ReplyWord], at index: Int) -> (value: Value, length: Int)? {
        let first = accents ? words[index].lower : words[index].folded
        var best: (value: Value, length: Int)?
        func consider(_ phrase: Phrase) {
            guard phrase.elements.count > (best?.length ?? 0), index + phrase.elements.count <= words.count else { return }
            for (offset, element) in phrase.elements.enumerated() {
                let word = words[index + offset]
                guard word.clause == words[index].clause, element.matches(accents ? word.lower : word.folded) else { return }
            }
            best = (phrase.value, phrase.elements.count)
        }
        if let phrases = byFirstWord[first] { phrases.forEach(consider) }
        if !open.isEmpty, !words[index].isASCII { open.forEach(consider) }
        return best
    }

    /// Whether any phrase starts at a word of `range`.
    func containsMatch(_ words: [ReplyWord], in range: Range<Int>) -> Bool {
        range.contains { match(words, at: $0) != nil }
    }

    /// Lower-cased text without diacritics, typographic apostrophes straightened.
    static func fold(_ text: String) -> String {
        WordFolding.fold(text)
    }
}
