import EscalationStore
import Foundation
import MailTransport
import ServiceLifecycleTestKit
import Testing

@testable import Gateway

/// A stop asked for while mail is being applied (`run`'s graceful shutdown on SIGTERM or SIGINT)
/// finishes and commits the mail in hand, moves what committed, and leaves the rest on its
/// source, unmoved, for the next start; applied later, the rest ends where a run without the
/// stop ends, no mail applied twice. Directory transports, no mail servers.
@Suite struct GracefulStopTests {
    static let seed: UInt64 = 2727
    static let mails = 40

    /// A world whose inbox folder holds the opening wave of `mails` mails, as files in the wave's order.
    private static func world(batchSize: Int = 50, mails: Int = mails) throws -> (world: FaultWorld, wave: OpeningWave, inbox: DirectorySource) {
        let world = try FaultWorld(transports: FaultWorld.directoryTransports(), batchSize: batchSize)
        let wave = try OpeningWave(count: mails, seed: seed, world: world)
        let inbox = try DirectorySource(folder: world.folder.appendingPathComponent("inbox"))
        for (index, mail) in wave.mails.enumerated() {
            try Data(mail.raw).write(to: inbox.folder.appendingPathComponent(String(format: "%04d.eml", index)))
        }
        return (world, wave, inbox)
    }

    private static func files(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }.sorted()
    }

    @Test func aStopMidBatchCommitsTheMailInHandAndBeginsNoOther() throws {
        let (world, wave, _) = try Self.world()
        defer { world.remove() }
        let gateway = try world.gateway()
        let stop = StopRequest()
        let results = try gateway.processBatch(wave.mails, until: stop) { index, _ in
            if index == 6 { stop.request() }
        }
        #expect(results.count == 7, "the mail in hand (the seventh) is finished, no other begun")
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: Array(wave.mails.prefix(7))))

        let rest = try gateway.processBatch(Array(wave.mails.dropFirst(7)))
        #expect(rest.count == Self.mails - 7)
        #expect(!rest.contains { (try? $0.get().outcome) == .duplicate }, "the rest was not applied before")
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails), "as if never stopped")
    }

    @Test func drainSettlesWhatCommittedAndLeavesTheRestUnmoved() throws {
        let (world, wave, inbox) = try Self.world()
        defer { world.remove() }
        let gateway = try world.gateway()
        let stop = StopRequest()
        let source = SettleWatchingSource(inbox) { if $0 == 1 { stop.request() } }
        let outcomes = try gateway.drain(source, batchSize: 10, until: stop)
        #expect(outcomes.count == 10, "the batch that committed is settled whole; no other batch is fetched")
        #expect(try Self.files(in: inbox.folder.appendingPathComponent("processed")) == (0..<10).map { String(format: "%04d.eml", $0) })
        #expect(try Self.files(in: inbox.folder) == (10..<Self.mails).map { String(format: "%04d.eml", $0) })
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: Array(wave.mails.prefix(10))))

        let afterwards = try gateway.drain(inbox, batchSize: 10)
        #expect(afterwards.count == Self.mails - 10)
        #expect(!afterwards.contains { $0.outcome == .duplicate })
        #expect(try Self.files(in: inbox.folder).isEmpty)
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails))
    }

    @Test func aLargeBatchCommitsInPiecesSoAStopWaitsForOnePieceAtMost() throws {
        let piece = InboxDrainer.mailsPerCommit
        let count = piece * 2 + 7
        let (world, wave, inbox) = try Self.world(mails: count)
        defer { world.remove() }
        let gateway = try world.gateway()
        let stop = StopRequest()
        let source = SettleWatchingSource(inbox) { if $0 == 1 { stop.request() } }
        let outcomes = try gateway.drain(source, batchSize: count, until: stop)
        #expect(outcomes.count == piece, "the first piece committed and moved, the rest of the batch not begun")
        #expect(try Self.files(in: inbox.folder).count == count - piece)
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: Array(wave.mails.prefix(piece))))

        let afterwards = try gateway.drain(inbox, batchSize: count)
        #expect(afterwards.count == count - piece)
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails))
    }

    @Test(.timeLimit(.minutes(1))) func theMailServiceReturnsAfterTheMailInHandOnGracefulShutdown() async throws {
        let (world, wave, inbox) = try Self.world(batchSize: 10)
        defer { world.remove() }
        let gateway = try world.gateway()
        let sink = try DirectorySink(folder: world.folder.appendingPathComponent("outbox"))
        try await testGracefulShutdown { trigger in
            let source = SettleWatchingSource(inbox) { if $0 == 1 { trigger.triggerGracefulShutdown() } }
            try await MailService(gateway: gateway, source: source, sink: sink).run()
        }
        #expect(try Self.files(in: inbox.folder.appendingPathComponent("processed")).count == 10)
        #expect(try Self.files(in: inbox.folder).count == Self.mails - 10)
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: Array(wave.mails.prefix(10))))
        let outbox = try world.outbox()
        #expect(!outbox.isEmpty && outbox.allSatisfy { $0.state == .pending }, "no further mail handed to the sink once stopping")
    }

    @Test(.timeLimit(.minutes(1))) func runOnceAppliesTheWholeInboxAndSendsWhatIsDue() async throws {
        let (world, wave, inbox) = try Self.world(batchSize: 7)
        defer { world.remove() }
        let gateway = try world.gateway()
        let sink = try DirectorySink(folder: world.folder.appendingPathComponent("outbox"))
        let reported = ReportedOutcomes()
        try await MailService(gateway: gateway, source: inbox, sink: sink, mode: .once(report: reported.set)).run()
        #expect(reported.outcomes.count == Self.mails)
        #expect(try Self.files(in: inbox.folder).isEmpty)
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails))
        let outbox = try world.outbox()
        #expect(!outbox.isEmpty && outbox.allSatisfy { $0.state == .sent })
    }
}

/// A source that tells `settled` how many mails it has settled so far, after each one.
private final class SettleWatchingSource: MailSource, @unchecked Sendable {
    private let inner: any MailSource
    private let settled: (Int) -> Void
    private let lock = NSLock()
    private var count = 0

    init(_ inner: any MailSource, settled: @escaping (Int) -> Void) {
        self.inner = inner
        self.settled = settled
    }

    func fetch(limit: Int) throws -> [InboundMail] { try inner.fetch(limit: limit) }

    func settle(_ mail: InboundMail, as settlement: Settlement) throws {
        try inner.settle(mail, as: settlement)
        settled(
            lock.withLock {
                count += 1
                return count
            })
    }
}

/// The outcomes `run --once` reported.
private final class ReportedOutcomes: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [MailOutcome] = []

    var outcomes: [MailOutcome] { lock.withLock { stored } }

    func set(_ outcomes: [MailOutcome]) { lock.withLock { stored = outcomes } }
}
