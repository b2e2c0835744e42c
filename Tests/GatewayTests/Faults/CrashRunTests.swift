import Foundation
@_spi(Testing) import Gateway
import GatewayBenchmarks
import Testing

/// The real binary, against its own Dovecot and Postfix, SIGKILLed at random moments (seeded)
/// while it works through generated conversations (requests, approvals, rejections,
/// re-escalations, comments, severity and trend changes, de-escalations, auto-replies), and
/// restarted each time; the first restarts arm each fault point, so that every window of the
/// exactly-once design is hit against the real servers, not only by chance.
///
/// `EG_FAULT_MAILS` (default 300), `EG_FAULT_KILLS` (default 30) and `EG_FAULT_SEED` set the run;
/// a failure prints the seed, and the same seed replays the same mails and kill schedule.
@Suite(.serialized) struct CrashRunTests {
    @Test func killedAtRandomMomentsItLosesNothingAndAppliesNothingTwice() throws {
        guard let servers = try PrivateMailServers() else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("CrashRunTests skipped: the mail servers are not installed (run Tests/scripts/test.sh)")
            return
        }
        let environment = ProcessInfo.processInfo.environment
        let mails = environment["EG_FAULT_MAILS"].flatMap(Int.init) ?? 300
        let kills = environment["EG_FAULT_KILLS"].flatMap(Int.init) ?? 30
        let seed = environment["EG_FAULT_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970) % 100_000
        print("CrashRunTests: \(mails) mails, \(kills) kills, seed \(seed) (EG_FAULT_SEED=\(seed) replays it)")

        let clean = try FaultRun.cleanSnapshot(mails: mails, seed: seed)
        let run = try FaultRun(servers: servers, mails: mails, seed: seed)
        defer { run.world.remove() }
        let gateway = GatewayProcess(config: run.world.config)
        defer { gateway.stop() }
        let killer = Killer(gateway: gateway, seed: seed, target: kills)
        killer.start()
        let player = try run.play(gateway: gateway)
        killer.finish()
        if !gateway.isRunning { try gateway.start() }
        try run.waitSettled()
        gateway.stop()

        let faulty = try run.world.snapshot(threads: player.threads)
        let replies = try run.replyCopies()
        let inboxLeft = FaultRun.files(in: servers.maildir(of: ConversationPlayer.gatewayAddress)).count
        let processed = FaultRun.files(in: run.gatewayFolder("Processed")).count
        let appliedTwice = faulty.journal.count - Set(faulty.journal).count
        print(
            "CrashRunTests (seed \(seed)): kills survived \(killer.kills) (\(FaultPoint.allCases.count) of them at armed fault points), "
                + "mails \(mails), lost \(mails - processed), applied twice \(appliedTwice), replies checked \(replies.checked), "
                + "replies lost \(replies.lost.count), replies sent twice \(replies.extra), copies delivered twice \(replies.deliveredTwice)")
        #expect(killer.kills >= kills, "seed \(seed)")
        #expect(inboxLeft == 0, "seed \(seed): mail left unprocessed in the INBOX")
        #expect(processed == mails, "seed \(seed): every mail moved to Processed exactly once")
        #expect(faulty.receipts.count == mails && Set(faulty.receipts).count == mails, "seed \(seed)")
        #expect(faulty.escalations == clean.escalations, "seed \(seed)")
        #expect(faulty.journal == clean.journal, "seed \(seed): the journal differs from the clean run's")
        #expect(faulty.receipts == clean.receipts, "seed \(seed)")
        #expect(faulty.outbox == clean.outbox, "seed \(seed): the replies differ from the clean run's")
        #expect(replies.lost.count == 0, "seed \(seed): replies lost, e.g. \(replies.lost.prefix(5))")
        #expect(replies.extra <= killer.kills, "seed \(seed): more replies twice than kills")
        #expect(replies.unlogged == 0, "seed \(seed): sent mail missing from Postfix's log")
    }
}

/// Kills the gateway with SIGKILL at seeded random moments and restarts it, until told to
/// finish and at least `target` kills happened. The first restarts arm the fault points in turn.
final class Killer: @unchecked Sendable {
    private let gateway: GatewayProcess
    private let target: Int
    private var random: UInt64
    private let lock = NSLock()
    private var finishing = false
    private var count = 0
    private let done = DispatchSemaphore(value: 0)

    init(gateway: GatewayProcess, seed: UInt64, target: Int) {
        self.gateway = gateway
        self.target = target
        random = seed &* 6_364_136_223_846_793_005 &+ 1
    }

    var kills: Int { lock.withLock { count } }

    func start() {
        Thread.detachNewThread { [self] in
            while !(lock.withLock { finishing && count >= target }) {
                Thread.sleep(forTimeInterval: nextInterval())
                guard gateway.starts > 0 else { continue }
                gateway.kill9()
                let kills = lock.withLock {
                    count += 1
                    return count
                }
                let points = FaultPoint.allCases
                try? gateway.start(crashAt: kills <= points.count ? points[kills - 1].rawValue : nil)
            }
            done.signal()
        }
    }

    /// Waits until the target number of kills was reached; the gateway is left running.
    func finish() {
        lock.withLock { finishing = true }
        done.wait()
    }

    /// 0.15 to 1.2 s, from the seed.
    private func nextInterval() -> Double {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return 0.15 + Double(random >> 11) / Double(1 << 53) * 1.05
    }
}
