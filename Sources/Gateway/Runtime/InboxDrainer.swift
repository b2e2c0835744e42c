import EscalationCore
import EscalationStore
import Foundation
import Logging
import MailTransport

/// Takes the inbound source's mail to `MailProcessor` batch by batch and settles each mail on
/// its source once its transaction committed: moved to Processed (or Failed, with its reason),
/// or left where it is for the next attempt.
struct InboxDrainer: Sendable {
    let processor: MailProcessor
    let metrics: GatewayMetrics
    let logger: Logger

    /// The most mails of a fetched batch applied in one transaction and then moved on their
    /// source. A stop waits for at most this many to be committed and moved, so how long `run`
    /// takes to stop does not grow with `batch_size`.
    static let mailsPerCommit = 100

    /// Processes each fetched batch in transactions of up to `mailsPerCommit` mails and settles
    /// each mail on its source after its commit. A mail whose processing throws (a database
    /// fault) stays unsettled and is tried again; once it has failed `[limits] max_attempts`
    /// times it is moved to Failed with its reason (`processBatch`), so that no mail blocks the
    /// inbox. Once `stop` is requested, the mail in hand is finished and committed, the mails
    /// committed are settled, and the rest of the batch stays on its source, unmoved, for the
    /// next fetch. `name`, when given, is what the mail is recorded under (`NamedMailSource`);
    /// `lease`, when given, is renewed by every transaction, and a lost one ends the drain with
    /// `StoreLeaseLost`, nothing of its batch committed or settled. Past `deadline`, no further
    /// batch is fetched: the rest waits for the next cycle (`Gateway.cycle` on a shared store).
    func drain(
        _ source: any MailSource, named name: String? = nil, lease: StoreLease? = nil, batchSize: Int, until stop: StopRequest? = nil,
        deadline: DispatchTime? = nil
    ) throws -> [MailOutcome] {
        var outcomes: [MailOutcome] = []
        while stop?.isRequested != true, deadline.map({ DispatchTime.now() < $0 }) ?? true {
            let batch = try source.fetch(limit: batchSize).map { mail in
                guard let name else { return mail }
                var named = mail
                named.mailbox = name
                return named
            }
            if batch.isEmpty { break }
            metrics.recordBatch(size: batch.count)
            var applied = 0
            var stuck = 0
            while applied < batch.count, stop?.isRequested != true {
                let piece = Array(batch[applied..<min(batch.count, applied + Self.mailsPerCommit)])
                let results = try applyAndSettle(piece, on: source, lease: lease, until: stop, into: &outcomes)
                applied += results.count
                stuck += results.filter { if case .failure = $0 { true } else { false } }.count
                if results.count < piece.count { break }
            }
            if applied < batch.count {
                logger.notice(
                    "stopping: the rest of the batch stays on its source",
                    metadata: ["batch.applied": "\(applied)", "batch.left": "\(batch.count - applied)"])
                break
            }
            if stuck == batch.count { break }
            if batch.count < batchSize { break }
        }
        return outcomes
    }

    /// Applies `piece` in one transaction, then settles each mail that committed on `source` and
    /// adds its outcome; returns the results, which cover only the piece's first mails when
    /// `stop` was requested meanwhile.
    private func applyAndSettle(
        _ piece: [InboundMail], on source: any MailSource, lease: StoreLease?, until stop: StopRequest?, into outcomes: inout [MailOutcome]
    ) throws -> [Result<MailOutcome, any Error>] {
        let timings = MailTimings(count: piece.count)
        let results = try processor.processBatch(piece, lease: lease, until: stop) { index, nanoseconds in
            timings.nanoseconds[index] = nanoseconds
            self.metrics.recordApply(nanoseconds: nanoseconds)
        }
        for (index, (inbound, result)) in zip(piece, results).enumerated() {
            guard case .success(var outcome) = result else {
                if case .failure(let error) = result {
                    logger.error(
                        "mail left on its source for the next attempt", metadata: ["mail.position": "\(inbound.position)", "error": "\(error)"])
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
        return results
    }
}

/// Each mail's processing time in a batch, by position, as `processBatch` reports it.
private final class MailTimings {
    var nanoseconds: [UInt64]

    init(count: Int) { nanoseconds = Array(repeating: 0, count: count) }
}
