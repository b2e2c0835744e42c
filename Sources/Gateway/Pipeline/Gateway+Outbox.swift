import EscalationCore
import EscalationStore
import Foundation
import Logging
import MailComposing
import MailMessage
import MailTransport

extension Gateway {
    /// Renders notices and adds them to the outbox in the caller's transaction. Message-IDs are
    /// derived from the cause, so a replay after a crash produces the same mail, never a second one.
    func enqueue(_ notices: [Notice], answering cause: String, session: StoreSession, now: Date) throws -> [MailOutcome.SentMail] {
        var sent: [MailOutcome.SentMail] = []
        for (index, notice) in notices.enumerated() {
            let recipients = (notice.to + notice.cc).filter { $0.withoutPlusTag != config.address }
            guard !recipients.isEmpty else { continue }
            let threadKey = notice.source?.description
            let messageID = MailIdentity.sha256(Array("\(cause)#\(index)#\(notice.kind.rawValue)".utf8)).prefix(32) + "@" + config.domain
            let references = try threadKey.map { try session.threadReferences(source: $0) } ?? [cause]
            let placement = ThreadPlacement(
                inReplyTo: notice.kind == .approvalRequested ? references.last : cause,
                references: references.contains(cause) || notice.kind == .approvalRequested ? references : references + [cause])
            let message = composer.compose(
                notice, directory: directory, messageID: String(messageID), date: now, thread: placement,
                extraHeaders: [("X-Escalation-Gateway", notice.kind.rawValue)])
            try session.enqueue(
                NewOutboxMessage(
                    messageID: String(messageID), kind: notice.kind.rawValue, source: threadKey, request: notice.kind == .approvalRequested ? notice.request?.number.value : nil,
                    recipients: recipients.map(\.value), subject: message.subject, raw: message.rendered()),
                at: now)
            sent.append(MailOutcome.SentMail(to: recipients.map(\.value), subject: message.subject, template: notice.kind.rawValue))
        }
        return sent
    }

    /// Sends due outbox rows through the sink; a row is marked sent only after the sink accepted it.
    /// Temporary failures are retried with capped exponential backoff; permanent ones are given up and journaled.
    @discardableResult
    public func dispatch(to sink: any MailSink) throws -> Int {
        let now = clock()
        let due = try store.read { try $0.pendingOutbox(at: now) }
        var delivered = 0
        for message in due {
            do {
                try sink.deliver(Envelope(sequence: message.id, messageID: message.messageID, from: config.address.value, recipients: message.recipients, raw: message.raw))
                try store.transaction { try $0.markSent(id: message.id, at: clock()) }
                delivered += 1
            } catch let error as DeliveryError {
                let retryAt = error.permanent ? nil : now.addingTimeInterval(Self.backoff(attempt: message.attempts))
                logger.warning("delivery failed", metadata: ["mail.message_id": "\(message.messageID)", "error": "\(error.message)", "permanent": "\(error.permanent)"])
                try store.transaction { try $0.markAttemptFailed(id: message.id, error: error.message, retryAt: retryAt) }
            } catch {
                logger.warning("delivery failed", metadata: ["mail.message_id": "\(message.messageID)", "error": "\(error)"])
                try store.transaction {
                    try $0.markAttemptFailed(id: message.id, error: "\(error)", retryAt: now.addingTimeInterval(Self.backoff(attempt: message.attempts)))
                }
            }
        }
        return delivered
    }

    /// 30 s doubled per attempt, at most one hour.
    static func backoff(attempt: Int) -> TimeInterval {
        min(3600, 30 * pow(2, Double(min(attempt, 10))))
    }
}
