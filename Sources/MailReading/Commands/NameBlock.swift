import MailMessage

/// A signature without a `-- ` line at the end of a reason: a last paragraph whose first line
/// is a name ("Jane", "Jan Müller", "Сергей Обухов", "John E. Doe, Ph.D.", "-John Doe") and whose
/// other lines, at most five, are short and no sentences (title, company, address, phone, "via
/// mobile"), as mailgun/talon's signature samples sign. Quoted back to others, a reason reads
/// better without it, and glued to the template's next line it reads as part of the reason.
enum NameBlock {
    /// The lines before the block, joined and trimmed; nil when the text ends in no such block
    /// or nothing would be left.
    static func removed(from lines: [Substring]) -> String? {
        var end = lines.count
        while end > 0, lines[end - 1].isBlank { end -= 1 }
        guard let gap = lines[..<end].lastIndex(where: \.isBlank), isBlock(lines[(gap + 1)..<end]) else { return nil }
        let kept = lines[..<gap].joined(separator: "\n").trimmedSpace
        return kept.isEmpty ? nil : kept
    }

    /// Whether the lines are such a block and nothing else (a text that stood after a blank line).
    static func isBlock(_ lines: ArraySlice<Substring>) -> Bool {
        guard let first = lines.first, lines.count <= 6 else { return false }
        return isName(first) && lines.dropFirst().allSatisfy(isSignatureLine)
    }

    /// One to four words, each starting with a capital or a letter of a script without case,
    /// with no digits and no sentence's end.
    private static func isName(_ line: Substring) -> Bool {
        let trimmed = line.trimmedBlanks.drop { $0 == "-" || $0 == " " }
        let words = trimmed.split(separator: " ")
        guard (1...4).contains(words.count), trimmed.utf8.count <= 40, !endsSentence(trimmed, words: words) else { return false }
        return words.allSatisfy { word in
            guard let first = word.first, first.isLetter, !first.isLowercase else { return false }
            return word.allSatisfy { $0.isLetter || $0 == "." || $0 == "-" || $0 == "'" || $0 == "," }
        }
    }

    /// A title, company, address, phone or web line: short and no sentence.
    private static func isSignatureLine(_ line: Substring) -> Bool {
        let trimmed = Substring(line.trimmedBlanks)
        return trimmed.utf8.count <= 60 && !endsSentence(trimmed, words: trimmed.split(separator: " "))
    }

    /// Ends in `!`, `?` or `:`, or in a full stop that closes no abbreviation ("Ph.D.", "Jr.").
    private static func endsSentence(_ line: Substring, words: [Substring]) -> Bool {
        guard let last = line.last else { return false }
        if last == "!" || last == "?" || last == ":" { return true }
        guard last == ".", let word = words.last else { return false }
        return !(word.dropLast().contains(".") || word.count <= 3)
    }
}
