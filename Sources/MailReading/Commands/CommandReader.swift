import EscalationValues
import Foundation
import MailMessage

/// Reads what a reply asks for from its's new text (DESIGN.md, "Commands"). Command phrases are looked
/// for in every sentence of the author's own text, in English, German, French and Spanish
/// (decisions also in the other languages the reader knows), and decided by these rules:
///
/// - One clear command wins wherever it stands. A request phrased as a question counts ("can
///   you escalate this?"); a question that weighs it does not ("should we escalate?").
/// - A negation, doubt or condition that governs the phrase ("don't", "not yet", "pending",
///   "unless", "if", "maybe", "nicht", "sobald", "ne … pas", "hasta que") makes it unclear;
///   so does taking it back afterwards ("Actually no", "just kidding", "NOT!", "doch nicht").
/// - The text after a command that takes one is its argument ("REJECT the fix ships Friday");
///   a negated phrase of another command inside it is part of it, not a conflict.
/// - Two different commands that both stand make it unclear; so do two escalation requests.
/// - A strict command word at the start holds, unless the same text negates or reverses it.
///
/// - `NOTE <text>` at the start, or a first line `Internal:`, is an internal note, whatever it says.
///
/// The reading never depends on who sent the text.
public enum CommandReader {
    /// Reads the new text; `subject` counts when the text is empty (one-click mailto links) or
    /// holds the Reject link's prompt (`RejectPrompt`): then the rest of the text is the reason.
    public static func read(_ text: String, subject: String = "") -> Reading {
        read(text, subject: subject, message: text)
    }

    /// `message` is the text an unclear reading keeps as the sender's message.
    private static func read(_ text: String, subject: String, message: String) -> Reading {
        let body = text.trimmedSpace
        if body.isEmpty {
            let cleanSubject = SubjectPrefixes.strip(subject)
            guard !cleanSubject.isEmpty else { return .empty }
            let reading = read(cleanSubject, subject: "", message: message)
            if case .comment = reading.command { return .empty }
            return reading
        }
        if let reason = RejectPrompt.removed(from: body), case .reject = read("", subject: subject).command {
            let written = ReasonText.argument(reason)
            return CommandArguments.reject(written)
        }
        let written = body.prefix(bytes: 4000)
        if let note = InternalNote.text(of: written) { return Reading(.note(note), written: ["text": note]) }
        return decide(ReplyWords(written), message: message) ?? Reading(.comment(written), written: ["text": written])
    }

    /// The reading by the rules above, or nil when the text gives no command (a comment).
    private static func decide(_ words: ReplyWords, message: String) -> Reading? {
        let finder = PhraseFinder(words: words)
        let findings = finder.findings()
        guard let first = findings.first else { return nil }
        if let reversal = finder.firstReversal(after: first.end) {
            let taken = findings.last { $0.first < reversal } ?? first
            return Unclear.reading(taken.kind, "then taken back", message: message)
        }
        let arguments = CommandArguments(words: words)
        let escalations = EscalationText.blockCount(words.text)
        if first.strict {
            guard first.status == .stands else { return Unclear.reading(first.kind, first.status, message: message) }
            if first.kind == .escalate || first.kind == .escalateAccount, escalations > 1 { return Unclear.severalEscalations(message: message) }
            return arguments.reading(of: first)
        }
        let standing = findings.filter { $0.status == .stands }
        guard let primary = standing.first else {
            return findings.first { $0.status != .deliberation }.map { Unclear.reading($0.kind, $0.status, message: message) }
        }
        if let other = standing.first(where: { family($0.kind) != family(primary.kind) }) {
            return Unclear.conflict(primary.kind, other.kind, message: message)
        }
        if let doubt = findings.first(where: { $0.status != .stands && $0.status != .deliberation && family($0.kind) == family(primary.kind) }) {
            return Unclear.reading(doubt.kind, doubt.status, message: message)
        }
        if family(primary.kind) == .escalate, escalations > 1 {
            return Unclear.severalEscalations(message: message)
        }
        let account = standing.first { $0.kind == .escalateAccount }
        return arguments.reading(of: account ?? primary)
    }

    /// Commands that are one when both stand: a case and an account escalation in one request.
    private static func family(_ kind: CommandKind) -> CommandKind {
        kind == .escalateAccount ? .escalate : kind
    }
}
