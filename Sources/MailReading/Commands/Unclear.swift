/// The unclear readings the reader gives, each saying what was understood and how to say it;
/// `message` is the sender's text, kept as their message.
enum Unclear {
    static func reading(_ kind: CommandKind, _ status: Finding.Status, message: String) -> Reading {
        switch status {
        case .negated: reading(kind, "negated", message: message)
        case .conditional: reading(kind, "with a condition", message: message)
        case .doubtful: reading(kind, "with doubt", message: message)
        case .deliberation: reading(kind, "as a question", message: message)
        case .stands: reading(kind, "", message: message)
        }
    }

    static func reading(_ kind: CommandKind, _ how: String, message: String) -> Reading {
        .unclear(message, understood: "\(kind.word) \(how), so nothing was changed", hint: hint(kind))
    }

    static func conflict(_ first: CommandKind, _ second: CommandKind, message: String) -> Reading {
        .unclear(message, understood: "both \(first.word) and \(second.word), so nothing was changed", hint: "Reply with one command: " + hint(first))
    }

    static func severalEscalations(message: String) -> Reading {
        .unclear(
            message, understood: "several escalation requests in one mail, so none was made",
            hint: "Send one mail per escalation, each starting with ESCALATE and a line \"Reason: …\".")
    }

    /// How to say a command of `kind`.
    static func hint(_ kind: CommandKind) -> String {
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
