import Foundation
public import MailTransport

extension Gateway {
    /// One cycle of the daemon: drain the inbox, tick SLAs, send every outbox mail that is due
    /// (`dispatch` rounds until one sends nothing), and once an hour apply `[retention]`. The
    /// outbox is sent also when the inbox server is down, and the inbox drained when the outbox
    /// server is; the first error is thrown after both were tried. Once
    /// `stop` is requested, no further mail is begun or handed to the sink, and what is left
    /// waits for the next start (`InboxDrainer.drain`, `OutboxDispatcher.dispatch`).
    public func cycle(source: any MailSource, sink: any MailSink, until stop: StopRequest? = nil) throws -> [MailOutcome] {
        let start = DispatchTime.now().uptimeNanoseconds
        let drained = Result { try drainer.drain(source, batchSize: config.batchSize, until: stop) }
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
            if stop?.isRequested == true { return }
            try slaTicker.tick()
            while try dispatcher.dispatch(to: sink, until: stop) > 0, stop?.isRequested != true {}
            if stop?.isRequested == true { return }
            try retention.applyIfDue()
        }
        let outcomes = try drained.get()
        try sent.get()
        return outcomes
    }
}
