import EscalationStore
import Foundation
import Gateway
import GatewayBenchmarks
import GatewayTestSupport
import MailTransport
import Testing

/// Three instances of the real binary on one PostgreSQL database, with the real Dovecot and
/// Postfix, reading two mailboxes (a sender's mail always reaches the same one), while random
/// instances are SIGKILLed and restarted and the database server is restarted once: no mail is
/// lost or applied twice, every reply arrives, and a killed instance's mailbox is taken over by
/// another within its lease.
///
/// `EG_CLUSTER_MAILS` (default 1000), `EG_CLUSTER_KILLS` (default 20) and `EG_FAULT_SEED` set
/// the run; a failure prints the seed, and the same seed replays the same mails and kills.
@Suite(.serialized) struct ClusterFaultTests {
    /// The second mailbox's IMAP user (the first is the gateway's own address).
    static let regional = "regional@support.example"
    /// The lease of the run: short, so that twenty takeovers take a minute, not five.
    static let leaseSeconds = 3

    @Test func threeInstancesKilledAtRandomLoseNothingAndApplyNothingTwice() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let servers = try PrivateMailServers(), let url = environment["EG_POSTGRES_URL"], let state = environment["EG_POSTGRES_STATE"] else {
            #expect(environment["CI"] == nil, "missing in CI, where the mail servers and PostgreSQL must run")
            print("ClusterFaultTests skipped: the mail servers or PostgreSQL are not running (run Tests/scripts/test.sh)")
            return
        }
        let mails = environment["EG_CLUSTER_MAILS"].flatMap(Int.init) ?? 1000
        let kills = environment["EG_CLUSTER_KILLS"].flatMap(Int.init) ?? 20
        let seed = environment["EG_FAULT_SEED"].flatMap(UInt64.init) ?? UInt64(Date().timeIntervalSince1970) % 100_000
        print("ClusterFaultTests: \(mails) mails, \(kills) kills, seed \(seed) (EG_FAULT_SEED=\(seed) replays it)")

        let server = try PostgresLocation(url: url)
        let database = try PostgresScratchDatabase.create(on: server)
        defer { PostgresScratchDatabase.drop(database, through: server) }
        let clean = try FaultRun.cleanSnapshot(mails: mails, seed: seed)
        let world = try FaultWorld(transports: Self.transports(servers), postgres: database, lease: "\(Self.leaseSeconds)s")
        defer { world.remove() }
        let run = try FaultRun(servers: servers, world: world, mails: mails, seed: seed)
        let instances = (1...3).map { GatewayProcess(config: world.config, logName: "gateway-\($0).log") }
        defer { for instance in instances { instance.stop() } }
        for instance in instances { try instance.start() }
        let killer = ClusterKiller(instances: instances, store: world.store, postgresState: state, seed: seed, target: kills)

        var player = ConversationPlayer(mails: mails, seed: seed)
        try world.importDirectory(of: player)
        let users = [ConversationPlayer.gatewayAddress, Self.regional]
        try waitUntil(seconds: 60, "both mailboxes were opened") {
            users.allSatisfy { FileManager.default.fileExists(atPath: servers.maildir(of: $0).appendingPathComponent("new").path) }
        }
        killer.start()
        var delivered = 0
        try player.play(
            store: world.store, date: { FaultRun.mailDate },
            deliver: { wave in
                for mail in wave {
                    let user = users[PipelineBenchmark.mailbox(of: mail, among: users.count)]
                    try servers.drop(mail.raw, into: user, name: "\(seed)-\(mail.position)")
                }
                delivered += wave.count
                try waitUntil(seconds: 240, "\(delivered) mails applied") { try world.receiptCount() >= delivered }
            })
        killer.finish()
        for instance in instances where !instance.isRunning { try instance.start() }
        try waitUntil(seconds: 180, "every reply sent and delivered, both mailboxes empty") {
            try world.outbox().allSatisfy { $0.state != .pending } && servers.queuedMails() == 0
                && users.allSatisfy { FaultRun.files(in: servers.maildir(of: $0)).isEmpty }
        }
        for instance in instances { instance.stop() }

