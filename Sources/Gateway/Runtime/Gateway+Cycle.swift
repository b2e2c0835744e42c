import EscalationStore
import Foundation
import Logging
public import MailTransport

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
    /// sent by whichever instance claims them.
    public func cycle(mailboxes: [NamedMailSource], sink: any MailSink, until stop: StopRequest? = nil) throws -> [MailOutcome] {
        let start = DispatchTime.now().uptimeNanoseconds
        var outcomes: [MailOutcome] = []
        var drainFailure: (any Error)?
        for mailbox in mailboxes where stop?.isRequested != true {
            do {
                let claim = try leases.claim(LeaseKeeper.mailbox(mailbox.name))
                if case .heldElsewhere = claim { continue }
                outcomes += try drainer.drain(mailbox.source, named: mailbox.name, lease: claim.lease, batchSize: config.batchSize, until: stop)
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
            while try dispatcher.dispatch(to: sink, until: stop) > 0, stop?.isRequested != true {}
            if stop?.isRequested == true { return }
            if case .heldElsewhere = timedWork {} else { try retention.applyIfDue() }
        }
        if let drainFailure { throw drainFailure }
        try sent.get()
        return outcomes
    }

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
