import EscalationCore
import EscalationStore
import Foundation
import Logging
public import MailTransport

extension Gateway {
    /// Processes each fetched batch in one transaction and settles each mail on its source after
    /// the commit. A mail whose processing throws (a database fault) stays unsettled and is
    /// tried again; once it has failed `[limits] max_attempts` times it is moved to Failed with
    /// its reason (`processBatch`), so that no mail blocks the inbox.
    public func drain(_ source: any MailSource, batchSize: Int) throws -> [MailOutcome] {
        var outcomes: [MailOutcome] = []
        while true {
            let batch = try source.fetch(limit: batchSize)
            if batch.isEmpty { break }
            var stuck = 0
            metrics.recordBatch(size: batch.count)
            let timings = MailTimings(count: batch.count)
            let results = try processBatch(batch) { index, nanoseconds in
                timings.nanoseconds[index] = nanoseconds
                self.metrics.recordApply(nanoseconds: nanoseconds)
            }
            for (index, (inbound, result)) in zip(batch, results).enumerated() {
                guard case .success(var outcome) = result else {
                    stuck += 1
                    if case .failure(let error) = result {
                        logger.error("mail left on its source for the next attempt", metadata: ["mail.position": "\(inbound.position)", "error": "\(error)"])
                    }
                    continue
                }
                outcome.file = inbound.position
                FaultPoint.beforeMove.reach()
                try source.settle(inbound, as: outcome.outcome == .failed ? .failed(reason: outcome.reason) : .processed)
                metrics.count(outcome)
                if logger.logLevel <= .info { logProcessed(outcome, nanoseconds: timings.nanoseconds[index]) }
                outcomes.append(outcome)
            }
            if stuck == batch.count { break }
            if batch.count < batchSize { break }
        }
        return outcomes
    }

    /// One cycle of the daemon: drain the inbox, tick SLAs, send the outbox, and once an hour
    /// apply `[retention]`. The outbox is sent also when the inbox server is down, and the inbox
    /// drained when the outbox server is; the first error is thrown after both were tried.
    public func cycle(source: any MailSource, sink: any MailSink) throws -> [MailOutcome] {
        let start = DispatchTime.now().uptimeNanoseconds
        let drained = Result { try drain(source, batchSize: config.batchSize) }
        metrics.recordCycle(nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        switch drained {
        case .success:
            inboxHealth.recordSuccess(at: clock())
            metrics.countCycle(succeeded: true)
        case .failure(let error):
            inboxHealth.recordFailure(error)
            metrics.countCycle(succeeded: false)
        }
        let sent = Result {
            try tickSLAs()
            try dispatch(to: sink)
            try applyRetentionIfDue()
        }
        let outcomes = try drained.get()
        try sent.get()
        return outcomes
    }

    /// Runs cycles until `shouldStop` says so, waiting for new mail between them (IMAP IDLE where
    /// the server offers it, else the poll interval).
    /// Errors are logged and retried after a backoff (2 s doubled per failure, at most 60 s); the loop never dies and never spins.
    public func run(source: any MailSource, sink: any MailSink, shouldStop: @Sendable () -> Bool) {
        var failures = 0
        while !shouldStop() {
            do {
                _ = try cycle(source: source, sink: sink)
                failures = 0
            } catch {
                failures += 1
                logger.error("cycle failed", metadata: ["error": "\(error)", "cycle.failures": "\(failures)"])
            }
            if failures == 0 {
                source.waitForNewMail(seconds: Double(config.pollInterval.seconds), shouldStop: shouldStop)
            } else {
                let until = Date().addingTimeInterval(min(60, pow(2, Double(min(failures, 6)))))
                while !shouldStop(), Date() < until { Thread.sleep(forTimeInterval: 0.2) }
            }
        }
    }
}

/// Each mail's processing time in a batch, by position, as `processBatch` reports it.
private final class MailTimings {
    var nanoseconds: [UInt64]

    init(count: Int) { nanoseconds = Array(repeating: 0, count: count) }
}
