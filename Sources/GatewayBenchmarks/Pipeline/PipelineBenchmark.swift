import EscalationCore
public import EscalationStore
public import Foundation
import Gateway
import GatewayDemo
import Logging
public import MailTransport

/// `bench pipeline`: generates a directory and N inbound mails forming whole conversations,
/// then runs the real in-process pipeline over them (parse → understand → core → compose →
/// SQLite, one commit per batch) and, separately, dispatches the outbox to a directory sink.
///
/// Replies answer the gateway's real mail (its Reply-To with the approver's token, its
/// Message-ID, its quoted text), so conversations advance in waves: each wave holds the next
/// mail of every open conversation of a cohort; only the pipeline's own work is timed.
public struct PipelineBenchmark {
    public struct Options: Sendable {
        public var mails: Int
        public var seed: UInt64
        public var batchSize: Int
        /// Conversations open at once; bounds the generator's memory, not the pipeline's.
        public var cohort: Int
        public var folder: URL
        /// Templates that replace the built-in ones of the same name (nil: the built-in set).
        public var templates: URL?
        /// Where to keep a copy of every generated mail (`000001.eml`…), for other tools to run on.
        public var keepMails: URL?
        /// An empty PostgreSQL database to run on instead of the workspace's SQLite file.
        public var postgres: PostgresLocation?
        /// Gateway instances sharing the store, each with a store of its own (its connections
        /// and cache) and a mailbox of its own: a conversation's mail goes to the mailbox its
        /// sender's address falls in, and the instances apply their mailboxes' mail at once.
        public var instances: Int

        public init(
            mails: Int, seed: UInt64, batchSize: Int = 500, cohort: Int = 400, folder: URL, templates: URL? = nil, keepMails: URL? = nil,
            postgres: PostgresLocation? = nil, instances: Int = 1
        ) {
            self.mails = mails
            self.seed = seed
            self.batchSize = batchSize
            self.cohort = cohort
            self.folder = folder
            self.templates = templates
            self.keepMails = keepMails
            self.postgres = postgres
            self.instances = instances
        }
    }

    public struct Result: Sendable {
        public var mails = 0
        public var bytes = 0
        public var conversations = 0
        /// Time spent in the pipeline (generation excluded), seconds.
        public var seconds = 0.0
        /// Each mail's own processing time (parse through applying it), nanoseconds; the
        /// batch renders its outgoing mail together afterwards (counted in `untilDurable`).
        public var perMail: [UInt64] = []
        /// Each mail's time from its batch's start to the batch's commit, nanoseconds.
        public var untilDurable: [UInt64] = []
        /// CPU time of the whole process (every core) while it ran the pipeline.
        public var cpu = ProcessCPU()
        public var batches = 0
        public var outcomes: [String: Int] = [:]
        /// Replies written as fresh mail because the gateway had sent their author nothing to answer.
        public var unansweredReplies = 0
        public var peakRSSAfterPipeline: Int?
        public var databaseBytes = 0
        public var dispatched = 0
        public var dispatchSeconds = 0.0
        public var peakRSSAfterDispatch: Int?
    }

    let options: Options
    let workspace: BenchWorkspace

    public init(options: Options) {
        self.options = options
        workspace = BenchWorkspace(folder: options.folder, templates: options.templates)
    }

    public func run() throws -> Result {
        var player = ConversationPlayer(mails: options.mails, seed: options.seed, cohort: options.cohort)
        try workspace.writeConfig(batchSize: options.batchSize)
        var config = try GatewayConfig.load(path: workspace.configFile.path)
        if let postgres = options.postgres { config.database = .postgres(postgres) }
        let stores = try (0..<max(1, options.instances)).map { _ in try config.openStore() }
        let store = stores[0]
        try store.transaction { try $0.replaceDirectory(parts: player.directoryParts()) }
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var logger = Logger(label: "bench")
        logger.logLevel = .critical
        let gateways = try stores.map { try Gateway(config: config, store: $0, logger: logger, clock: { clock.now() }) }
        let gateway = gateways[0]

        var result = Result()
        result.conversations = player.conversations
        result.perMail.reserveCapacity(options.mails)
        result.untilDurable.reserveCapacity(options.mails)
        try player.play(
            store: store, date: { clock.now() },
            deliver: { wave in
                try keep(wave)
                clock.advance(by: 60)
                if gateways.count == 1 {
                    for start in stride(from: 0, to: wave.count, by: options.batchSize) {
                        try process(Array(wave[start..<min(wave.count, start + options.batchSize)]), gateway: gateway, into: &result)
                    }
                } else {
                    try processSideBySide(wave, gateways: gateways, into: &result)
                }
            })
        result.unansweredReplies = player.unansweredReplies
        result.peakRSSAfterPipeline = ProcessMemory.peakResidentBytes()
        result.databaseBytes = options.postgres == nil ? workspace.databaseBytes() : 0
        try dispatch(gateway, clock: clock, into: &result)
        result.peakRSSAfterDispatch = ProcessMemory.peakResidentBytes()
        return result
    }

