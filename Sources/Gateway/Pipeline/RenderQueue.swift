import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailComposing
import MailMessage
import Synchronization

/// Outbox mail of the batch in progress, rendered beside the batch's serial part. Rendering
/// (templates, MIME) is most of applying a mail and needs no database, so while one core applies
/// the batch's mail one by one, the others render what it has written; the applying thread fills
/// the rows it already holds with what is rendered between mails (`takeFinished`), and before
/// the one commit with the rest (`finish`). The outcome is the same as rendering each mail where
/// it was written.
final class RenderQueue: Sendable {
    /// One mail to render: the notice (to its one recipient) and everything the database
    /// decided about it. `subject` nil: the template's own line (mail that names no case).
    struct Job: Sendable {
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
    }

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
    /// rendered, beside the applying thread), and whether its row got the subject when it was
    /// written (the thread's subject is known before rendering).
    struct Rendered: Sendable {
        var subject: String
        var body: OutboxBody
        var subjectStored: Bool
    }

    /// A rendered mail of the batch with the outbox row it fills.
    struct Finished: Sendable {
        var outboxID: Int64
        var messageID: String
        var rendered: Rendered
    }

    /// Nil outside a batch: mail is then rendered where it is written.
    private let current = Mutex<RenderBatch?>(nil)

    /// Whether a batch is in progress: its mail is then queued (`add`), not rendered at once.
    var isBatching: Bool { current.withLock { $0 != nil } }

    /// Starts rendering beside the batch: until `finish` or `stop`, `add` takes every job.
    func begin(composer: Composer, directory: StoreDirectory, signature: OutgoingSignature, workers: SpareWorkers) {
        current.withLock { $0 = RenderBatch(composer: composer, directory: directory, signature: signature, workers: workers) }
    }

    /// Starts rendering the job of outbox row `outboxID` beside the batch in progress.
    func add(_ job: Job, outboxID: Int64) {
        guard let batch = current.withLock({ $0 }) else { preconditionFailure("a job added outside a batch") }
        batch.add(job, outboxID: outboxID)
    }

    /// Jobs of the batch so far; a savepoint that rolls back truncates to the count it began with.
    var count: Int { current.withLock { $0 }?.count ?? 0 }

    func truncate(to count: Int) {
        current.withLock { $0 }?.truncate(to: count)
    }

    /// The batch's mail rendered since the last call, of rows that count (none rolled back);
    /// call it where no savepoint is open, so that none of them can be rolled back any more.
    func takeFinished() -> [Finished] {
        current.withLock { $0 }?.takeFinished() ?? []
    }

    /// Ends the batch: renders what still waits, also on this thread, and hands every rendering
    /// not yet taken to `fill` as soon as it is there.
    func finish(_ fill: (Finished) throws -> Void) rethrows {
        let batch = current.withLock { batch in
            defer { batch = nil }
            return batch
        }
        try batch?.finish(fill)
    }

    /// Ends the batch without its renderings (its transaction failed: the rows are gone too).
    func stop() {
        current.withLock { $0 = nil }
    }

    /// Signs and renders one job (also the path when no batch is in progress).
    static func render(_ job: Job, with composer: Composer, directory: StoreDirectory, signature: OutgoingSignature) -> Rendered {
        let job = signature.signed(job)
        let render = { composer.body(of: job.notice, directory: directory, extraContext: job.context) }
        let body = job.context.isEmpty ? job.sharedBody?.body(render) ?? render() : render()
        let recipient = job.notice.to[0]
        let message = composer.compose(
            job.notice, body: body, to: MailAddress(name: directory.displayName(of: recipient), address: recipient.value), subject: job.subject,
            messageID: job.messageID, date: job.date, thread: job.placement, replyTo: job.replyTo, extraHeaders: job.extraHeaders,
            attachments: job.attachments)
        return Rendered(subject: message.subject, body: OutboxBody(compressing: message.rendered()), subjectStored: job.subject != nil)
    }
}

