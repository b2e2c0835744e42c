import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailComposing
import MailMessage

/// Turns the engine's notices into outbox rows in the caller's transaction: one mail per
/// recipient, placed in that recipient's conversation about the case or account, with a
/// Message-ID derived from its cause, the signer's tokens, and within the answer limits.
///
/// In a batch, a row is written when its notice is, without its bytes (and, for mail that
/// names no case, without its subject), and filled in (`StoreSession.setRendered`) between
/// mails and before the commit, never after it: written empty and filled later because that
/// measurably pays. Rendering (templates, MIME) is most of a mail's
/// work and needs no database, so the batch's mail is rendered on the other cores
/// (`BatchExecutor`) while the transaction applies the next mails; the row cannot wait for its
/// rendering, since the batch's later mails count it at once (answer limits, the thread's
/// latest mail, the gateway's own Message-IDs). Rendering beside the batch took the pipeline
/// from 888 to 1,333 mails/s at N = 10,000 when it came (commit 9fa43f6). Outside a batch (SLA
/// events, a delivery failure's notice) a mail is rendered where its row is written, whole.
struct OutboxWriter: Sendable {
    let config: GatewayConfig
    let directory: StoreDirectory
    let signer: TokenSigner
    let composer: Composer
    /// The signer's part in every outgoing mail, applied where the mail is rendered.
    let signature: OutgoingSignature
    /// The dictionary a mail rendered where its row is written is compressed with.
    let compression: OutboxCompression
    /// The batch whose workers render this writer's mail; nil outside a batch.
    var batch: BatchExecutor? = nil

    /// This writer in `batch`: its rows are written without their bytes, and their jobs added
    /// to the batch, which fills them in before it commits.
    func rendering(beside batch: BatchExecutor) -> OutboxWriter {
        var writer = self
        writer.batch = batch
        return writer
    }

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
        var limiter = AnswerLimiter(security: config.security, directory: directory, session: session, now: now)
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
            let shared = recipients.count > 1 ? RenderJob.SharedBody() : nil
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
                    try write(
                        notice, to: recipient, thread: thread, key: key, cause: cause, sender: sender, sharedBody: nil, session: session, now: now))
            }
        }
        return sent
    }

    /// Adds one recipient's mail of a notice to the outbox with a Message-ID derived from `key`,
    /// rendered now or, in a batch, beside it before it commits (`BatchExecutor`):
    /// then the row is written without its bytes, and the batch fills them in (`setRendered`)
    /// before its commit (see the type's comment).
    private func write(
        _ notice: Notice, to recipient: EmailAddress, thread: ThreadContext?, key: String, cause: MailCause, sender: EmailAddress?,
        sharedBody: RenderJob.SharedBody?, session: StoreSession, now: Date, attachments: [OutgoingAttachment] = []
    ) throws -> MailOutcome.SentMail {
        let messageID = signer.messageIDLocalPart(for: key) + "@" + config.domain
        var notice = notice
        notice.to = [recipient]
        notice.cc = []
        var job = try conversationJob(notice, thread: thread, messageID: messageID, cause: cause, sender: sender, session: session, now: now)
        job.sharedBody = sharedBody
        job.attachments = attachments
        let rendered =
            batch == nil
            ? RenderJob.render(job, with: composer, directory: directory, signature: signature, dictionary: compression.current) : nil
        let outboxID = try session.enqueue(
            NewOutboxMessage(
                messageID: messageID, kind: notice.kind.rawValue, source: notice.source?.description,
                request: notice.kind.carriesApprovalToken ? notice.request?.number.value : nil, recipients: [recipient.value],
                subject: rendered?.subject ?? job.subject ?? "", body: rendered?.body),
            at: now)
        batch?.add(job, outboxID: outboxID)
        return MailOutcome.SentMail(
            to: [recipient.value], subject: rendered?.subject ?? job.subject ?? "", template: notice.kind.rawValue, messageId: messageID)
    }
}