        let faulty = try world.snapshot(threads: player.threads)
        let replies = try run.replyCopies()
        let processed = users.reduce(0) { $0 + FaultRun.files(in: servers.maildir(of: $1).appendingPathComponent(".Processed")).count }
        let appliedTwice = faulty.journal.count - Set(faulty.journal).count
        let failovers = killer.failovers.sorted()
        let p50 = failovers.isEmpty ? 0 : failovers[(failovers.count - 1) / 2]
        print(
            """
            ClusterFaultTests (seed \(seed)), 3 instances, 2 mailboxes, lease \(Self.leaseSeconds) s:
            | kills | PostgreSQL restarts | mails | lost | applied twice | replies sent twice | failovers | within the lease | failover p50 | failover max |
            |---|---|---|---|---|---|---|---|---|---|
            | \(killer.kills) | \(killer.databaseRestarts) | \(mails) | \(mails - processed) | \(appliedTwice) | \(replies.extra) | \(failovers.count) \
            | \(failovers.filter { $0 <= Double(Self.leaseSeconds) }.count) \
            | \(String(format: "%.1f", p50)) s | \(String(format: "%.1f", failovers.last ?? 0)) s |
            replies checked \(replies.checked), lost \(replies.lost.count), copies delivered twice \(replies.deliveredTwice)
            """)
        #expect(killer.kills >= kills, "seed \(seed)")
        #expect(killer.databaseRestarts == 1, "seed \(seed)")
        #expect(processed == mails, "seed \(seed): every mail moved to Processed exactly once")
        #expect(faulty.receipts.count == mails && Set(faulty.receipts).count == mails, "seed \(seed)")
        #expect(appliedTwice == 0, "seed \(seed)")
        #expect(faulty.escalations == clean.escalations, "seed \(seed)")
        #expect(faulty.journal.sorted() == clean.journal.sorted(), "seed \(seed): the journal differs from the clean run's")
        #expect(faulty.receipts == clean.receipts, "seed \(seed)")
        #expect(faulty.outbox == clean.outbox, "seed \(seed): the replies differ from the clean run's")
        #expect(replies.lost.isEmpty, "seed \(seed): replies lost, e.g. \(replies.lost.prefix(5))")
        #expect(replies.extra <= killer.kills + killer.databaseRestarts, "seed \(seed): more replies twice than interruptions")
        #expect(!failovers.isEmpty, "seed \(seed): no lease holder was killed")
        #expect(killer.mailboxesLeftAlone == 0, "seed \(seed): a killed instance's mailbox was not taken over within 60 s")
    }

    /// Two IMAP mailboxes on the test's own Dovecot and Postfix for sending.
    static func transports(_ servers: PrivateMailServers) -> String {
        [ConversationPlayer.gatewayAddress, regional].enumerated().map { index, user in
            """
            [[inbound]]
            kind = "imap"
            name = "\(index == 0 ? "main" : "regional")"
            url = "imap://127.0.0.1:\(servers.imapPort)/INBOX"
            user = "\(user)"
            password_env = "EG_TEST_PASSWORD"
            ca_file = "\(servers.caFile)"
            \(index == 0 ? "poll_interval = \"1s\"" : "")

            """
        }.joined() + FaultRun.outbound(servers)
    }
}

/// Kills a random running instance with SIGKILL at seeded random moments and starts it again at
/// once; when the killed instance held a mailbox's lease, measures how long until another
/// instance holds it (`failovers`). Halfway, the database server is restarted once instead.
final class ClusterKiller: @unchecked Sendable {
    private let instances: [GatewayProcess]
    private let store: Store
    private let postgresState: String
    private let target: Int
    private var random: UInt64
    private let lock = NSLock()
    private var finishing = false
    private var count = 0
    private var restarts = 0
    private var measured: [Double] = []
    private var leftAlone = 0
    private let done = DispatchSemaphore(value: 0)

    init(instances: [GatewayProcess], store: Store, postgresState: String, seed: UInt64, target: Int) {
        self.instances = instances
        self.store = store
        self.postgresState = postgresState
        self.target = target
        random = seed &* 6_364_136_223_846_793_005 &+ 7
    }

    var kills: Int { lock.withLock { count } }
    var databaseRestarts: Int { lock.withLock { restarts } }
    /// Seconds from a lease holder's kill until another instance held its lease.
    var failovers: [Double] { lock.withLock { measured } }
    /// Leases of killed instances nobody took over within 60 s. The failover times themselves
    /// are printed, not checked: the machines the tests run on are shared and their timing noisy.
    var mailboxesLeftAlone: Int { lock.withLock { leftAlone } }

    func start() {
        Thread.detachNewThread { [self] in
            while !(lock.withLock { finishing && count >= target }) {
                Thread.sleep(forTimeInterval: 0.3 + unit() * 1.2)
                if lock.withLock({ restarts == 0 && count == target / 2 }) {
                    _ = try? PrivateMailServers.shell([
                        "/bin/bash", TestWorkspace.repository.appendingPathComponent("Tests/postgres/restart.sh").path, postgresState,
                    ])
                    lock.withLock { restarts += 1 }
                }
                let instance = instances[Int(unit() * Double(instances.count)) % instances.count]
                guard let pid = instance.processIdentifier else { continue }
                let held = ((try? store.leaseHolders()) ?? [:]).filter { $0.key.hasPrefix("mailbox:") && $0.value.contains("/\(pid)/") }
                let killed = Date()
                instance.kill9()
                try? instance.start()
                lock.withLock { count += 1 }
                for (lease, owner) in held {
                    let seconds = takeover(of: lease, from: owner, since: killed)
                    lock.withLock {
                        if let seconds { measured.append(seconds) } else { leftAlone += 1 }
                    }
                }
            }
            done.signal()
        }
    }

    /// Waits until the target number of kills was reached; every instance is left as it is.
    func finish() {
        lock.withLock { finishing = true }
        done.wait()
    }

    /// Seconds from `since` until `lease` is held by someone other than `owner` (nil after 60 s).
    private func takeover(of lease: String, from owner: String, since: Date) -> Double? {
        while Date().timeIntervalSince(since) < 60 {
            if let holder = try? store.leaseHolders()[lease], holder != owner { return Date().timeIntervalSince(since) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    /// A number in [0, 1) from the seed.
    private func unit() -> Double {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(random >> 11) / Double(1 << 53)
    }
}