    private func process(_ batch: [InboundMail], gateway: Gateway, into result: inout Result) throws {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuAtStart = ProcessCPU.now()
        var times = [UInt64](repeating: 0, count: batch.count)
        let outcomes = try gateway.processBatch(batch) { index, nanoseconds in times[index] = nanoseconds }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        result.cpu += ProcessCPU.now().since(cpuAtStart)
        result.seconds += Double(elapsed) / 1e9
        result.perMail += times
        result.untilDurable += Array(repeating: elapsed, count: batch.count)
        result.batches += 1
        result.mails += batch.count
        result.bytes += batch.reduce(0) { $0 + $1.raw.count }
        for outcome in outcomes {
            result.outcomes[(try? outcome.get().outcome.rawValue) ?? "error", default: 0] += 1
        }
    }

    /// Splits `wave` into one mailbox per gateway by sender and lets every gateway apply its
    /// mailbox's mail at the same time, each on a thread of its own, in batches.
    private func processSideBySide(_ wave: [InboundMail], gateways: [Gateway], into result: inout Result) throws {
        var mailboxes = Array(repeating: [InboundMail](), count: gateways.count)
        for mail in wave { mailboxes[Self.mailbox(of: mail, among: gateways.count)].append(mail) }
        let delivered = mailboxes
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuAtStart = ProcessCPU.now()
        let results = SideBySideResults(count: gateways.count)
        let batchSize = options.batchSize
        DispatchQueue.concurrentPerform(iterations: gateways.count) { index in
            results.set(index) {
                var outcomes: [Swift.Result<MailOutcome, any Error>] = []
                var times: [UInt64] = []
                for start in stride(from: 0, to: delivered[index].count, by: batchSize) {
                    let batch = Array(delivered[index][start..<min(delivered[index].count, start + batchSize)])
                    var batchTimes = [UInt64](repeating: 0, count: batch.count)
                    outcomes += try gateways[index].processBatch(batch) { position, nanoseconds in batchTimes[position] = nanoseconds }
                    times += batchTimes
                }
                return (outcomes, times)
            }
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        result.cpu += ProcessCPU.now().since(cpuAtStart)
        result.seconds += Double(elapsed) / 1e9
        for (outcomes, times) in try results.all() {
            result.perMail += times
            result.untilDurable += Array(repeating: elapsed, count: times.count)
            for outcome in outcomes { result.outcomes[(try? outcome.get().outcome.rawValue) ?? "error", default: 0] += 1 }
        }
        result.batches += mailboxes.reduce(0) { $0 + ($1.count + options.batchSize - 1) / options.batchSize }
        result.mails += wave.count
        result.bytes += wave.reduce(0) { $0 + $1.raw.count }
    }

    /// The mailbox a mail is delivered to: by its `From:` line, so that a sender's mail always
    /// arrives in the same one.
    public static func mailbox(of mail: InboundMail, among count: Int) -> Int {
        let from = Array("\r\nFrom: ".utf8)
        let raw = mail.raw
        guard let start = raw.indices.dropLast(from.count).first(where: { raw[$0..<$0 + from.count].elementsEqual(from) }) else { return 0 }
        let line = raw[(start + from.count)...].prefix { $0 != 13 }
        return Int(line.reduce(UInt32(5381)) { ($0 &* 33) ^ UInt32($1) } % UInt32(count))
    }

    private func keep(_ wave: [InboundMail]) throws {
        guard let folder = options.keepMails else { return }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for mail in wave {
            try Data(mail.raw).write(to: folder.appendingPathComponent(String(format: "%06d.eml", (Int(mail.position) ?? 0) + 1)))
        }
    }

    private func dispatch(_ gateway: Gateway, clock: VirtualClock, into result: inout Result) throws {
        let sink = try DirectorySink(folder: workspace.outbox)
        clock.advance(by: 60)
        let start = DispatchTime.now().uptimeNanoseconds
        while true {
            let sent = try gateway.dispatch(to: sink)
            guard sent > 0 else { break }
            result.dispatched += sent
        }
        result.dispatchSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

/// What each gateway of `PipelineBenchmark.processSideBySide` applied, written from its thread.
private final class SideBySideResults: @unchecked Sendable {
    private var results: [Result<([Swift.Result<MailOutcome, any Error>], [UInt64]), any Error>]
    private let lock = NSLock()

    /// Every gateway's results start empty; `DispatchQueue.concurrentPerform` runs them all.
    init(count: Int) { results = Array(repeating: .success(([], [])), count: count) }

    func set(_ index: Int, _ work: () throws -> ([Swift.Result<MailOutcome, any Error>], [UInt64])) {
        let result = Result { try work() }
        lock.withLock { results[index] = result }
    }

    /// Every gateway's outcomes and times; the first failure is thrown.
    func all() throws -> [([Swift.Result<MailOutcome, any Error>], [UInt64])] {
        try lock.withLock { try results.map { try $0.get() } }
    }
}
