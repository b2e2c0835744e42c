import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import GatewayTestSupport
import MailTransport
import Testing

/// A sink that answers 451 (temporary) a number of times, then accepts.
final class FlakySink: MailSink, @unchecked Sendable {
    private let lock = NSLock()
    private var failuresLeft: Int
    private(set) var accepted: [String] = []

    init(failures: Int) { failuresLeft = failures }

    func deliver(_ envelope: Envelope) throws -> [RefusedRecipient] {
        lock.lock()
        defer { lock.unlock() }
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw DeliveryError(permanent: false, message: "451 4.3.0 try again later")
        }
        accepted.append(envelope.messageID)
        return []
    }
}

@Suite struct OutboxRetryTests {
    @Test func temporaryFailuresAreRetriedWithBackoffAndSentOnce() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        _ = try workspace.gateway(clock: { clock.now() }).importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway(clock: { clock.now() })
        _ = try gateway.process(InboundMail(raw: try workspace.sample("06-unknown-sender/01-stranger-asks.eml"), mailbox: "t", position: "1"))
        let sink = FlakySink(failures: 2)

        #expect(try gateway.dispatch(to: sink) == 0)
        var row = try #require(try gateway.outbox().first)
        #expect(row.state == .pending && row.attempts == 1 && row.lastError?.hasPrefix("451") == true)
        #expect(try gateway.dispatch(to: sink) == 0, "retried before its backoff ran out")
        #expect(try gateway.outbox().first?.attempts == 1)

        clock.advance(by: 31)
        #expect(try gateway.dispatch(to: sink) == 0)
        row = try #require(try gateway.outbox().first)
        #expect(row.attempts == 2)
        clock.advance(by: 31)
        #expect(try gateway.dispatch(to: sink) == 0, "the second backoff is 60 s")
        clock.advance(by: 30)
        #expect(try gateway.dispatch(to: sink) == 1)
        #expect(try gateway.outbox().first?.state == .sent)
        #expect(sink.accepted.count == 1)
        #expect(try gateway.dispatch(to: sink) == 0)
    }
}
