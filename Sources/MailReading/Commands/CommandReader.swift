import Foundation
import MailMessage

/// Reads the intent from a reply's new text: first the strict grammar (a command word at the
/// start), then natural phrasing. Doubt and negation never yield APPROVE or REJECT.
public enum CommandReader {
    /// Reads the new text; `subject` counts when the text is empty (one-click mailto links).
    public static func read(_ text: String, subject: String = "") -> Intent {
        let body = text.trimmedSpace
        if body.isEmpty {
            let cleanSubject = stripReplyPrefixes(subject)
            guard !cleanSubject.isEmpty else { return .empty }
            let intent = read(cleanSubject)
            if case .comment = intent { return .empty }
            return intent
        }
        if let strict = strictCommand(body) { return strict }
        return NaturalPhrasing.read(body)
    }

    /// Removes `Re:`, `AW:`, `Fwd:` and similar prefixes, and record tags and reference tokens.
    static func stripReplyPrefixes(_ subject: String) -> String {
        var text = recordTag.replacing(in: subject, with: "")
        while let range = replyPrefix.firstRange(in: text) {
            text.removeSubrange(range)
        }
        return text.trimmedBlanks
    }

    private static let recordTag = Pattern(#"\[(ref:[^\]]*|(CS|ACC|ESC)\d+)\]"#)
    private static let replyPrefix = Pattern(#"^\s*(re|aw|sv|vs|wg|fw|fwd|tr|rv|antw|odp)\s*:\s*"#)

    private static func strictCommand(_ body: String) -> Intent? {
        let lineEnd = body.firstLineFeed
        let firstLine = body[..<lineEnd]
        let words = firstLine.split(separator: " ", maxSplits: 1)
        guard let first = words.first else { return nil }
        let word = first.uppercased().trimmed(including: ".:!,")
        let restOfLine = words.count > 1 ? String(words[1]).trimmedBlanks : ""
        var restOfBody: String { (restOfLine + "\n" + body[lineEnd...].dropFirst()).trimmedSpace }
        func argument() -> String { restOfLine.split(separator: " ").first.map(String.init) ?? "" }
        switch word {
        case "ESCALATE":
            let isAccount = restOfLine.uppercased().hasPrefix("ACCOUNT")
            let remainder = isAccount ? String(restOfBody.dropFirst("ACCOUNT".count)) : restOfBody
            return EscalationText.parse(remainder, account: isAccount)
        case "APPROVE", "APPROVED":
            if NaturalPhrasing.isNegated(body) { return nil }
            return .approve
        case "REJECT", "REJECTED":
            let reason = ReasonText.clean(restOfBody)
            return .reject(reason: reason.isEmpty ? nil : reason)
        case "DE-ESCALATE", "DEESCALATE":
            let reason = ReasonText.clean(restOfBody)
            return .deescalate(reason: reason.isEmpty ? nil : reason)
        case "SEVERITY": return .severity(argument())
        case "TREND": return .trend(argument())
        case "WATCH": return .watch(argument())
        case "UNWATCH": return .unwatch(argument())
        case "LINK": return .link(argument().uppercased())
        case "UNLINK": return .unlink(argument().uppercased())
        case "ASSIGN": return .assign(argument())
        case "COMMENT": return .comment(restOfBody)
        default: return nil
        }
    }
}
