import EscalationStore
import Foundation
import GRDB
import GatewayBenchmarks
import GatewayTestSupport
import Logging
import MailTransport
import Testing

@testable import Gateway

/// Whole batches of generated mail through a real gateway, whose batch executor runs 0, 1 or 2
/// workers: the outbox comes out the same byte for byte, a mail that fails fails alone, and a
/// stop after mail N commits exactly the first N.
@Suite struct BatchRunTests {
    /// A gateway on `world` whose batches run at most `workers` workers, on a clock that stands still.
    private static func gateway(_ world: FaultWorld, workers: Int) throws -> Gateway {
        var logger = Logger(label: "batch-run-test")
        logger.logLevel = .critical
        return try Gateway(
            config: try GatewayConfig.load(path: world.config.path), store: world.store, logger: logger, clock: { FaultRun.mailDate },
            workers: workers)
    }

    /// Every outbox mail of `world`: its Message-ID and bytes, by Message-ID.
    private static func outbox(_ world: FaultWorld) throws -> [String] {
        try world.outbox().map { "\($0.messageID)\n\(String(decoding: $0.raw, as: UTF8.self))" }.sorted()
    }

    /// 300 mails of generated conversations, their waves applied in batches of up to 100.
    private static func conversationOutbox(workers: Int) throws -> [String] {
        let world = try FaultWorld(transports: FaultWorld.directoryTransports())
        defer { world.remove() }
        var player = ConversationPlayer(mails: 300, seed: 27, cohort: 100)
        try world.importDirectory(of: player)
        let gateway = try gateway(world, workers: workers)
        try player.play(
            store: world.store, date: { FaultRun.mailDate },
            deliver: { wave in
                for start in stride(from: 0, to: wave.count, by: 100) {
                    let results = try gateway.processBatch(Array(wave[start..<min(wave.count, start + 100)]))
                    #expect(results.allSatisfy { (try? $0.get()) != nil })
                }
            })
        return try outbox(world)
    }

    @Test func theOutboxIsTheSameWithZeroOneOrTwoWorkers() throws {
        let alone = try Self.conversationOutbox(workers: 0)
        #expect(alone.count > 300, "the conversations' replies")
        #expect(alone.allSatisfy { !$0.hasSuffix("\n") }, "every row rendered")
        #expect(try Self.conversationOutbox(workers: 1) == alone)
        #expect(try Self.conversationOutbox(workers: 2) == alone)
    }

    @Test(.sqliteFileOnly, arguments: [0, 1, 2]) func aMailThatFailsFailsAlone(workers: Int) throws {
        let failing = 37
        let world = try FaultWorld(transports: FaultWorld.directoryTransports())
        defer { world.remove() }
        let wave = try OpeningWave(count: 120, seed: 27, world: world)
        let poisoned = try #require(OpeningWave.messageID(of: wave.mails[failing].raw))
        let database = try DatabaseQueue(path: world.folder.appendingPathComponent("state/gateway.sqlite").path)
        try database.write { db in
            let literal = "'" + poisoned.replacingOccurrences(of: "'", with: "''") + "'"
            try db.execute(
                sql:
                    "CREATE TRIGGER refuse_receipt BEFORE INSERT ON receipt WHEN NEW.message_id = \(literal) BEGIN SELECT RAISE(ABORT, 'disk trouble'); END"
            )
        }
        try database.close()
        let results = try Self.gateway(world, workers: workers).processBatch(wave.mails)
        #expect(results.indices.filter { (try? results[$0].get()) == nil } == [failing])

        let clean = try FaultWorld(transports: FaultWorld.directoryTransports())
        defer { clean.remove() }
        try clean.importDirectory(of: wave.player)
        var others = wave.mails
        others.remove(at: failing)
        _ = try Self.gateway(clean, workers: workers).processBatch(others)
        #expect(try Self.outbox(world) == Self.outbox(clean), "the other mails' replies, each in its own row, none of the failed mail's")
        #expect(try world.snapshot(threads: wave.player.threads) == clean.snapshot(threads: wave.player.threads))
    }

    @Test(arguments: [0, 1, 2]) func aStopAfterMailNCommitsExactlyTheFirstN(workers: Int) throws {
        let stopAfter = 25
        let world = try FaultWorld(transports: FaultWorld.directoryTransports())
        defer { world.remove() }
        let wave = try OpeningWave(count: 60, seed: 27, world: world)
        let stop = StopRequest()
        let results = try Self.gateway(world, workers: workers).processBatch(wave.mails, until: stop) { index, _ in
            if index == stopAfter - 1 { stop.request() }
        }
        #expect(results.count == stopAfter)
        let committed = try world.store.read { try $0.receiptOutcomes() }.map { String($0.split(separator: " ")[0]) }
        #expect(committed.sorted() == wave.messageIDs.prefix(stopAfter).sorted())
        #expect(
            try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: Array(wave.mails.prefix(stopAfter))),
            "the first N complete, nothing of the rest")
    }
}
