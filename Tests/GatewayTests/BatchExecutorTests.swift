import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailComposing
import MailMessage
import MailTransport
import Synchronization
import Testing

@testable import Gateway

/// The batch executor's paths, each reached in an order the test decides: workers are
/// launched when the test says (`Workers`), and a worker's preparing or rendering waits at a
/// gate the test opens. Nothing waits for time to pass.
@Suite struct BatchExecutorTests {
    /// Worker loops held until the test launches them, each on a thread of its own marked as a worker's.
    final class Workers: Sendable {
        private static let mark = "batch-executor-test-worker"
        private let held = Mutex<[@Sendable () -> Void]>([])
        private let launched = Mutex(0)

        var isOnWorker: Bool { Thread.current.threadDictionary[Self.mark] != nil }
        var waiting: Int { held.withLock { $0.count } }
        var everLaunched: Int { launched.withLock { $0 } + waiting }

        func hold(_ worker: @escaping @Sendable () -> Void) {
            held.withLock { $0.append(worker) }
        }

        func launchHeld() {
            let workers = held.withLock { held in
                defer { held = [] }
                return held
            }
            launched.withLock { $0 += workers.count }
            for worker in workers {
                Thread {
                    Thread.current.threadDictionary[Self.mark] = true
                    worker()
                }
                .start()
            }
        }
    }

    /// What ran where, in order.
    final class Log: Sendable {
        private let entries = Mutex<[String]>([])

        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    private static func mail(_ index: Int) -> PreparedMail {
        let raw = "From: jane@acme.example\r\nSubject: mail \(index)\r\nMessage-ID: <\(index)@acme.example>\r\n\r\nHello\r\n"
        return PreparedMail(
            inbound: InboundMail(raw: Array(raw.utf8), mailbox: "test", position: String(index)), limits: ParseLimits(),
            gatewayAddress: EmailAddress("escalations@support.example")!)
    }

    private static func job(_ index: Int) -> RenderJob {
        let notice = Notice(.unknownSender, to: [EmailAddress("customer-\(index)@acme.example")!], source: nil)
        return RenderJob(
            notice: notice, messageID: "m\(index)@support.example", placement: ThreadPlacement(inReplyTo: nil, references: []), replyTo: nil,
            context: [:], extraHeaders: [], date: Date(timeIntervalSince1970: 1_795_000_000))
    }

    /// Renders a job, logging its Message-ID; on a worker, first signals `started` and waits
    /// for `gate`, so that the test decides when each worker rendering ends.
    private static func gatedRendering(
        workers: Workers, log: Log, started: DispatchSemaphore, gate: DispatchSemaphore
    ) -> @Sendable (RenderJob) -> RenderJob.Rendered {
        { job in
            if workers.isOnWorker {
                started.signal()
                gate.wait()
            }
            log.append(job.messageID)
            return rendering(job)
        }
    }

    private static func rendering(_ job: RenderJob) -> RenderJob.Rendered {
        RenderJob.Rendered(subject: job.messageID, body: OutboxBody(compressing: Array(job.messageID.utf8)), subjectStored: false)
    }

    @Test func theApplyingThreadPreparesAMailNoWorkerHasStartedAndTakesTheWorkersOthers() {
        let workers = Workers()
        let log = Log()
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        let positions = BatchExecutor.run(
            mails: 3, workers: 1,
            prepare: { index in
                log.append("prepare \(index) on \(workers.isOnWorker ? "worker" : "applying")")
                if workers.isOnWorker, index == 1 {
                    started.signal()
                    gate.wait()
                }
                return Self.mail(index)
            },
            render: { job in Self.rendering(job) }, launch: workers.hold,
            body: { batch in
                #expect(workers.waiting == 1, "the batch's one worker, not running yet")
                let first = batch.mail(at: 0)
                workers.launchHeld()
                started.wait()
                gate.signal()
                return [first, batch.mail(at: 1), batch.mail(at: 2)].map(\.inbound.position)
            }
        )
        #expect(positions == ["0", "1", "2"])
        #expect(log.all == ["prepare 0 on applying", "prepare 1 on worker", "prepare 2 on worker"])
    }

