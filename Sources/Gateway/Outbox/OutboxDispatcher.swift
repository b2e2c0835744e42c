import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Logging
import MailComposing
import MailMessage
public import MailTransport

extension Gateway {
    /// Renders notices and adds them to the outbox in the caller's transaction, one mail per
    /// recipient (each with its own subject, place on the thread and reason to get it). Message-IDs
    /// are derived from the cause's key, so a replay after a crash produces the same mail, never
    /// a second one. Suppressed addresses are dropped; answers to `sender` beyond the limits are
    /// not sent (`AnswerLimiter`), notices to anyone else always are. A relayed message carries
    /// `attachments`.
    func enqueue(
        _ notices: [Notice], cause: MailCause, sender: EmailAddress?, session: StoreSession, now: Date, attachments: RelayedAttachments = .none
    ) throws -> [MailOutcome.SentMail] {
        var sent: [MailOutcome.SentMail] = []
        var limiter = AnswerLimiter(gateway: self, session: session, now: now)
        for (index, notice) in notices.enumerated() {
            var recipients: [EmailAddress] = []
            for address in notice.to + notice.cc where address.withoutPlusTag != config.address {
                if try !session.isSuppressed(address.value) { recipients.append(address) }
            }
            guard !recipients.isEmpty, try limiter.allows(notice, recipients: recipients, sender: sender) else { continue }
            var notice = notice
            var files: [OutgoingAttachment] = []
            if notice.isRelayed {
                notice.event = notice.event.relaying(files: attachments.kept.map(\.filename), leftOut: attachments.leftOut)
                files = attachments.kept
            }
            let shared = recipients.count > 1 ? RenderQueue.SharedBody() : nil
            let thread = try notice.source.map { try threadContext(of: $0, session: session) }
            for (position, recipient) in recipients.enumerated() {
                let key = "\(cause.key)#\(index)#\(notice.kind.rawValue)" + (position == 0 ? "" : "#\(recipient.value)")
                sent.append(
                    try write(
                        notice, to: recipient, thread: thread, key: key, cause: cause, sender: sender, sharedBody: shared, session: session, now: now,
                        attachments: files))
            }
        }
        for (what, notice) in try limiter.pauseNotices(cause: cause.messageID) {
            let thread = try notice.source.map { try threadContext(of: $0, session: session) }
            for (position, recipient) in notice.to.enumerated() {
                let key = "\(cause.key)#paused#\(what)" + (position == 0 ? "" : "#\(recipient.value)")
                sent.append(
                    try write(notice, to: recipient, thread: thread, key: key, cause: cause, sender: sender, sharedBody: nil, session: session, now: now))
            }
        }
        return sent
    }

    /// Adds one recipient's mail of a notice to the outbox with a Message-ID derived from `key`,
    /// rendered now or, in a batch, with the batch's other mail before it commits (`RenderQueue`).
    private func write(
        _ notice: Notice, to recipient: EmailAddress, thread: ThreadContext?, key: String, cause: MailCause, sender: EmailAddress?,
        sharedBody: RenderQueue.SharedBody?, session: StoreSession, now: Date, attachments: [OutgoingAttachment] = []
    ) throws -> MailOutcome.SentMail {
        let messageID = signer.messageIDLocalPart(for: key) + "@" + config.domain
        var notice = notice
        notice.to = [recipient]
        notice.cc = []
        var job = try conversationJob(notice, thread: thread, messageID: messageID, cause: cause, sender: sender, session: session, now: now)
        job.sharedBody = sharedBody
        job.attachments = attachments
        let rendered = renderQueue.isBatching ? nil : RenderQueue.render(job, with: composer, directory: directory, signature: signature)
        let outboxID = try session.enqueue(
            NewOutboxMessage(
                messageID: messageID, kind: notice.kind.rawValue, source: notice.source?.description,
                request: notice.kind.carriesApprovalToken ? notice.request?.number.value : nil, recipients: [recipient.value],
                subject: rendered?.subject ?? job.subject ?? "", raw: rendered?.raw ?? []),
            at: now)
        if rendered == nil { renderQueue.add(job, outboxID: outboxID) }
        return MailOutcome.SentMail(
            to: [recipient.value], subject: rendered?.subject ?? job.subject ?? "", template: notice.kind.rawValue, messageId: messageID)
    }

    /// Sends due outbox rows through the sink; a row is marked sent only after the sink accepted
    /// it and made it durable. Temporary failures are retried with capped exponential backoff;
    /// permanent ones are given up, and a temporary failure of a whole mail ends the round. A
    /// sink whose redelivery replaces the earlier copy is settled once for all due rows; any
    /// other after each mail. Once `stop` is requested, no further mail is handed to the sink;
    /// those already handed over are settled.
    @discardableResult
    public func dispatch(to sink: any MailSink, until stop: StopRequest? = nil) throws -> Int {
        let now = clock()
        let due = try store.read { try $0.pendingOutbox(at: now) }
        var attempts: [DeliveryAttempt] = []
        var delivered = 0
        for message in due {
            if stop?.isRequested == true { break }
            let attempt = deliver(message, to: sink)
            if case .accepted = attempt.result { delivered += 1 }
            attempts.append(attempt)
            if !sink.redeliveryReplaces {
                try settle(attempts, sink: sink, now: now)
                attempts.removeAll()
            }
            // A server refusing a whole mail for now (down, 421, 451) would refuse the rest too:
            // they wait for the next cycle instead of each logging the same failure.
            if case .failed(let error) = attempt.result, !error.permanent, error.refusedRecipients.isEmpty { break }
        }
        try settle(attempts, sink: sink, now: now)
        return delivered
    }

