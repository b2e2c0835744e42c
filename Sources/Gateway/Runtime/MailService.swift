import EscalationCore
import EscalationStore
import Foundation
import Logging
public import MailTransport
public import ServiceLifecycle

/// `run`'s mail work as a service of its ServiceLifecycle group: cycles (drain the inbox, tick
/// SLAs, send the outbox, apply retention; `Gateway.cycle`) until the group shuts down, waiting
/// for new mail between them (IMAP IDLE where the source offers it, else the poll interval).
///
/// A graceful shutdown (SIGTERM, SIGINT) is honoured between mails: the mail in hand is
/// finished and committed with those before it, the committed ones are moved on their source,
/// and the rest of the batch stays there, unmoved and unmarked, for the next start; no further
/// outbox mail is handed to the sink. A wait between cycles ends at once.
/// A failed cycle is logged and tried again after a backoff (2 s doubled per failure, at most
/// 60 s); the loop never dies and never spins.
public struct MailService: Service {
    /// How long the service runs.
    public enum Mode: Sendable {
        /// Cycles until the group shuts down.
        case continuous
        /// One cycle, whose outcomes go to `report`; then the service returns.
        case once(report: @Sendable ([MailOutcome]) -> Void)
    }

    private let gateway: Gateway
    private let mailboxes: [NamedMailSource]
    private let sink: any MailSink
    private let mode: Mode

    /// The mail work of `gateway`: mail from each of `mailboxes`, replies to `sink`.
    public init(gateway: Gateway, mailboxes: [NamedMailSource], sink: any MailSink, mode: Mode = .continuous) {
        self.gateway = gateway
        self.mailboxes = mailboxes
        self.sink = sink
        self.mode = mode
    }

    /// The mail work of `gateway`: mail from `source` as its configured first mailbox, replies to `sink`.
    public init(gateway: Gateway, source: any MailSource, sink: any MailSink, mode: Mode = .continuous) {
        self.init(gateway: gateway, mailboxes: [NamedMailSource(name: gateway.config.inbound[0].name, source: source)], sink: sink, mode: mode)
    }

    /// Runs until the group shuts down (or, `once`, until the cycle is done), then gives up the
    /// leases it held so that other instances sharing the store take the work over at once.
    /// - Throws: in `once` mode, the cycle's first error.
    public func run() async throws {
        let stop = StopRequest()
        defer { gateway.releaseLeases() }
        try await withTaskCancellationOrGracefulShutdownHandler {
            switch mode {
            case .continuous: await cycles(until: stop)
            case .once(let report): report(try await cycle(until: stop))
            }
        } onCancelOrGracefulShutdown: {
            stop.request()
        }
    }

    private func cycle(until stop: StopRequest) async throws -> [MailOutcome] {
        try await onOwnThread { [gateway, mailboxes, sink] in try gateway.cycle(mailboxes: mailboxes, sink: sink, until: stop) }
    }

    private func cycles(until stop: StopRequest) async {
        var failures = 0
        while !stop.isRequested {
            do {
                _ = try await cycle(until: stop)
                failures = 0
            } catch {
                failures += 1
                gateway.logger.error("cycle failed", metadata: ["error": "\(error)", "cycle.failures": "\(failures)"])
            }
            if stop.isRequested { break }
            if failures == 0 {
                if gateway.usedItsTime { continue }
                await waitForNewMail(until: stop)
            } else {
                await pause(seconds: min(60, pow(2, Double(min(failures, 6)))))
            }
        }
    }

    /// Waits up to the poll interval for new mail: in the source where it can tell (a single
    /// mailbox), else asleep. On a shared store the wait is at most a fifth of the lease time
    /// (`StoreLease.checkInterval`), so that each cycle renews this instance's leases well
    /// before they expire and takes over those of an instance that died within the lease time.
    private func waitForNewMail(until stop: StopRequest) async {
        let poll = Double(gateway.config.pollInterval.seconds)
        let lease = Double(gateway.config.leaseTime.seconds)
        let seconds = gateway.store.isShared ? min(poll, StoreLease.checkInterval(leaseSeconds: lease)) : poll
        guard mailboxes.count == 1, let announcing = mailboxes[0].source as? any NewMailAnnouncing else { return await pause(seconds: seconds) }
        _ = try? await onOwnThread { announcing.waitForNewMail(seconds: seconds, shouldStop: { stop.isRequested }) }
    }

    /// Sleeps `seconds`, or less when the group shuts down or the task is cancelled.
    private func pause(seconds: Double) async {
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) }
    }
}
