import EscalationCore
import Foundation
import MailComposing
import MailMessage
import Synchronization

/// Outbox mail of a batch whose rendering waits for the end of the batch's serial part.
/// Rendering (templates, MIME) is most of applying a mail and needs no database, so a batch
/// renders all its mail at once on every core and writes it into the rows it already holds,
/// before the one commit: the outcome is the same as rendering each mail where it was written.
final class RenderQueue: Sendable {
    /// One mail to render: the notice and everything the database decided about it.
    struct Job: Sendable {
        var notice: Notice
        var messageID: String
        var placement: ThreadPlacement
        var replyTo: MailAddress?
        var context: [String: String]
        var extraHeaders: [(name: String, value: String)]
        var date: Date
    }

    /// A rendered mail: its subject and bytes.
    struct Rendered: Sendable {
        var subject: String
        var raw: [UInt8]
    }

    /// Nil outside a batch: mail is then rendered where it is written.
    private let jobs = Mutex<[Job]?>(nil)

    /// Starts deferring: until `renderAll`, `deferred` takes every job.
    func begin() {
        jobs.withLock { $0 = [] }
    }

    /// Stops deferring and drops what is queued (the batch's transaction failed: its rows are gone too).
    func stop() {
        jobs.withLock { $0 = nil }
    }

    /// Queues the job when a batch is deferring its rendering; false otherwise.
    func deferred(_ job: Job) -> Bool {
        jobs.withLock { jobs in
            guard jobs != nil else { return false }
            jobs?.append(job)
            return true
        }
    }

    /// Jobs queued so far; a savepoint that rolls back truncates to the count it began with.
    var count: Int { jobs.withLock { $0?.count ?? 0 } }

    func truncate(to count: Int) {
        jobs.withLock { $0?.removeSubrange(count...) }
    }

    /// Renders one job (also the path when nothing is deferred).
    static func render(_ job: Job, with composer: Composer, directory: Directory) -> Rendered {
        let message = composer.compose(
            job.notice, directory: directory, messageID: job.messageID, date: job.date, thread: job.placement, replyTo: job.replyTo,
            extraContext: job.context, extraHeaders: job.extraHeaders)
        return Rendered(subject: message.subject, raw: message.rendered())
    }

    /// Renders every queued job on every core, in order, and stops deferring.
    func renderAll(with composer: Composer, directory: Directory) -> [(messageID: String, rendered: Rendered)] {
        let queued = jobs.withLock { jobs in
            defer { jobs = nil }
            return jobs ?? []
        }
        let slots = Slots<Rendered>(count: queued.count)
        DispatchQueue.concurrentPerform(iterations: queued.count) { index in
            slots.set(index, Self.render(queued[index], with: composer, directory: directory))
        }
        return zip(queued.map(\.messageID), slots.values).map { ($0, $1) }
    }
}
