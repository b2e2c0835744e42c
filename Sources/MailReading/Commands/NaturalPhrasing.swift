import Foundation
import MailMessage

/// Natural phrasing: "Please escalate CS0001234, no progress", "Approved.", "Yes, go ahead",
/// "Rejected – the fix ships Friday", "All fixed now, please de-escalate", localized verbs.
enum NaturalPhrasing {
    private static let approvals = [
        "approved", "approve", "i approve", "yes, go ahead", "yes go ahead", "go ahead", "ok, approved", "approved, thanks",
        "genehmigt", "freigegeben", "approuvé", "approuve", "aprobado", "apruebo", "approvato", "goedgekeurd", "godkendt",
        "godkänd", "hyväksytty", "aprovado", "lgtm", "yes, approved", "одобрено", "утверждено", "承認します", "承認", "批准", "同意", "승인",
    ]
    private static let rejections = ["rejected", "reject", "declined", "denied", "abgelehnt", "refusé", "refuse", "rechazado", "rechazo",
        "respinto", "afgewezen", "afvist", "avslag", "hylätty", "rejeitado", "отклонено", "отказано", "却下", "拒绝", "駁回", "거절",
    ]
    private static let negations = [
        "not approve", "not approved", "can't approve", "cannot approve", "can not approve", "don't approve", "do not approve",
        "won't approve", "not reject", "don't reject", "do not reject", "can't reject", "cannot reject", "won't reject",
        "not yet", "not sure", "nicht genehmigt", "pas approuvé", "no aprobado", "shouldn't", "should not", "hold off",
        "wait", "unsure", "maybe", "не одобр", "не утвер", "не могу", "承認しません", "承認できません", "承認不可",
    ]

    private static let negationNeedles = NeedleSet(negations)
    private static let decisionNeedles = NeedleSet(["approv", "approu", "reject", "go ahead", "genehm", "ablehn", "abgelehnt", "refus", "rechaz", "aprob", "одобр", "отклон", "承認", "却下"])

    /// A negation before a decision word in the same clause: "I don't think we should approve",
    /// "we would never reject", "nicht genehmigen". A comma ends the clause ("Not a problem, approved").
    private static let negatedDecision = Pattern(
        #"(\b(not|never|nicht|kein\w*|pas|nie)\b|n't)[^.!?,;\n]{0,40}(approv|approu|reject|go ahead|genehm|ablehn|abgelehnt|freigeb|refus|rechaz|aprob)"#)

    static func isNegated(_ text: String) -> Bool {
        let lower = normalized(String(text.prefix(200)))
        return lower.hasAny(negationNeedles) || negatedDecision.matches(lower)
    }

    static func read(_ fullBody: String) -> Intent {
        let written = fullBody.prefix(bytes: 4000)
        let body = withoutGreeting(written)
        let firstParagraph = body.mailLines.prefix { !$0.isBlank }.joined(separator: "\n")
        let lower = normalized(firstParagraph)
        if mentionsDecision(lower), isNegated(body) {
            return .unclear(understood: "a possible approval decision with doubt or negation", hint: "Reply APPROVE, or REJECT followed by the reason.")
        }
        let mentionsEscalation = lower.has("escalat")
        if mentionsEscalation, let range = Phrases.deescalate.firstRange(in: lower) {
            var reason = lower
            reason.replaceSubrange(range, with: "")
            reason = reason.trimmed(including: ReasonText.punctuation)
            let original = stripPhrase(firstParagraph, Phrases.deescalateRequest)
            return .deescalate(reason: reason.isEmpty ? nil : original)
        }
        if mentionsEscalation, Phrases.accountEscalation.matches(lower) {
            let rest = stripPhrase(body, Phrases.accountRequest)
            return EscalationText.parse(rest, account: true)
        }
        if mentionsEscalation, Phrases.escalationWord.matches(lower), Phrases.politeRequest.matches(lower) || lower.hasPrefix("escalate") {
            let rest = stripPhrase(body, Phrases.caseRequest)
            return EscalationText.parse(rest, account: false)
        }
        if lower.has("severity"), let range = Phrases.severityChange.firstRange(in: lower, group: 1) {
            return .severity(String(lower[range]))
        }
        let head = lower.trimmed(including: ".!。！").prefix(60)
        if head == "yes" || approvals.contains(where: { startsWithWord(head, $0, before: ".!, ") }) {
            return .approve
        }
        if let word = rejections.first(where: { startsWithWord(head, $0, before: " ,.:") }) {
            let reason = firstParagraph.dropFirst(word.count).trimmed(including: ReasonText.punctuation)
            let full = ReasonText.withoutClosing(([reason] + body.components(separatedBy: "\n\n").dropFirst()).joined(separator: "\n\n")).trimmedSpace
            return .reject(reason: full.isEmpty ? nil : full)
        }
        return .comment(written)
    }

    /// The text without a greeting line at its top ("Hi team,", "Dear Support,", "Hallo zusammen,"),
    /// so that the request below it is the first paragraph.
    private static func withoutGreeting(_ text: String) -> String {
        let lines = text.mailLines
        guard let first = lines.first, lines.count > 1, first.utf8.count <= 60, Phrases.greeting.matches(String(first)) else { return text }
        return lines.dropFirst().joined(separator: "\n").trimmedSpace
    }

    private static func mentionsDecision(_ lower: String) -> Bool {
        lower.hasAny(decisionNeedles)
    }

    /// Whether `text` is `word` alone or `word` followed by one of `separators`.
    private static func startsWithWord(_ text: Substring, _ word: String, before separators: String) -> Bool {
        guard text.hasPrefix(word) else { return false }
        let rest = text.utf8.dropFirst(word.utf8.count)
        guard let next = rest.first else { return true }
        return separators.utf8.contains(next)
    }

    /// Lowercased, typographic apostrophes straightened, lines joined with spaces.
    private static func normalized(_ text: String) -> String {
        if text.isASCII {
            let bytes = text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 == 0x0A ? 0x20 : $0 }
            return String(decoding: bytes, as: UTF8.self).trimmedBlanks
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            scalars.append(scalar == "\u{2019}" ? "'" : scalar == "\n" ? " " : scalar)
        }
        return String(scalars).trimmedBlanks
    }

