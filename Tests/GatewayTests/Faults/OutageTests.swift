import EscalationStore
import Foundation
import Gateway
import GatewayBenchmarks
import Testing

/// Servers vanishing under the real binary while it works through generated conversations:
/// each outage is logged with its cause, the gateway backs off and recovers by itself, and the
/// final outcome equals a clean run's, with every reply in its recipient's mailbox once.
@Suite(.serialized) struct OutageTests {
    static let mails = 60
    static let seed: UInt64 = 4242

    /// Plays the conversations with `outage` running beside them on another thread (after
    /// `before`, which runs before the gateway starts), waits until all is settled, and checks the
    /// outcome against the clean run. `sessionsCut` is how many
    /// times the outage ends open SMTP sessions: a mail the server took whose 250 the cut
    /// swallowed is sent again (the SMTP window), so at most that many replies may come twice.
    /// Returns the gateway's log.
    private func playThrough(
        _ name: String, sessionsCut: Int = 0, before: (PrivateMailServers) throws -> Void = { _ in },
        outage: @escaping @Sendable (PrivateMailServers, FaultWorld) throws -> Void
    ) throws -> [String] {
        let servers = try #require(try PrivateMailServers(), "the mail servers are not running: run Tests/scripts/test.sh")
        let clean = try FaultRun.cleanSnapshot(mails: Self.mails, seed: Self.seed)
        let run = try FaultRun(servers: servers, mails: Self.mails, seed: Self.seed)
        defer { run.world.remove() }
        let gateway = GatewayProcess(config: run.world.config)
        defer { gateway.stop() }
        try before(servers)
        let outageDone = DispatchSemaphore(value: 0)
        let outageError = ErrorBox()
        let world = run.world
        Thread.detachNewThread {
            do { try outage(servers, world) } catch { outageError.set(error) }
            outageDone.signal()
        }
        defer {
            let notable = gateway.logLines().filter { $0.contains("error") || $0.contains("warning") || $0.contains("crashed") }
            print(
                "OutageTests \(name): \(notable.count) warnings and errors logged, e.g.\n  "
                    + (notable.prefix(3) + notable.suffix(2)).joined(separator: "\n  "))
        }
        let player = try run.play(gateway: gateway, waitApplied: 150)
        outageDone.wait()
        if let error = outageError.error { throw error }
        try run.waitSettled(seconds: 150)
        gateway.stop()
        let recovered = try run.world.snapshot(threads: player.threads)
        let replies = try run.replyCopies()
        print(
            "OutageTests \(name): mails \(Self.mails), replies checked \(replies.checked), lost \(replies.lost.count), sent twice \(replies.extra), copies delivered twice \(replies.deliveredTwice)"
        )
        #expect(recovered == clean, "\(name): the outcome differs from the clean run's")
        #expect(replies.lost.count == 0, "\(name): replies lost, e.g. \(replies.lost.prefix(3))")
        #expect(replies.extra <= sessionsCut, "\(name): replies sent twice")
        #expect(replies.unlogged == 0, "\(name): sent mail missing from Postfix's log")
        #expect(FaultRun.files(in: servers.maildir(of: ConversationPlayer.gatewayAddress)).isEmpty)
        return gateway.logLines()
    }

    @Test func imapServerStoppedForThirtySecondsMidBatch() throws {
        let log = try playThrough(
            "IMAP down 30 s",
            outage: { servers, world in
                let store = world.store
                try waitUntil(seconds: 60, "the gateway working through the first wave") { try store.read { try $0.receiptOutcomes().count } >= 5 }
                try servers.stopIMAP()
                Thread.sleep(forTimeInterval: 30)
                try servers.startIMAP()
            })
        #expect(log.contains { $0.contains("cycle failed") && $0.localizedCaseInsensitiveContains("connect") }, "the outage is logged with its cause")
    }

    @Test func smtpServerDownForSixtySecondsWhileRepliesAreQueued() throws {
        let log = try playThrough(
            "SMTP down 60 s", sessionsCut: 1,
            outage: { servers, _ in
                try servers.stopSMTP()
                Thread.sleep(forTimeInterval: 60)
                try servers.startSMTP()
            })
        #expect(
            log.contains { $0.contains("delivery failed") && $0.localizedCaseInsensitiveContains("connect") }, "the outage is logged with its cause")
    }

    /// The server answers with the code from before the gateway's first reply: a gateway quick
    /// enough to send every reply before a code set beside it took effect would meet none.
    @Test(arguments: ["421 4.3.2 Service shutting down, try later", "451 4.3.0 Temporary lookup failure"])
    func smtpServerAnsweringTemporaryErrorsForAWhile(_ reply: String) throws {
        let log = try playThrough(
            "SMTP answering \(reply.prefix(3))", sessionsCut: 2, before: { servers in try servers.answerEveryClient(with: reply) },
            outage: { servers, world in
                Thread.sleep(forTimeInterval: 15)
                try waitUntil(seconds: 60, "the gateway meeting the \(reply.prefix(3))") {
                    try String(contentsOf: world.folder.appendingPathComponent("gateway.log"), encoding: .utf8).contains(reply.prefix(3) + " ")
                }
                try servers.answerEveryClient(with: nil)
            })
        #expect(
            log.contains { $0.contains("delivery failed") && $0.contains(String(reply.prefix(3))) },
            "the reply code is logged: \(log.filter { $0.contains("delivery failed") }.prefix(2))")
    }
}

/// The first error of another thread.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    var error: (any Error)? { lock.withLock { stored } }

    func set(_ error: any Error) { lock.withLock { stored = stored ?? error } }
}