/// The renderings of one batch: jobs wait in a queue that the spare workers drain, one started
/// once several jobs wait and a slot is free (a wake-up per job cost the applying thread more
/// than queuing the job); at the end the applying thread renders what is still waiting itself.
private final class RenderBatch: Sendable {
    private struct Ledger {
        /// Sequence numbers of the jobs that count (not rolled back), in order.
        var live: [Int] = []
        /// The rows and Message-IDs of the jobs that count, by sequence number.
        var rows: [Int: (outboxID: Int64, messageID: String)] = [:]
        var next = 0
        /// Jobs nobody has started, oldest first, from `firstWaiting` on.
        var waiting: [(sequence: Int, job: RenderQueue.Job)] = []
        var firstWaiting = 0
        /// Renderings of jobs that count, not yet taken.
        var finished: [(sequence: Int, finished: RenderQueue.Finished)] = []

        /// Keeps a rendering unless its job was rolled back meanwhile.
        mutating func store(_ rendered: RenderQueue.Rendered, of sequence: Int) {
            guard let row = rows[sequence] else { return }
            finished.append((sequence, RenderQueue.Finished(outboxID: row.outboxID, messageID: row.messageID, rendered: rendered)))
        }

        mutating func takeFinished() -> [RenderQueue.Finished] {
            defer { finished.removeAll(keepingCapacity: true) }
            return finished.map(\.finished)
        }

        /// The oldest waiting job; jobs taken are let go of, so a batch holds only what waits.
        mutating func takeWaiting() -> (sequence: Int, job: RenderQueue.Job)? {
            guard firstWaiting < waiting.count else { return nil }
            let next = waiting[firstWaiting]
            firstWaiting += 1
            if firstWaiting == waiting.count {
                waiting.removeAll(keepingCapacity: true)
                firstWaiting = 0
            }
            return next
        }
    }

    /// Jobs that wait before a worker is woken.
    private static let jobsPerWakeUp = 8
    private let composer: Composer
    private let directory: StoreDirectory
    private let signature: OutgoingSignature
    private let workers: SpareWorkers
    private let ledger = Mutex(Ledger())
    private let running = DispatchGroup()

    init(composer: Composer, directory: StoreDirectory, signature: OutgoingSignature, workers: SpareWorkers) {
        self.composer = composer
        self.directory = directory
        self.signature = signature
        self.workers = workers
    }

    var count: Int { ledger.withLock { $0.live.count } }

    func add(_ job: RenderQueue.Job, outboxID: Int64) {
        let waiting = ledger.withLock { ledger in
            defer { ledger.next += 1 }
            ledger.live.append(ledger.next)
            ledger.rows[ledger.next] = (outboxID, job.messageID)
            ledger.waiting.append((ledger.next, job))
            return ledger.waiting.count - ledger.firstWaiting
        }
        guard waiting >= Self.jobsPerWakeUp else { return }
        running.enter()
        if !workers.start({ [self] in
            renderWhileWaiting()
            running.leave()
        }) {
            running.leave()
        }
    }

    /// Renders waiting jobs until none is left.
    private func renderWhileWaiting() {
        while renderOne() {}
    }

    /// Renders the oldest waiting job; false when none waits.
    private func renderOne() -> Bool {
        guard let (sequence, job) = ledger.withLock({ $0.takeWaiting() }) else { return false }
        let rendered = RenderQueue.render(job, with: composer, directory: directory, signature: signature)
        ledger.withLock { $0.store(rendered, of: sequence) }
        return true
    }

    /// Drops the jobs past the first `count`; one already rendering finishes and is not used.
    func truncate(to count: Int) {
        ledger.withLock { ledger in
            guard count < ledger.live.count else { return }
            let firstDropped = ledger.live[count]
            for sequence in ledger.live[count...] { ledger.rows[sequence] = nil }
            ledger.live.removeSubrange(count...)
            ledger.waiting.removeAll { $0.sequence >= firstDropped }
            ledger.firstWaiting = min(ledger.firstWaiting, ledger.waiting.count)
            ledger.finished.removeAll { $0.sequence >= firstDropped }
        }
    }

    func takeFinished() -> [RenderQueue.Finished] {
        ledger.withLock { $0.takeFinished() }
    }

    /// Renders what waits here, handing over what is rendered (here or on a worker) between
    /// jobs, then waits for the workers' last jobs.
    func finish(_ fill: (RenderQueue.Finished) throws -> Void) rethrows {
        while renderOne() {
            for finished in takeFinished() { try fill(finished) }
        }
        running.wait()
        for finished in takeFinished() { try fill(finished) }
    }
}