    /// One outbox row handed to the sink, and what came of it.
    private struct DeliveryAttempt {
        enum Result {
            case accepted(refused: [RefusedRecipient])
            case failed(DeliveryError)
        }

        var message: OutboxMessage
        var result: Result
    }

    private func deliver(_ message: OutboxMessage, to sink: any MailSink) -> DeliveryAttempt {
        let start = DispatchTime.now().uptimeNanoseconds
        let attempt: DeliveryAttempt
        let result: DeliveryResult
        var failure: DeliveryError?
        do {
            let refused = try sink.deliver(
                Envelope(sequence: message.id, messageID: message.messageID, from: config.address.value, recipients: message.recipients, raw: message.raw))
            FaultPoint.afterSMTPAccept.reach()
            attempt = DeliveryAttempt(message: message, result: .accepted(refused: refused))
            result = .accepted
        } catch {
            let failed = error as? DeliveryError ?? DeliveryError(permanent: false, message: "\(error)")
            failure = failed
            attempt = DeliveryAttempt(message: message, result: .failed(failed))
            result = failed.permanent ? .permanentFailure : .temporaryFailure
        }
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - start
        metrics.recordSend(nanoseconds: nanoseconds)
        let code = failure.flatMap { Self.replyCode(in: $0.message) }
        metrics.countDelivery(result, replyClass: failure == nil ? .success : ReplyClass(code: code))
        if logger.logLevel <= (failure == nil ? .info : .warning) {
            logDelivery(
                messageID: message.messageID, recipients: message.recipients.count, attempt: message.attempts + 1, result: result.rawValue,
                reply: failure == nil ? ReplyClass.success.rawValue : code ?? ReplyClass.none.rawValue, error: failure?.message, nanoseconds: nanoseconds)
        }
        return attempt
    }

    /// Makes the accepted mails durable, then records every attempt in one transaction. The
    /// commit skips its fsync: between the server's acceptance and this mark a crash resends
    /// the mail, so the mark is written as fast as it can be; a power cut that undoes it only
    /// resends too (outgoing mail is at least once, and the window as small as it can be).
    private func settle(_ attempts: [DeliveryAttempt], sink: any MailSink, now: Date) throws {
        guard !attempts.isEmpty else { return }
        if attempts.contains(where: { if case .accepted = $0.result { true } else { false } }) { try sink.makeDurable() }
        try store.unsyncedTransaction { session in
            FaultPoint.beforeMarkSent.reach()
            for attempt in attempts {
                let message = attempt.message
                switch attempt.result {
                case .accepted(let refused):
                    try session.markSent(id: message.id, at: clock())
                    if !refused.isEmpty {
                        let error = DeliveryError(
                            permanent: true, refusedRecipients: refused.map(\.address), message: refused.map(\.reply).joined(separator: "; "))
                        try reportPermanentFailure(message, error: error, session: session, now: now)
                    }
                case .failed(let error):
                    let retryAt = error.permanent ? nil : now.addingTimeInterval(Self.backoff(attempt: message.attempts, first: TimeInterval(config.retryAfter.seconds)))
                    try session.markAttemptFailed(id: message.id, error: error.message, retryAt: retryAt)
                    if error.permanent { try reportPermanentFailure(message, error: error, session: session, now: now) }
                }
            }
        }
    }

    /// A mail the server refused for good: journaled on its thread, and the case owner or
    /// escalation manager is told on the thread (unless the refused mail was to them).
    private func reportPermanentFailure(_ message: OutboxMessage, error: DeliveryError, session: StoreSession, now: Date) throws {
        guard let source = message.source.flatMap(EscalationSource.init) else { return }
        let refused = error.refusedRecipients.isEmpty ? message.recipients : error.refusedRecipients
        try session.append([
            JournalEntry(
                at: now, actor: "gateway", cause: message.messageID, source: source, action: "delivery.failed",
                detail: "\(message.kind) to \(refused.joined(separator: ", ")) refused: \(error.message)")
        ])
        guard message.kind != Notice.Kind.deliveryFailed.rawValue, let manager = manager(of: source), !refused.contains(manager.value) else { return }
        let notice = Notice(.deliveryFailed(addresses: refused, error: error.message, subject: message.subject), to: [manager], source: source)
        _ = try enqueue([notice], cause: MailCause(messageID: message.messageID, key: "delivery-failed#\(message.messageID)"), sender: nil, session: session, now: now)
    }

    /// `first` (`[outbound] retry_after`, 30 s by default) doubled per attempt, at most one hour.
    static func backoff(attempt: Int, first: TimeInterval) -> TimeInterval {
        min(3600, first * pow(2, Double(min(attempt, 10))))
    }
}