    private static func stripPhrase(_ text: String, _ phrase: Pattern) -> String {
        guard let range = phrase.firstRange(in: text) else { return text }
        var result = text
        result.removeSubrange(range)
        return result.trimmed(including: ReasonText.punctuation)
    }

    /// The phrasings of escalation requests, compiled once.
    private enum Phrases {
        static let deescalate = Pattern(#"(please )?de-?escalate|(close|cancel|withdraw) (the|this|our|my) escalation"#)
        static let deescalateRequest = Pattern(
            #"(please |you can )?(de-?escalate( this| it| the case| our account)?( now)?|(close|cancel|withdraw) (the|this|our|my) escalation( request)?)"#)
        static let accountEscalation = Pattern(#"escalat(e|ion) (for |of )?(our|my|the|this) account|account escalation"#)
        static let accountRequest = Pattern(#"(please |we need an? |i need an? )?escalat(e|ion) (for |of )?(our|my|the|this) account"#)
        static let escalationWord = Pattern(#"\bescalat(e|ion)\b"#)
        static let politeRequest = Pattern(
            #"(please|pls|kindly|i want to|we want to|i'd like to|we'd like to|we need to|i need to|we need an?|i need an?|request(ing)? (an? )?)\s*(to )?escalat"#)
        static let caseRequest = Pattern(
            #"((could|can|would) you )?(please|pls|kindly)?\s*escalate( this| it| the case| case)?( again)?|(we|i) need an? escalation( for)?"#)
        /// "Please raise the severity to high": the level is group 1.
        static let severityChange = Pattern(#"\b(?:raise|increase|lower|decrease|reduce|set|change|bump|move) (?:the )?severity (?:to|=) ?([a-z0-9-]+)"#)
        /// A greeting alone on the first line.
        static let greeting = Pattern(
            #"^\s*(hi|hello|hey|dear|hallo|moin|servus|liebe|lieber|bonjour|salut|hola|buongiorno|ciao|hej|hoi|ol[aá]|good (morning|afternoon|evening)|guten (tag|morgen|abend))\b[^.!?]{0,40}[,!:]?\s*$"#)
    }
}
