import EscalationStore

/// The bounded reason of a mail's outcome, for the `reason` label of
/// `escalation_gateway_mails_total`: the command applied, the refusal, the kind of automated
/// mail, never free text (an address, a case number or a server's words would make a label
/// without bounds). Anything not in the known set is `other`.
enum MailReasonCode {
    /// Every value the label can take.
    static let all: [String] = Array(Set(words.values)).sorted()

    /// The reason's first words, as the pipeline writes them (before ` (` or `:`), and their code.
    private static let words: [String: String] = {
        var words: [String: String] = [:]
        let commands = [
            "escalate", "escalate-account", "approve", "reject", "de-escalate", "severity", "trend", "watch", "unwatch", "link", "unlink",
            "assign", "comment", "withdraw", "note", "unclear", "pending",
        ]
        let refusals = [
            "unknown-sender", "not-permitted", "already-escalated", "cooldown", "reason-needed", "not-understood", "already-decided",
            "nothing-to-do", "no-template", "no-approver", "confirmation-required", "no-such-case", "auto-reply", "own",
        ]
        for code in commands + refusals { words[code] = code }
        words["decision_unverified"] = "decision-unverified"
        words["unknown sender"] = "unknown-sender"
        words["not understood"] = "not-understood"
        words["decision not accepted"] = "decision-not-accepted"
        words["no case or account found"] = "no-case-found"
        words["no usable From address"] = "no-from-address"
        for code in ["bounce", "unreadable", "attempts-exhausted", "already-processed", "same-message-id", "other"] { words[code] = code }
        return words
    }()

    /// The code of `reason` for a mail with `outcome`.
    static func of(_ outcome: ReceiptOutcome, reason: String) -> String {
        switch outcome {
        case .duplicate: return reason == "already processed" ? "already-processed" : "same-message-id"
        case .failed: return reason.hasPrefix("failed ") && reason.contains(" times, last: ") ? "attempts-exhausted" : "unreadable"
        case .ignored where reason.hasPrefix("bounce"): return "bounce"
        case .applied where reason.hasPrefix("pending"): return "pending"
        case .refused where reason == "pending: not staff": return "not-permitted"
        case .ignored, .applied, .refused: return words[firstWords(reason)] ?? "other"
        }
    }

    /// The words before ` (` or `:`: `not understood (subject-tag)` → `not understood`.
    private static func firstWords(_ reason: String) -> String {
        let utf8 = reason.utf8
        guard let end = utf8.firstIndex(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ":") }) else { return reason }
        var last = end
        while last > utf8.startIndex, utf8[utf8.index(before: last)] == UInt8(ascii: " ") { last = utf8.index(before: last) }
        return String(reason[..<last])
    }
}
