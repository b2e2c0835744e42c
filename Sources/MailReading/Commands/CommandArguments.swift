import EscalationValues
import Foundation
import MailMessage

/// Turns a command that stands into its reading, with its arguments as written: the text after
/// a rejection or de-escalation is its reason (or, when nothing follows, the text before it),
/// everything but the request is an escalation's justification. An argument the command cannot
/// take (a trend, address or case number that is none) makes it not understood.
struct CommandArguments {
    let words: ReplyWords
    private var list: [ReplyWord] { words.words }
    private var text: String { words.text }

    func reading(of finding: Finding) -> Reading {
        let after = argumentStart(after: finding.end)
        let rest = String(text[after...])
        switch finding.kind {
        case .approve: return Reading(.approve)
        case .reject: return Self.reject(ReasonText.argument(rest))
        case .deescalate:
            let reason = finding.strict ? ReasonText.argument(rest) : ReasonText.around(before: reasonBefore(finding), rest: rest)
            return Reading(.deescalate(reason: reason.isEmpty ? nil : reason), written: reason.isEmpty ? [:] : ["reason": reason])
        case .escalate, .escalateAccount:
            let type: EscalationType = finding.kind == .escalateAccount ? .account : .case
            guard !finding.strict else { return EscalationText.parse(rest, type: type) }
            let before = textBefore(finding)
            let after = String(ReasonText.withoutLeading(Substring(rest))).trimmedSpace
            let justification = [before, after].filter { !$0.isEmpty }.joined(separator: "\n")
            return EscalationText.parse(justification, type: type)
        case .severity:
            let level = finding.value ?? firstWord(rest)
            guard !level.isEmpty else {
                return Self.notUnderstood(finding.kind, key: "value", written: level, hint: "followed by the level, e.g. SEVERITY high")
            }
            return Reading(.severity(level), written: ["value": level])
        case .trend:
            let written = finding.value.map(Self.trend) ?? Self.trend(firstWord(rest))
            guard let trend = Trend(words: written) else {
                return Self.notUnderstood(finding.kind, key: "value", written: written, hint: "improving, TREND unchanged or TREND worsening")
            }
            return Reading(.trend(trend), written: ["value": written])
        case .watch: return address(finding, rest, Command.watch)
        case .unwatch: return address(finding, rest, Command.unwatch)
        case .assign: return address(finding, rest, Command.assign)
        case .link: return caseNumber(finding, rest, Command.link)
        case .unlink: return caseNumber(finding, rest, Command.unlink)
        case .comment:
            let comment = rest.trimmedSpace
            return Reading(.comment(comment), written: ["text": comment])
        case .withdraw: return Reading(.withdraw)
        case .pending: return .pending
        }
    }

    /// A rejection with its reason as written (none when empty).
    static func reject(_ reason: String) -> Reading {
        Reading(.reject(reason: reason.isEmpty ? nil : reason), written: reason.isEmpty ? [:] : ["reason": reason])
    }

    /// WATCH, UNWATCH or ASSIGN with the address it names: a plain addr-spec, optionally in angle brackets.
    private func address(_ finding: Finding, _ rest: String, _ command: (EmailAddress) -> Command) -> Reading {
        let written = finding.value ?? firstWord(rest)
        var plain = written.trimmingCharacters(in: .whitespaces)
        if plain.hasPrefix("<"), plain.hasSuffix(">") { plain = String(plain.dropFirst().dropLast()) }
        guard let address = EmailAddress(plainAddrSpec: plain) else {
            return Self.notUnderstood(finding.kind, key: "address", written: written, hint: "followed by a mail address")
        }
        return Reading(command(address), written: ["address": written])
    }

    /// LINK or UNLINK with the case number it names.
    private func caseNumber(_ finding: Finding, _ rest: String, _ command: (CaseNumber) -> Command) -> Reading {
        let written = finding.value ?? firstWord(rest).uppercased()
        guard let number = CaseNumber(written) else {
            return Self.notUnderstood(finding.kind, key: "case", written: written, hint: "followed by a case number, e.g. CS0001234")
        }
        return Reading(command(number), written: ["case": written])
    }

    /// A command word whose argument it cannot take: the name and argument as written, the
    /// word as understood and `how` to write it after the word.
    private static func notUnderstood(_ kind: CommandKind, key: String, written: String, hint how: String) -> Reading {
        Reading(.notUnderstood(understood: kind.word, hint: "\(kind.word) \(how)"), name: kind.word.lowercased(), arguments: [key: written])
    }

    /// Where the argument starts: after the phrase and the words naming what it acts on
    /// ("reject this", "lehne das ab", "escalate the case").
    private func argumentStart(after end: Int) -> String.Index {
        var index = end
        while index < list.count, list[index].clause == list[end - 1].clause, let (_, length) = GoverningWords.objects.match(list, at: index) {
            index += length
        }
        return index > 0 ? list[index - 1].range.upperBound : text.startIndex
    }

