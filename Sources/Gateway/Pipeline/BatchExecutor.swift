import Dispatch
import Foundation
import Synchronization

/// One batch's work on the cores beside the thread that applies it. Applying is serial (one
/// transaction, mail after mail), but most of a mail's work needs no database: preparing it
/// (parsing and reading it, then `warm`ing the directory records applying it asks for) and
/// rendering the outbox mail it causes (templates, MIME, compression). So:
///
/// - Preparing ahead: from the start, workers prepare the mails in order while the applying
///   thread applies the earlier ones (`mail(at:)`). When the mail it needs has not been
///   started, the applying thread prepares it itself rather than wait; when a worker has
///   started it, it waits for that one. Without it: 2,728 → 2,041 mails/s.
/// - Rendering beside: the applying thread writes each outbox row without its bytes and adds
///   its job here (`add`); workers render the jobs, and the applying thread fills the rows with
///   what is rendered between mails (`takeRendered`) and, before the commit, renders what
///   still waits itself and then waits for the workers' last ones (`finish`). Without it:
///   2,728 → 1,728 mails/s. A worker is woken for rendering only once `jobsPerWakeUp` jobs
///   wait: as fast as a wake-up per job, with 5 MB less peak memory. A worker runs until it
///   finds nothing to do, preparing before rendering.
/// - The cap: the batch's preparing and rendering together never run more workers than
///   `workers` (`spareCores`: one thread more takes its CPU from the applying thread, which the
///   whole batch waits on, 2,728 → 2,611 mails/s on two cores; 0, in tests: all of it on the
///   applying thread).
///
/// (Figures: `bench pipeline --mails 10000` on two cores, means of three interleaved runs with
/// the piece taken out, commit f50a283's build as the reference.)
/// - Rollback: a savepoint that rolls back drops the jobs added since its `jobMark`; a
///   rendering of a dropped job is never handed out, also when a worker had already made it.
/// - The end: once the batch's body returns or throws (a stop between mails, a failed
///   transaction), nothing more is prepared or handed out, and `run` returns when the last
///   worker has finished its task.
///
/// All of it is one lock over `State`, taken by a worker once per task and by the applying
/// thread once per mail and once per job, and one semaphore the applying thread waits on (for
/// a mail a worker is preparing, or for the workers to finish), signalled only when it waits.
final class BatchExecutor: Sendable {
    /// Render jobs that wait before a worker is woken for them.
    static let jobsPerWakeUp = 8
    /// The workers a batch runs at most: the cores beside the applying thread, at least one.
    static let spareCores = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)

    private struct State {
        /// A worker's task.
        enum Work {
            case prepare(Int)
            case render(Job)
        }

        /// A render job with its place in the batch's sequence of jobs and its row.
        struct Job {
            var sequence: Int
            var outboxID: Int64
            var job: RenderJob
        }

        /// Mails prepared by workers, each taken once by the applying thread.
        var prepared: [PreparedMail?]
        /// The next mail nobody has started preparing; the mail count once preparing is over.
        var nextToPrepare = 0
        var activeWorkers = 0
        /// The mail the applying thread waits for.
        var awaitedMail: Int?
        /// Whether the applying thread waits for the workers to finish.
        var awaitsIdleWorkers = false
        /// Render jobs, those nobody has started from `firstWaiting` on, oldest first.
        var waiting: [Job] = []
        var firstWaiting = 0
        var nextSequence = 0
        /// Sequences of jobs rolled back, whose renderings are thrown away.
        var dropped: [Range<Int>] = []
        /// Renderings of jobs that count, not yet handed out, with their sequences.
        var rendered: [(sequence: Int, row: RenderedRow)] = []
        /// False once the batch is over: nothing more is prepared, rendered or handed out.
        var isOpen = true

        /// The next task for a worker, preparing before rendering; nil, and the worker counted
        /// out, when there is none (`wake` set when the applying thread waits for the workers
        /// and it was the last).
        mutating func claim(waking wake: inout Bool) -> Work? {
            if isOpen, nextToPrepare < prepared.count {
                defer { nextToPrepare += 1 }
                return .prepare(nextToPrepare)
            }
            if isOpen, let job = takeWaiting() { return .render(job) }
            activeWorkers -= 1
            if awaitsIdleWorkers, activeWorkers == 0 {
                awaitsIdleWorkers = false
                wake = true
            }
            return nil
        }

        /// The oldest job nobody has started; jobs taken are let go of once none waits.
        mutating func takeWaiting() -> Job? {
            guard firstWaiting < waiting.count else { return nil }
            defer {
                firstWaiting += 1
                if firstWaiting == waiting.count {
                    waiting.removeAll(keepingCapacity: true)
                    firstWaiting = 0
                }
            }
            return waiting[firstWaiting]
        }

        /// Keeps a worker's mail; true when the applying thread waits for it.
        mutating func keep(_ mail: PreparedMail, at index: Int) -> Bool {
            guard isOpen else { return false }
            prepared[index] = mail
            guard awaitedMail == index else { return false }
            awaitedMail = nil
            return true
        }

        /// Keeps a rendering unless its job was rolled back or the batch is over.
        mutating func keep(_ row: RenderedRow, of sequence: Int) {
            guard isOpen, !dropped.contains(where: { $0.contains(sequence) }) else { return }
            rendered.append((sequence, row))
        }
    }

    private let workers: Int
    private let prepare: @Sendable (Int) -> PreparedMail
    private let render: @Sendable (RenderJob) -> RenderJob.Rendered
    private let launch: @Sendable (_ worker: @escaping @Sendable () -> Void) -> Void
    private let state: Mutex<State>
    private let wakeUp = DispatchSemaphore(value: 0)

    private init(
        mails: Int, workers: Int, prepare: @escaping @Sendable (Int) -> PreparedMail,
        render: @escaping @Sendable (RenderJob) -> RenderJob.Rendered, launch: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void
    ) {
        self.workers = workers
        self.prepare = prepare
        self.render = render
        self.launch = launch
        let starting = min(mails, workers)
        state = Mutex(State(prepared: Array(repeating: nil, count: mails), activeWorkers: starting))
        for _ in 0..<starting { startWorker() }
    }

    /// Runs `body`, the applying thread's part of a batch of `mails` mails, with up to
    /// `workers` worker threads beside it: `prepare` makes mail `index` (`mail(at:)`), `render`
    /// renders a job `add`ed, and `launch` runs a worker's loop on a thread of its own (tests
    /// launch them when they choose). Returns once no worker of the batch runs any more.
    static func run<Result>(
        mails: Int, workers: Int, prepare: @escaping @Sendable (_ index: Int) -> PreparedMail,
        render: @escaping @Sendable (RenderJob) -> RenderJob.Rendered,
        launch: @escaping @Sendable (_ worker: @escaping @Sendable () -> Void) -> Void = {
            DispatchQueue.global(qos: .userInitiated).async(execute: $0)
        },
        body: (BatchExecutor) throws -> Result
    ) rethrows -> Result {
        let batch = BatchExecutor(mails: mails, workers: workers, prepare: prepare, render: render, launch: launch)
        defer { batch.close() }
        return try body(batch)
    }

    /// Mail `index`, prepared; each index is asked for once, in order.
    func mail(at index: Int) -> PreparedMail {
        var prepareHere = false
        let ready = state.withLock { state -> PreparedMail? in
            if state.nextToPrepare <= index {
                state.nextToPrepare = index + 1
                prepareHere = true
                return nil
            }
            if let mail = state.prepared[index] {
                state.prepared[index] = nil
                return mail
            }
            state.awaitedMail = index
            return nil
        }
        if prepareHere { return prepare(index) }
        if let ready { return ready }
        wakeUp.wait()
        let mail = state.withLock { state in
            defer { state.prepared[index] = nil }
            return state.prepared[index]
        }
        guard let mail else { preconditionFailure("woken for mail \(index) before it was prepared") }
        return mail
    }

    /// Adds the job of outbox row `outboxID`, to be rendered beside the applying thread.
    func add(_ job: RenderJob, outboxID: Int64) {
        let wake = state.withLock { state in
            state.waiting.append(State.Job(sequence: state.nextSequence, outboxID: outboxID, job: job))
            state.nextSequence += 1
            guard state.waiting.count - state.firstWaiting >= Self.jobsPerWakeUp, state.activeWorkers < workers else { return false }
            state.activeWorkers += 1
            return true
        }
        if wake { startWorker() }
    }

    /// Where the jobs added from now on begin: a savepoint that rolls back drops them (`dropJobs`).
    var jobMark: Int { state.withLock { $0.nextSequence } }

    /// Drops the jobs added since `mark`; a rendering of one of them is never handed out.
    func dropJobs(since mark: Int) {
        state.withLock { state in
            guard mark < state.nextSequence else { return }
            state.dropped.append(mark..<state.nextSequence)
            state.waiting.removeAll { $0.sequence >= mark }
            state.firstWaiting = min(state.firstWaiting, state.waiting.count)
            state.rendered.removeAll { $0.sequence >= mark }
        }
    }

    /// Hands `fill` the renderings made since the last call; call it where no savepoint is
    /// open, so that none of their rows can be rolled back any more.
    func takeRendered(_ fill: (RenderedRow) throws -> Void) rethrows {
        let rendered = state.withLock { state -> [(sequence: Int, row: RenderedRow)] in
            // Taking the empty array too would make `removeAll` allocate a buffer per mail.
            guard !state.rendered.isEmpty else { return [] }
            defer { state.rendered.removeAll(keepingCapacity: true) }
            return state.rendered
        }
        for (_, row) in rendered { try fill(row) }
    }

    /// Ends the batch's mails: prepares no more, renders the jobs still waiting on this thread,
    /// waits for the workers' last renderings and hands `fill` every rendering not yet taken.
    func finish(_ fill: (RenderedRow) throws -> Void) rethrows {
        while true {
            let job = state.withLock { state in
                state.nextToPrepare = state.prepared.count
                return state.takeWaiting()
            }
            try takeRendered(fill)
            guard let job else { break }
            try fill(RenderedRow(outboxID: job.outboxID, messageID: job.job.messageID, rendered: render(job.job)))
        }
        waitForWorkers()
        try takeRendered(fill)
    }

    /// Ends the batch however its body ended: nothing more is prepared, rendered or handed out,
    /// and the workers' tasks in progress finish unused.
    private func close() {
        state.withLock { state in
            state.isOpen = false
            state.waiting = []
            state.rendered = []
        }
        waitForWorkers()
    }

    private func waitForWorkers() {
        let busy = state.withLock { state in
            state.awaitsIdleWorkers = state.activeWorkers > 0
            return state.awaitsIdleWorkers
        }
        if busy { wakeUp.wait() }
    }

    /// Starts a worker, counted in `activeWorkers` by the caller: it performs tasks until none is left.
    private func startWorker() {
        launch { [self] in
            var wake = false
            var work = state.withLock { $0.claim(waking: &wake) }
            while true {
                if wake {
                    wakeUp.signal()
                    wake = false
                }
                switch work {
                case nil:
                    return
                case .prepare(let index):
                    let mail = prepare(index)
                    work = state.withLock { state in
                        wake = state.keep(mail, at: index)
                        return state.claim(waking: &wake)
                    }
                case .render(let job):
                    let row = RenderedRow(outboxID: job.outboxID, messageID: job.job.messageID, rendered: render(job.job))
                    work = state.withLock { state in
                        state.keep(row, of: job.sequence)
                        return state.claim(waking: &wake)
                    }
                }
            }
        }
    }
}
