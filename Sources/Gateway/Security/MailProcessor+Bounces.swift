import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailReading

extension MailProcessor {
    /// Matches a bounce back to the mail the gateway sent and its recipients. A bounce counts
    /// only when it names a Message-ID the gateway sent (unguessable: it carries an HMAC) and, as
    /// failed recipients, recipients of that mail; only those are counted. Without a status, or
    /// with a 4.x.x one, the failure is temporary. An address with repeated permanent failures
    /// is suppressed for outgoing mail, and the case owner or escalation manager is told once.
    /// Bounces are never answered.
    func recordBounce(_ bounce: Bounce, cause: MailCause, session: StoreSession, now: Date) throws -> String {
        guard let original = bounce.originalMessageID, let sent = try session.sentMessage(original) else {
            return "bounce for mail the gateway did not send"
        }
        let recipients = bounce.recipients.filter(sent.recipients.contains)
        guard !recipients.isEmpty else { return "bounce names none of the recipients of \(original)" }
        let status = bounce.status ?? "unknown"
        let permanent = bounce.status?.hasPrefix("5") ?? false
        var summary: [String] = []
        var notices: [Notice] = []
        for address in recipients {
            let count = try session.recordBounce(address: address, messageID: original, status: status, permanent: permanent, at: now)
            metrics.countBounce(permanent: permanent)
            summary.append("\(address) \(status)" + (permanent ? "" : " (temporary)"))
            guard permanent, count >= config.security.bouncesBeforeSuppression,
                try session.suppress(address: address, reason: "\(count) permanent bounces, last \(status)", at: now),
                let source = sent.source.flatMap(EscalationSource.init)
            else { continue }
            metrics.countSuppression()
            try session.append([
                JournalEntry(
                    at: now, actor: "gateway", cause: cause.messageID, source: source, action: "address.suppressed",
                    detail: "\(address) suppressed after \(count) permanent bounces")
            ])
            if let manager = directory.manager(of: source), manager.value != address {
                notices.append(Notice(.addressSuppressed(address: address, bounces: count), to: [manager], source: source))
            }
        }
        _ = try outbox.enqueue(notices, cause: cause, sender: nil, session: session, now: now)
        return "bounce for \(summary.joined(separator: ", "))"
    }
}
