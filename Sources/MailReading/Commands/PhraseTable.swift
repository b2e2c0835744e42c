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

        /// Whether `part` stands in `word`, byte by byte (Foundation's `contains` costs a hundred times more).
        private static func contains(_ word: String.UTF8View, _ part: String.UTF8View) -> Bool {
            guard let first = part.first else { return true }
            var start = word.startIndex
            while let found = word[start...].firstIndex(of: first) {
                if word[found...].starts(with: part) { return true }
                start = word.index(after: found)
            }
            return false
        }

        func matches(_ word: String) -> Bool {
            switch self {
            case .words(let set): set.contains(word)
            case .prefix(let start): word.hasPrefix(start)
            case .contains(let part): Self.contains(word.utf8, part.utf8)
            }
        }
    }

    private var byFirstWord: [String: [Phrase]] = [:]
    /// The first two bytes of every first word: most words of a text are no phrase's first
    /// word, and this tells them apart before hashing them.
    private var firstPairs = [Bool](repeating: false, count: 65_536)
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
                for first in firsts {
                    byFirstWord[first, default: []].append(phrase)
                    firstPairs[Self.pair(first)] = true
                }
            } else {
                open.append(phrase)
            }
        }
    }

    /// The longest phrase starting at word `index` within its clause: its value and length in words.
    func match(_ words: [ReplyWord], at index: Int) -> (value: Value, length: Int)? {
        let first = accents ? words[index].lower : words[index].folded
        var best: (value: Value, length: Int)?
        if firstPairs[Self.pair(first)], let phrases = byFirstWord[first] {
            for phrase in phrases where phrase.elements.count > (best?.length ?? 0) && matches(phrase, words, at: index) {
                best = (phrase.value, phrase.elements.count)
            }
        }
        if !open.isEmpty, !words[index].isASCII {
            for phrase in open where phrase.elements.count > (best?.length ?? 0) && matches(phrase, words, at: index) {
                best = (phrase.value, phrase.elements.count)
            }
        }
        return best
    }

    private static func pair(_ word: String) -> Int {
        var bytes = word.utf8.makeIterator()
        return Int(bytes.next() ?? 0) << 8 | Int(bytes.next() ?? 0)
    }

    private func matches(_ phrase: Phrase, _ words: [ReplyWord], at index: Int) -> Bool {
        guard index + phrase.elements.count <= words.count else { return false }
        let clause = words[index].clause
        for offset in 0..<phrase.elements.count {
            let word = words[index + offset]
            guard word.clause == clause, phrase.elements[offset].matches(accents ? word.lower : word.folded) else { return false }
        }
        return true
    }

    /// Lower-cased text without diacritics, typographic apostrophes straightened.
    static func fold(_ text: String) -> String {
        WordFolding.fold(text)
    }
}
