import EscalationCore
import EscalationStore
import Foundation
import Logging
public import MailTransport
import Synchronization

extension Gateway {
    /// One cycle of the daemon: drain each mailbox, tick SLAs, send every outbox mail that is
    /// due (`dispatch` rounds until one sends nothing), and once an hour apply `[retention]`.
    /// The outbox is sent also when the inbox server is down, and the inbox drained when the
    /// outbox server is; the first error is thrown after both were tried. Once `stop` is
    /// requested, no further mail is begun or handed to the sink, and what is left waits for
    /// the next start (`InboxDrainer.drain`, `OutboxDispatcher.dispatch`).
    ///
    /// On a store several instances share, a mailbox is drained, and SLAs ticked, only by the
    /// instance holding its lease (`LeaseKeeper`), which each cycle renews; due outbox rows are
    /// sent by whichever instance claims them. There a cycle begins no further batch or dispatch
    /// round once it has run a fifth of the lease time (`StoreLease.checkInterval`): the rest
    /// waits for the next cycle, which then begins at once (`usedItsTime`), so that the leases
    /// are looked at, and those of an instance that died taken, within the lease time.
    public func cycle(mailboxes: [NamedMailSource], sink: any MailSink, until stop: StopRequest? = nil) throws -> [MailOutcome] {
        let start = DispatchTime.now().uptimeNanoseconds
        let deadline =
            store.isShared
            ? DispatchTime.now() + StoreLease.checkInterval(leaseSeconds: Double(config.leaseTime.seconds)) : nil
        defer { lastCycleUsedItsTime.store(deadline.map { DispatchTime.now() >= $0 } ?? false, ordering: .relaxed) }
        var outcomes: [MailOutcome] = []
        var drainFailure: (any Error)?
        for mailbox in mailboxes where stop?.isRequested != true {
            do {
                let claim = try leases.claim(LeaseKeeper.mailbox(mailbox.name))
                if case .heldElsewhere = claim { continue }
                outcomes += try drainer.drain(
                    mailbox.source, named: mailbox.name, lease: claim.lease, batchSize: config.batchSize, until: stop, deadline: deadline)
            } catch let lost as StoreLeaseLost {
                logger.warning("mailbox taken over by another instance mid-drain; its batch was not committed", metadata: ["error": "\(lost)"])
            } catch {
                drainFailure = drainFailure ?? error
            }
        }
        metrics.recordCycle(nanoseconds: DispatchTime.now().uptimeNanoseconds - start)
        if let drainFailure {
            inboxHealth.recordFailure(drainFailure)
            metrics.countCycle(succeeded: false)
        } else {
            inboxHealth.recordSuccess(at: clock())
            metrics.countCycle(succeeded: true)
        }
        let sent = Result {
            if stop?.isRequested == true { return }
            let timedWork = try leases.claim(LeaseKeeper.timedWork)
            if case .heldElsewhere = timedWork {} else { try slaTicker.tick(lease: timedWork.lease) }
            while try dispatcher.dispatch(to: sink, until: stop) > 0, stop?.isRequested != true, deadline.map({ DispatchTime.now() < $0 }) ?? true {}
            if stop?.isRequested == true { return }
            if case .heldElsewhere = timedWork {} else { try retention.applyIfDue() }
        }
        if let drainFailure { throw drainFailure }
        try sent.get()
        return outcomes
    }

    /// Whether the last cycle stopped for its time on a shared store (see `cycle`), leaving
    /// work for the next one to begin at once.
    public var usedItsTime: Bool { lastCycleUsedItsTime.load(ordering: .relaxed) }

    /// One cycle with `source` as the configured first mailbox (see `cycle(mailboxes:sink:until:)`).
    public func cycle(source: any MailSource, sink: any MailSink, until stop: StopRequest? = nil) throws -> [MailOutcome] {
        try cycle(mailboxes: [NamedMailSource(name: config.inbound[0].name, source: source)], sink: sink, until: stop)
    }

    /// Gives up this instance's leases, so that other instances sharing the store take its
    /// mailboxes over at once (a graceful stop).
    public func releaseLeases() {
        leases.releaseAll()
    }
}
