import EscalationCore
import EscalationStore
import Foundation
import MailReading

extension Gateway {
    /// Matches a bounce back to the mail the gateway sent and its recipient. An address with
    /// repeated permanent failures is suppressed for outgoing mail, and the case owner or
    /// escalation manager is told once. Bounces are never answered.
    func recordBounce(_ bounce: Bounce, cause: String, session: StoreSession, now: Date) throws -> String {
        guard let original = bounce.originalMessageID, let sent = try session.sentMessage(original) else {
            return "bounce for mail the gateway did not send"
        }
        let permanent = bounce.status?.hasPrefix("5") ?? true
        let named = bounce.recipients.filter(sent.recipients.contains)
        let recipients = named.isEmpty ? sent.recipients : named
        var summary: [String] = []
        for address in recipients {
            let count = try session.recordBounce(address: address, messageID: original, status: bounce.status ?? "unknown", permanent: permanent, at: now)
            summary.append("\(address) \(bounce.status ?? "unknown")")
            guard permanent, count >= config.security.bouncesBeforeSuppression,
                try session.suppress(address: address, reason: "\(count) permanent bounces, last \(bounce.status ?? "unknown")", at: now),
                let source = sent.source.flatMap(EscalationSource.init)
            else { continue }
            try session.append([
                JournalEntry(at: now, actor: "gateway", cause: cause, source: source, action: "address.suppressed", detail: "\(address) suppressed after \(count) permanent bounces")
            ])
            if let manager = manager(of: source), manager.value != address {
                let notice = Notice(kind: .addressSuppressed, to: [manager], source: source, details: ["address": address, "count": String(count)])
                _ = try enqueue([notice], answering: cause, sender: nil, session: session, now: now)
            }
        }
        return "bounce for \(summary.joined(separator: ", "))"
    }
}
