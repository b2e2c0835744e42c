import EscalationStore
import Foundation
import Gateway
import GatewayBenchmarks
import Logging
import MailTransport

/// The opening mail of `count` generated conversations (case and account escalation requests,
/// strangers' mail, in every format the generator writes), each on a thread and account of its
/// own: what one mail does never depends on another, so any set of them applied in any order
/// ends where the same set applied cleanly in one batch ends.
struct OpeningWave {
    let mails: [InboundMail]
    let player: ConversationPlayer

    /// Generates the mails and imports their directory into `world`.
    init(count: Int, seed: UInt64, world: FaultWorld) throws {
        // Conversations average under five mails: six per conversation makes more than `count`
        // of them, and the first wave holds the opening mail of the first `count`.
        var player = ConversationPlayer(mails: count * 6, seed: seed, cohort: count)
        try world.importDirectory(of: player)
        var first: [InboundMail] = []
        do {
            try player.play(
                store: world.store, date: { FaultRun.mailDate },
                deliver: { wave in
                    first = wave
                    throw FirstWaveTaken()
                })
        } catch is FirstWaveTaken {}
        mails = first
        self.player = player
    }

    private struct FirstWaveTaken: Error {}

    /// The Message-ID of each mail, in order.
    var messageIDs: [String] { mails.map { Self.messageID(of: $0.raw) ?? "" } }

    /// What applying `subset` in a fresh world leaves: in-process, directory transports, no stop.
    func cleanSnapshot(of subset: [InboundMail]) throws -> FaultWorld.Snapshot {
        let world = try FaultWorld(transports: FaultWorld.directoryTransports())
        defer { world.remove() }
        try world.importDirectory(of: player)
        _ = try world.gateway().processBatch(subset)
        return try world.snapshot(threads: player.threads)
    }

    /// The mails whose Message-ID is among `ids`.
    func mails(withMessageIDs ids: Set<String>) -> [InboundMail] {
        mails.filter { Self.messageID(of: $0.raw).map(ids.contains) ?? false }
    }

    /// The Message-ID header's value, without its angle brackets.
    static func messageID(of raw: [UInt8]) -> String? {
        let head = String(decoding: raw.prefix(8192), as: UTF8.self)
        // "\r\n" is one Character, a newline like "\n".
        for line in head.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            if line.isEmpty { return nil }
            if line.lowercased().hasPrefix("message-id:") {
                return line.dropFirst(11).trimmingCharacters(in: CharacterSet(charactersIn: " <>\t"))
            }
        }
        return nil
    }
}

extension FaultWorld {
    /// `[inbound]` and `[outbound]` on the world's own `inbox` and `outbox` folders.
    static func directoryTransports(pollInterval: String = "1s") -> String {
        "[inbound]\nkind = \"directory\"\npath = \"inbox\"\npoll_interval = \"\(pollInterval)\"\n\n[outbound]\nkind = \"directory\"\npath = \"outbox\""
    }

    /// A gateway on the world's config and database, logging nothing below critical.
    func gateway() throws -> Gateway {
        var logger = Logger(label: "test-world")
        logger.logLevel = .critical
        return try Gateway(config: try GatewayConfig.load(path: config.path), store: store, logger: logger)
    }
}
