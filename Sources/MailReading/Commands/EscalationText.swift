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
            if let value = value(of: reasonLabels, in: trimmed) {
                reason = value
            } else if let value = value(of: severityLabels, in: trimmed) {
                severity = value
            } else if let value = value(of: justificationLabels, in: trimmed) {
                justification.append(value)
            } else {
                justification.append(trimmed)
            }
        }
        let rest = ReasonText.argument(leadingNumbers.replacing(in: justification.joined(separator: "\n"), with: ""))
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

    /// The value after `label:` (or `label :`, as French writes it), for any of the labels.
    private static func value(of labels: [String], in line: String) -> String? {
        let lower = line.lowercased()
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
