/// The `unclear` intents the reader gives, each saying what was understood and how to say it.
enum Unclear {
    static func intent(_ kind: CommandKind, _ status: Finding.Status) -> Intent {
        switch status {
        case .negated: intent(kind, "negated")
        case .conditional: intent(kind, "with a condition")
        case .doubtful: intent(kind, "with doubt")
        case .deliberation: intent(kind, "as a question")
        case .stands: intent(kind, "")
        }
    }

    static func intent(_ kind: CommandKind, _ how: String) -> Intent {
        .unclear(understood: "\(kind.word) \(how), so nothing was changed", hint: hint(kind))
    }

    static func conflict(_ first: CommandKind, _ second: CommandKind) -> Intent {
        .unclear(understood: "both \(first.word) and \(second.word), so nothing was changed", hint: "Reply with one command: " + hint(first))
    }

    static let severalEscalations = Intent.unclear(
        understood: "several escalation requests in one mail, so none was made",
        hint: "Send one mail per escalation, each starting with ESCALATE and a line \"Reason: …\".")

    private static func hint(_ kind: CommandKind) -> String {
        switch kind {
        case .approve, .reject: "Reply APPROVE, or REJECT followed by the reason."
        case .escalate, .escalateAccount: "Reply ESCALATE with a line \"Reason: …\" and your justification when you want it escalated."
        case .deescalate: "Reply DE-ESCALATE followed by the reason when it can be de-escalated."
        case .severity: "Reply SEVERITY followed by the level, e.g. SEVERITY high."
        case .trend: "Reply TREND improving, TREND unchanged or TREND worsening."
        case .watch, .unwatch, .assign: "Reply \(kind.word) followed by a mail address."
        case .link, .unlink: "Reply \(kind.word) followed by a case number, e.g. CS0001234."
        case .comment: "Reply COMMENT followed by your text."
        case .withdraw: "Reply WITHDRAW to take back your pending escalation request."
        case .pending: "Write PENDING to see the requests waiting for your decision."
        }
    }
}