    /// The text before the phrase's clause, without a greeting line.
    private func textBefore(_ finding: Finding) -> String {
        var start = finding.first
        while start > 0, list[start - 1].clause == list[finding.first].clause { start -= 1 }
        // A clause of politeness alone before the request ("Por favor, escalen…") is not part of it.
        while start > 0, list[start - 1].sentence == list[finding.first].sentence, GoverningWords.politeness.contains(list[start - 1].folded) {
            start -= 1
        }
        let before = String(text[..<list[start].range.lowerBound])
        return Self.withoutGreeting(before).trimmed(including: ",;:-–— \n\t")
    }

    /// The sender's words before a request phrased in a sentence: up to the conjunction that
    /// joins the request to them ("the patch works and you can de-escalate", "it works, so please
    /// de-escalate"), else up to the phrase's clause.
    private func reasonBefore(_ finding: Finding) -> String {
        var start = finding.first
        while start > 0, list[start - 1].clause == list[finding.first].clause, GoverningWords.requestWrapping.contains(list[start - 1].folded) {
            start -= 1
        }
        guard start > 0, list[start - 1].clause == list[finding.first].clause, GoverningWords.conjunctions.contains(list[start - 1].folded) else {
            return textBefore(finding)
        }
        let before = String(text[..<list[start - 1].range.lowerBound])
        return Self.withoutGreeting(before).trimmed(including: ",;:-–— \n\t")
    }

    private func firstWord(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).lazy.map { String($0).trimmed(including: ".,;:!") }.first {
            !$0.isEmpty
        } ?? ""
    }

    /// A localized trend in the core's words; other words as written.
    private static func trend(_ word: String) -> String {
        let folded = PhraseTable<Bool>.fold(word.lowercased())
        return trends[folded] ?? word
    }

    private static let trends: [String: String] = [
        "verbessert": "improving", "besser": "improving", "amelioration": "improving", "mejorando": "improving", "mejora": "improving",
        "unverandert": "unchanged", "gleich": "unchanged", "inchange": "unchanged", "stable": "unchanged", "igual": "unchanged",
        "estable": "unchanged", "verschlechtert": "worsening", "schlechter": "worsening", "degradation": "worsening",
        "empeorando": "worsening", "peor": "worsening", "aggravation": "worsening",
    ]

    /// The text without a greeting line at its top ("Hi team,", "Dear Support,", "Hallo zusammen,").
    static func withoutGreeting(_ text: String) -> String {
        let lines = text.mailLines
        guard let first = lines.first, first.utf8.count <= 60, isGreeting(String(first)) else { return text }
        return lines.dropFirst().joined(separator: "\n").trimmedSpace
    }

    private static let greeting = Pattern(
        #"^\s*(hi|hello|hey|dear|hallo|moin|servus|liebe|lieber|sehr geehrte[rs]?|bonjour|salut|madame|monsieur|hola|estimad[oa]s?|buenos d[ií]as|buenas tardes|buongiorno|ciao|hej|hoi|ol[aá]|good (morning|afternoon|evening)|guten (tag|morgen|abend))\b[^.!?]{0,40}[,!:]?\s*$"#
    )

    /// The greetings of `greeting` spelt in ASCII, its optional letters and groups spelt out.
    private static let asciiGreetings = [
        "hi", "hello", "hey", "dear", "hallo", "moin", "servus", "liebe", "lieber", "sehr geehrte", "sehr geehrter", "sehr geehrtes", "bonjour",
        "salut", "madame", "monsieur", "hola", "estimado", "estimada", "estimados", "estimadas", "buenos dias", "buenas tardes", "buongiorno",
        "ciao", "hej", "hoi", "ola", "good morning", "good afternoon", "good evening", "guten tag", "guten morgen", "guten abend",
    ].map { Array($0.utf8) }

    /// Whether `line` matches `greeting`, read on its bytes (`PlainASCIIReader`) or, where they
    /// do not decide, by the pattern.
    static func isGreeting(_ line: String) -> Bool {
        let answer = PlainASCIIReader.read(line) { reader in
            let start = reader.spaceEnd(from: 0)
            return asciiGreetings.contains { greeting in
                reader.wordEnd(greeting, at: start).map { endsGreeting(&reader, from: $0) } ?? false
            }
        }
        switch answer {
        case .answer(let isGreeting): return isGreeting
        case .undecided: return greeting.matches(line)
        }
    }

    /// Whether the rest of a line after its greeting word is `[^.!?]{0,40}[,!:]?\s*$`: blanks at
    /// the end (`$` also before a last line break, which `\s` takes as well), before them an
    /// optional `,`, `!` or `:`, and before that at most 40 characters, none of `.!?`.
    private static func endsGreeting(_ reader: inout PlainASCIIReader, from start: Int) -> Bool {
        var end = reader.count
        while end > start, reader.isSpace(at: end - 1) { end -= 1 }
        func isPlainText(_ range: Range<Int>) -> Bool {
            range.count <= 40 && !range.contains { index in reader.byte(at: index).map { ".!?".utf8.contains($0) } ?? false }
        }
        if isPlainText(start..<end) { return true }
        guard end > start, let last = reader.byte(at: end - 1), ",!:".utf8.contains(last) else { return false }
        return isPlainText(start..<(end - 1))
    }
}