    @Test func renderingsAreTakenBetweenMailsAndAtTheEndEachRowOnce() {
        let workers = Workers()
        let log = Log()
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        var filled: [Int64] = []
        BatchExecutor.run(
            mails: 0, workers: 1, prepare: { Self.mail($0) },
            render: Self.gatedRendering(workers: workers, log: log, started: started, gate: gate),
            launch: workers.hold,
            body: { batch in
                for index in 0..<7 { batch.add(Self.job(index), outboxID: Int64(index)) }
                #expect(workers.everLaunched == 0, "fewer than eight jobs wait: no worker woken")
                batch.add(Self.job(7), outboxID: 7)
                #expect(workers.waiting == 1)
                workers.launchHeld()
                started.wait()
                gate.signal()
                started.wait()
                batch.takeRendered { filled.append($0.outboxID) }
                #expect(filled == [0], "the worker's first rendering, taken between mails")
                for index in 8..<12 { batch.add(Self.job(index), outboxID: Int64(index)) }
                #expect(workers.everLaunched == 1, "the one worker is busy: none more")
                for _ in 0..<12 { gate.signal() }
                batch.finish { filled.append($0.outboxID) }
            }
        )
        #expect(filled.sorted() == (0..<12).map { Int64($0) })
        #expect(log.all.sorted() == (0..<12).map { "m\($0)@support.example" }.sorted(), "each job rendered once")
    }

    @Test func aRollbackDropsJobsAlsoOnesAWorkerHasRenderedOrIsRendering() {
        let workers = Workers()
        let log = Log()
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        var filled: [String] = []
        BatchExecutor.run(
            mails: 0, workers: 1, prepare: { Self.mail($0) },
            render: Self.gatedRendering(workers: workers, log: log, started: started, gate: gate),
            launch: workers.hold,
            body: { batch in
                batch.add(Self.job(0), outboxID: 0)
                batch.add(Self.job(1), outboxID: 1)
                let mark = batch.jobMark
                for index in 2..<10 { batch.add(Self.job(index), outboxID: Int64(index)) }
                workers.launchHeld()
                for _ in 0..<3 {
                    started.wait()
                    gate.signal()
                }
                started.wait()
                // Jobs 0 to 2 are rendered, job 3 is in the worker's hands, 4 to 9 wait.
                batch.dropJobs(since: mark)
                // The rows rolled back free their ids; the rows written next take them again.
                batch.add(Self.job(10), outboxID: 2)
                batch.add(Self.job(11), outboxID: 3)
                for _ in 0..<12 { gate.signal() }
                batch.takeRendered { filled.append("\($0.outboxID) \($0.messageID)") }
                batch.finish { filled.append("\($0.outboxID) \($0.messageID)") }
            }
        )
        #expect(filled.sorted() == ["0 m0@support.example", "1 m1@support.example", "2 m10@support.example", "3 m11@support.example"])
        #expect(Set(log.all) == Set([0, 1, 2, 3, 10, 11].map { "m\($0)@support.example" }), "jobs 4 to 9 dropped before anyone rendered them")
    }

    @Test func withoutWorkersTheApplyingThreadDoesEverything() {
        let workers = Workers()
        let log = Log()
        var filled: [Int64] = []
        let positions = BatchExecutor.run(
            mails: 3, workers: 0,
            prepare: { index in
                log.append("prepare \(index)")
                return Self.mail(index)
            },
            render: { job in
                log.append("render \(job.messageID)")
                return Self.rendering(job)
            },
            launch: workers.hold,
            body: { batch in
                var positions: [String] = []
                for index in 0..<3 {
                    positions.append(batch.mail(at: index).inbound.position)
                    for job in 0..<10 { batch.add(Self.job(index * 10 + job), outboxID: Int64(index * 10 + job)) }
                    batch.takeRendered { filled.append($0.outboxID) }
                }
                #expect(filled.isEmpty, "nothing is rendered while mails are applied")
                batch.finish { filled.append($0.outboxID) }
                return positions
            }
        )
        #expect(workers.everLaunched == 0)
        #expect(positions == ["0", "1", "2"])
        #expect(filled == (0..<30).map { Int64($0) }, "rendered at the end, in order, on the applying thread")
        #expect(log.all == ["prepare 0", "prepare 1", "prepare 2"] + (0..<30).map { "render m\($0)@support.example" })
    }

    @Test func aFailedBatchHandsOutNothingAndReturnsOnceItsWorkersFinished() {
        struct TransactionFailed: Error {}
        let workers = Workers()
        let log = Log()
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        #expect(throws: TransactionFailed.self) {
            try BatchExecutor.run(
                mails: 0, workers: 1, prepare: { Self.mail($0) },
                render: { job in
                    log.append("start \(job.messageID)")
                    if job.messageID == "m0@support.example" {
                        started.signal()
                        gate.wait()
                    }
                    log.append("end \(job.messageID)")
                    return Self.rendering(job)
                },
                launch: workers.hold,
                body: { batch in
                    for index in 0..<8 { batch.add(Self.job(index), outboxID: Int64(index)) }
                    workers.launchHeld()
                    started.wait()
                    gate.signal()
                    throw TransactionFailed()
                }
            )
        }
        let entries = log.all
        #expect(entries.filter { $0.hasPrefix("start") }.count == entries.filter { $0.hasPrefix("end") }.count, "every rendering begun had ended")
        #expect(entries.contains("end m0@support.example"))
    }
}
