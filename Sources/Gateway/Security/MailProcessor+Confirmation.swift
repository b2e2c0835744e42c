import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailMessage
import MailReading

extension MailProcessor {
    /// Asks the sender of a gated command that did not pass the gate to confirm it: a mail to
    /// the sender's address (a spoofed mail's real owner, never the spoofer) whose reply applies
    /// the command. The mail waiting for it is remembered by its receipt key.
    func askConfirmation(
        of command: Command, why: String, sender: EmailAddress, source: EscalationSource, cause: MailCause, state: SubjectState,
        session: StoreSession, now: Date
    ) throws -> [MailOutcome.SentMail] {
        try session.append([
            JournalEntry(
                at: now, actor: sender.value, cause: cause.messageID, source: source, escalation: state.escalation?.number,
                action: "refused.\(Refusal.confirmationRequired.rawValue)", detail: "\(command.name) not applied until confirmed: \(why)")
        ])
        let notice = Notice(
            .confirmationRequired(understood: Self.written(command), why: why), to: [sender], source: source, escalation: state.escalation)
        let sent = try outbox.enqueue([notice], cause: cause, sender: sender, session: session, now: now)
        for mail in sent where mail.template == Notice.Kind.confirmationRequired.rawValue {
            try session.awaitConfirmation(messageID: mail.messageId, sender: sender.value, source: source.description, receiptKey: cause.key, at: now)
        }
        return sent
    }

    /// When the mail answers a confirmation mail sent to its sender and says yes, applies the
    /// command the confirmation was asked for, read again from the waiting mail's stored bytes.
    /// The answer itself is the proof: only the confirmation mail's recipient knows its
    /// Message-ID (it carries an HMAC). Nil when the mail confirms nothing.
    func applyConfirmed(by understood: UnderstoodMail, sender: EmailAddress, match: ThreadMatch, cause: MailCause, session: StoreSession, now: Date)
        throws -> MailOutcome?
    {
        guard let parent = understood.mail.inReplyTo.first,
            let waiting = try session.confirmationAwaited(messageID: parent, sender: sender.value),
            waiting.source == match.source.description, Self.confirms(understood),
            let raw = try session.rawReceipt(key: waiting.receiptKey)
        else { return nil }
        try session.markConfirmed(messageID: parent, at: now)
        let original = try UnderstoodMail(mail: Mail(parsing: raw, limits: config.limits), gatewayAddress: config.address, isOwn: { _ in nil })
        guard let command = original.reading.command?.applied(to: match.source) else { return nil }
        try session.append([
            JournalEntry(
                at: now, actor: sender.value, cause: cause.messageID, source: match.source, action: "command.confirmed",
                detail: "\(command.name) of \(original.mail.messageID ?? "a mail without Message-ID") confirmed by its sender")
        ])
        return try apply(command, from: original, sender: sender, match: match, cause: cause, confirmed: true, session: session, now: now)
    }

    /// A gated command as its sender would write it, for the confirmation mail (`SEVERITY high`).
    static func written(_ command: Command) -> String {
        switch command {
        case .severity(let level): "SEVERITY \(level)"
        case .trend(let trend): "TREND \(trend.rawValue)"
        case .watch(let address): "WATCH \(address)"
        case .unwatch(let address): "UNWATCH \(address)"
        case .link(let number): "LINK \(number)"
        case .unlink(let number): "UNLINK \(number)"
        case .assign(let address): "ASSIGN \(address)"
        case .deescalate(let reason): "DE-ESCALATE" + (reason.map { " \($0)" } ?? "")
        case .escalate, .approve, .reject, .comment, .withdraw, .note, .unclear: command.name.uppercased()
        }
    }

    private static let confirmingWords: Set<String> = [
        "confirm", "confirmed", "yes", "ok", "okay", "bestätigt", "bestätige", "ja", "oui", "confirmé", "confirme", "sí", "si", "confirmo",
        "confirmado",
    ]

    /// Whether a reply to a confirmation mail says yes: its first word, or an approval.
    static func confirms(_ understood: UnderstoodMail) -> Bool {
        if case .approve = understood.reading.command { return true }
        let first = understood.reply.text.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).first.map { $0.lowercased() }
        return first.map(confirmingWords.contains) ?? false
    }
}
