import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Logging
import MailComposing
import MailMessage
import MailTransport

/// Sends the outbox: hands each due row to the sink, marks it sent once the sink made it
/// durable, retries temporary failures with backoff, and reports permanent ones on their thread.
struct OutboxDispatcher: Sendable {
    let config: GatewayConfig
    let store: Store
    let directory: StoreDirectory
    /// Where a delivery failure's notice to the case owner or escalation manager is written.
    let outbox: OutboxWriter
    let metrics: GatewayMetrics
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Sends due outbox rows through the sink; a row is marked sent only after the sink accepted
    /// it and made it durable. Temporary failures are retried with capped exponential backoff;
    /// permanent ones are given up, and a temporary failure of a whole mail ends the round. A
    /// row whose stored bytes cannot be read back is given up as permanently failed, with why. A
    /// sink whose redelivery replaces the earlier copy is settled once for all due rows; any
    /// other after each mail. Once `stop` is requested, no further mail is handed to the sink;
    /// those already handed over are settled. On a store several instances share, the round's
    /// rows are claimed first (`Store.claimDueOutbox`): a few at a time, for twice the lease
    /// time, so that no other instance sends them meanwhile and those of an instance that died
    /// are sent by another soon after.
    @discardableResult
    func dispatch(to sink: any MailSink, until stop: StopRequest? = nil) throws -> Int {
        let now = clock()
        let due = try store.claimDueOutbox(
            at: now, for: 2 * Double(config.leaseTime.seconds), limit: store.isShared ? Self.claimedPerRound : Self.sentPerRound)
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
            if let unreadable = message.unreadable {
                throw DeliveryError(permanent: true, message: "the stored mail cannot be read back: \(unreadable)")
            }
            let refused = try sink.deliver(
                Envelope(
                    sequence: message.id, messageID: message.messageID, from: config.address.value, recipients: message.recipients, raw: message.raw))
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
                reply: failure == nil ? ReplyClass.success.rawValue : code ?? ReplyClass.none.rawValue, error: failure?.message,
                nanoseconds: nanoseconds)
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
                    let retryAt =
                        error.permanent
                        ? nil : now.addingTimeInterval(Self.backoff(attempt: message.attempts, first: TimeInterval(config.retryAfter.seconds)))
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
        guard message.kind != Notice.Kind.deliveryFailed.rawValue, let manager = directory.manager(of: source), !refused.contains(manager.value)
        else {
            return
        }
        let notice = Notice(.deliveryFailed(addresses: refused, error: error.message, subject: message.subject), to: [manager], source: source)
        let cause = MailCause(messageID: message.messageID, key: "delivery-failed#\(message.messageID)")
        _ = try outbox.enqueue([notice], cause: cause, sender: nil, session: session, now: now)
    }

    /// The most due rows a round sends from a store of its own.
    static let sentPerRound = 500
    /// The most due rows a round claims from a shared store: few enough to be sent well within
    /// the claim, so that no row is sent twice for a claim that ran out.
    static let claimedPerRound = 20

    /// `first` (`[outbound] retry_after`, 30 s by default) doubled per attempt, at most one hour.
    static func backoff(attempt: Int, first: TimeInterval) -> TimeInterval {
        min(3600, first * pow(2, Double(min(attempt, 10))))
    }
}
