import EscalationValues
import Foundation
import MailMessage

/// The arguments of an escalation request: `Reason:` and `Severity:` lines (also `Grund:`,
/// `Motif :`, `Motivo:`…), named cases, and the rest as justification.
enum EscalationText {
    static func parse(_ text: String, type: EscalationType) -> Reading {
        var reason: String?
        var severity: String?
        var justification: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmedBlanks
            let lower = trimmed.lowercased()
            if let value = value(of: reasonLabels, in: trimmed, lower: lower) {
                reason = value
            } else if let value = value(of: severityLabels, in: trimmed, lower: lower) {
                severity = value
            } else if let value = value(of: justificationLabels, in: trimmed, lower: lower) {
                justification.append(value)
            } else {
                justification.append(trimmed)
            }
        }
        let rest = ReasonText.argument(withoutLeadingNumbers(justification.joined(separator: "\n")))
        let cases = RecordNumbers.find(in: text, taggedOnly: false).filter { $0.hasPrefix("CS") }
        let arguments = EscalateArguments(
            type: type, reason: reason ?? (rest.isEmpty ? nil : rest), justification: rest, severity: severity,
            linkedCases: cases.compactMap(CaseNumber.init))
        var written = ["justification": rest, "cases": cases.joined(separator: ",")]
        written["reason"] = arguments.reason
        written["severity"] = severity
        return Reading(.escalate(arguments), written: written)
    }

    /// The number of escalation requests in a text: lines that start with an escalation command
    /// word ("ESCALATE CS0001234", "Eskalieren: …"). Two or more are never read as one.
    static func blockCount(_ text: String) -> Int {
        text.mailLines.count { line in
            let word = line.prefix { $0.isLetter }.lowercased()
            return blockWords.contains(PhraseTable<Bool>.fold(word))
        }
    }

    private static let blockWords: Set<String> = ["escalate", "eskalieren", "escalader", "escalar"]
    private static let reasonLabels = ["reason", "grund", "motif", "raison", "motivo", "razón", "razon"]
    private static let severityLabels = ["severity", "schweregrad", "sévérité", "severite", "gravité", "severidad", "gravedad"]
    private static let justificationLabels = ["justification", "begründung", "begrundung", "justificación", "justificacion"]

    /// Record numbers (and "and", commas) the request starts with: "CS0001234 and CS0001240, both
    /// stalled" justifies with "both stalled"; the numbers are in `cases`.
    private static let leadingNumbers = Pattern(#"^(?:\s*(?:(?:CS|ACC|ESC)\d{4,10}\b|and\b|und\b|et\b|y\b|[,.;:&?!-]))+\s*"#)

    /// `text` without what `leadingNumbers` matches, read on its bytes (`PlainASCIIReader`) or,
    /// where they do not decide, by the pattern.
    static func withoutLeadingNumbers(_ text: String) -> String {
        switch PlainASCIIReader.read(text, leadingNumbersEnd) {
        case .answer(let end?): String(decoding: text.utf8.dropFirst(end), as: UTF8.self)
        case .answer(nil): text
        case .undecided: leadingNumbers.replacing(in: text, with: "")
        }
    }

    private static let numberPrefixes = ["cs", "acc", "esc"].map { Array($0.utf8) }
    private static let joiningWords = ["and", "und", "et", "y"].map { Array($0.utf8) }

    /// Where `leadingNumbers` ends: items (a number with its 4 to 10 digits, a joining word, a
    /// punctuation mark), each after blanks, then blanks; nil before the first item. The items
    /// differ in their first two bytes, so at most one fits at a position: nothing to backtrack.
    private static func leadingNumbersEnd(_ reader: inout PlainASCIIReader) -> Int? {
        var end: Int?
        var position = 0
        while true {
            let start = reader.spaceEnd(from: position)
            guard let itemEnd = leadingItemEnd(&reader, at: start) else { break }
            end = itemEnd
            position = itemEnd
        }
        return end.map { reader.spaceEnd(from: $0) }
    }

    private static func leadingItemEnd(_ reader: inout PlainASCIIReader, at start: Int) -> Int? {
        for prefix in numberPrefixes {
            guard let digitsStart = reader.literalEnd(prefix, at: start) else { continue }
            var end = digitsStart
            while end - digitsStart < 10, reader.isDigit(at: end) { end += 1 }
            // Fewer digits never help: a digit follows each of them, and `\b` fails there.
            if end - digitsStart >= 4, !reader.isWord(at: end) { return end }
        }
        for word in joiningWords {
            if let end = reader.wordEnd(word, at: start) { return end }
        }
        guard let byte = reader.byte(at: start), ",.;:&?!-".utf8.contains(byte) else { return nil }
        return start + 1
    }

    /// The value after `label:` (or `label :`, as French writes it), for any of the labels;
    /// `lower` is the line lower-cased (once for the three lists of labels).
    private static func value(of labels: [String], in line: String, lower: String) -> String? {
        for label in labels where lower.hasPrefix(label) {
            let rest = lower.dropFirst(label.count).drop { $0 == " " }
            guard rest.first == ":" else { continue }
            let offset = lower.distance(from: lower.startIndex, to: rest.startIndex) + 1
            guard offset <= line.count else { continue }
            return String(line.dropFirst(offset)).trimmedBlanks
        }
        return nil
    }
}
