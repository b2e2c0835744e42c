import Foundation
import MailMessage

/// Reads the intent from a reply's new text (DESIGN.md, "Commands"). Command phrases are looked
/// for in every sentence of the author's own text, in English, German, French and Spanish
/// (decisions also in the other languages the reader knows), and decided by these rules:
///
/// - One clear command wins wherever it stands. A request phrased as a question counts ("can
///   you escalate this?"); a question that weighs it does not ("should we escalate?").
/// - A negation, doubt or condition that governs the phrase ("don't", "not yet", "pending",
///   "unless", "if", "maybe", "nicht", "sobald", "ne … pas", "hasta que") makes it `unclear`;
///   so does taking it back afterwards ("Actually no", "just kidding", "NOT!", "doch nicht").
/// - The text after a command that takes one is its argument ("REJECT the fix ships Friday");
///   a negated phrase of another command inside it is part of it, not a conflict.
/// - Two different commands that both stand make it `unclear`; so do two escalation requests.
/// - A strict command word at the start holds, unless the same text negates or reverses it.
///
/// - `NOTE <text>` at the start, or a first line `Internal:`, is an internal note, whatever it says.
///
/// The intent never depends on who sent the text.
public enum CommandReader {
    /// Reads the new text; `subject` counts when the text is empty (one-click mailto links) or
    /// holds the Reject link's prompt (`RejectPrompt`): then the rest of the text is the reason.
    public static func read(_ text: String, subject: String = "") -> Intent {
        let body = text.trimmedSpace
        if body.isEmpty {
            let cleanSubject = SubjectPrefixes.strip(subject)
            guard !cleanSubject.isEmpty else { return .empty }
            let intent = read(cleanSubject)
            if case .comment = intent { return .empty }
            return intent
        }
        if let reason = RejectPrompt.removed(from: body), case .reject = read("", subject: subject) {
            let written = ReasonText.argument(reason)
            return .reject(reason: written.isEmpty ? nil : written)
        }
        let written = body.prefix(bytes: 4000)
        if let note = InternalNote.text(of: written) { return .note(note) }
        return decide(ReplyWords(written)) ?? .comment(written)
    }

    /// The intent by the rules above, or nil when the text gives no command (a comment).
    private static func decide(_ words: ReplyWords) -> Intent? {
        let finder = PhraseFinder(words: words)
        let findings = finder.findings()
        guard let first = findings.first else { return nil }
        if let reversal = finder.firstReversal(after: first.end) {
            let taken = findings.last { $0.first < reversal } ?? first
            return Unclear.intent(taken.kind, "then taken back")
        }
        let arguments = CommandArguments(words: words)
        let escalations = EscalationText.blockCount(words.text)
        if first.strict {
            guard first.status == .stands else { return Unclear.intent(first.kind, first.status) }
            if first.kind == .escalate || first.kind == .escalateAccount, escalations > 1 { return Unclear.severalEscalations }
            return arguments.intent(for: first)
        }
        let standing = findings.filter { $0.status == .stands }
        guard let primary = standing.first else {
            return findings.first { $0.status != .deliberation }.map { Unclear.intent($0.kind, $0.status) }
        }
        if let other = standing.first(where: { family($0.kind) != family(primary.kind) }) {
            return Unclear.conflict(primary.kind, other.kind)
        }
        if let doubt = findings.first(where: { $0.status != .stands && $0.status != .deliberation && family($0.kind) == family(primary.kind) }) {
            return Unclear.intent(doubt.kind, doubt.status)
        }
        if family(primary.kind) == .escalate, escalations > 1 {
            return Unclear.severalEscalations
        }
        let account = standing.first { $0.kind == .escalateAccount }
        return arguments.intent(for: account ?? primary)
    }

    /// Commands that are one when both stand: a case and an account escalation in one request.
    private static func family(_ kind: CommandKind) -> CommandKind {
        kind == .escalateAccount ? .escalate : kind
    }
}
