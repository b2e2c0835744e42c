import Foundation
import MailMessage

/// The arguments of an escalation request: `Reason:` and `Severity:` lines, named cases,
/// and the rest as justification.
enum EscalationText {
    static func parse(_ text: String, account: Bool) -> Intent {
        var reason: String?
        var severity: String?
        var justification: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmedBlanks
            if let value = value(of: "reason", in: trimmed) {
                reason = value
            } else if let value = value(of: "severity", in: trimmed) {
                severity = value
            } else if let value = value(of: "justification", in: trimmed) {
                justification.append(value)
            } else {
                justification.append(trimmed)
            }
        }
        let rest = ReasonText.clean(leadingNumbers.replacing(in: justification.joined(separator: "\n"), with: ""))
        let cases = RecordNumbers.find(in: text, taggedOnly: false).filter { $0.hasPrefix("CS") }
        return .escalate(account: account, reasonText: reason ?? (rest.isEmpty ? nil : rest), justification: rest, severity: severity, cases: cases)
    }

    /// Record numbers (and "and", commas) the request starts with: "CS0001234 and CS0001240, both
    /// stalled" justifies with "both stalled"; the numbers are in `cases`.
    private static let leadingNumbers = Pattern(#"^(?:\s*(?:(?:CS|ACC|ESC)\d{4,10}\b|and\b|und\b|et\b|[,.;:&?!-]))+\s*"#)

    private static func value(of key: String, in line: String) -> String? {
        guard line.lowercased().hasPrefix(key + ":") else { return nil }
        return line.dropFirst(key.count + 1).trimmedBlanks
    }
}
