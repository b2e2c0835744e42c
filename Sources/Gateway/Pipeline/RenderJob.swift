import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailComposing
import MailMessage
import Synchronization

/// One outbox mail to render: the notice (to its one recipient) and everything the database
/// decided about it. `subject` nil: the template's own line (mail that names no case).
/// Rendering needs no database, so a batch renders its jobs beside the transaction
/// (`BatchExecutor`); outside a batch a job is rendered where its row is written.
struct RenderJob: Sendable {
    var notice: Notice
    var messageID: String
    var subject: String?
    var placement: ThreadPlacement
    var replyTo: MailAddress?
    var context: [String: String]
    var extraHeaders: [(name: String, value: String)]
    var date: Date
    /// The body its notice's other recipients' jobs render too: whichever renders first keeps it.
    var sharedBody: SharedBody?
    /// The files a relayed message carries.
    var attachments: [OutgoingAttachment] = []

    /// A notice's rendered body, shared by the jobs of its recipients.
    final class SharedBody: Sendable {
        private let body = Mutex<Composer.Body?>(nil)

        /// The body rendered once by `render`, or now.
        func body(_ render: () -> Composer.Body) -> Composer.Body {
            if let body = body.withLock({ $0 }) { return body }
            let rendered = render()
            body.withLock { $0 = rendered }
            return rendered
        }
    }

    /// A rendered mail: its subject and bytes (compressed for the outbox where they were
    /// rendered), and whether its row got the subject when it was written (the thread's
    /// subject is known before rendering).
    struct Rendered: Sendable {
        var subject: String
        var body: OutboxBody
        var subjectStored: Bool
    }

    /// Signs and renders one job, its bytes compressed with `dictionary` when there is one.
    static func render(
        _ job: RenderJob, with composer: Composer, directory: StoreDirectory, signature: OutgoingSignature, dictionary: OutboxDictionary?
    ) -> Rendered {
        let job = signature.signed(job)
        let render = { composer.body(of: job.notice, directory: directory, extraContext: job.context) }
        let body = job.context.isEmpty ? job.sharedBody?.body(render) ?? render() : render()
        let recipient = job.notice.to[0]
        let message = composer.compose(
            job.notice, body: body, to: MailAddress(name: directory.displayName(of: recipient), address: recipient.value), subject: job.subject,
            messageID: job.messageID, date: job.date, thread: job.placement, replyTo: job.replyTo, extraHeaders: job.extraHeaders,
            attachments: job.attachments)
        return Rendered(
            subject: message.subject, body: OutboxBody(compressing: message.rendered(), with: dictionary), subjectStored: job.subject != nil)
    }
}

/// A batch's rendered mail with the outbox row it fills (`StoreSession.setRendered`).
struct RenderedRow: Sendable {
    var outboxID: Int64
    var messageID: String
    var rendered: RenderJob.Rendered
}
