import EscalationStore
import Foundation
import Gateway
import GatewayBenchmarks
import GatewayTestSupport
import MailTransport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `escalation-gateway run` stopped by `signal` while it works through one batch of
/// `count` mails (`batch_size` = `count`), and a `run --once` after it. Checks that it exits
/// with status 0 within 2 s of the signal; that the mails it committed are complete (receipt,
/// state, journal, replies: equal to a clean run of just those) and moved, and the rest are in
/// the inbox, unmoved and unflagged; and that `run --once` applies exactly the rest, none
/// twice, ending where a run without the stop ends, and sends the replies.
struct StopMidBatch {
    /// Where the mail waits: a folder, or the INBOX of a private Dovecot.
    enum Mailbox {
        case directory
        case imap(PrivateMailServers)

        var transports: String {
            switch self {
            case .directory: FaultWorld.directoryTransports()
            case .imap(let servers): FaultRun.transports(servers)
            }
        }
    }

    let mailbox: Mailbox
    let count: Int
    let seed: UInt64

    func run(stoppingWith signal: Int32) throws {
        let port = RunningGateway.freePort()
        let world = try FaultWorld(transports: mailbox.transports + "\n\n[http]\nlisten = \"127.0.0.1:\(port)\"", batchSize: count)
        defer { world.remove() }
        let wave = try OpeningWave(count: count, seed: seed, world: world)
        let all = Set(wave.messageIDs)
        #expect(all.count == count)
        let environment = ["EG_TEST_PASSWORD": "secret"]
        let config = ["--config", world.config.path]
        // The first cycle makes the inbox and its folders (for IMAP: the first login).
        #expect(try GatewayCLI.run(["run", "--once"] + config, environment: environment).status == 0)
        try deliver(wave.mails, world: world)

        let gateway = GatewayProcess(config: world.config)
        defer { gateway.stop() }
        try gateway.start()
        try waitUntil(seconds: 60, "the gateway applying its first mail") {
            guard let answer = httpGet("http://127.0.0.1:\(port)/metrics"), answer.status == 200 else { return false }
            return metricSum(prometheusSeries(answer.body), "escalation_gateway_mail_apply_seconds_count") >= 1
        }
        let exit = try #require(
            gateway.signal(signal, exitWithin: 2),
            "still running 2 s after signal \(signal); log:\n\(gateway.logLines().suffix(20).joined(separator: "\n"))")
        #expect(exit.reason == .exit && exit.status == 0, "exit \(exit.reason) \(exit.status)")

        let committed = try world.store.read { try $0.receiptOutcomes() }.map { String($0.split(separator: " ")[0]) }
        let left = inbox(world)
        let moved = processed(world)
        print(
            "StopMidBatch \(mailbox) signal \(signal): exited \(String(format: "%.3f", exit.seconds)) s after it; \(committed.count) of \(count) mails committed, \(left.count) left"
        )
        #expect(!committed.isEmpty && !left.isEmpty, "stopped within the batch: \(committed.count) committed, \(left.count) left")
        #expect(committed.count + left.count == count, "none lost, none counted twice")
        #expect(Set(committed).union(left.map(\.id)) == all)
        #expect(moved.map(\.id).sorted() == committed.sorted(), "exactly the committed mails moved, each once")
        #expect(
            left.allSatisfy { !$0.flags.contains("S") && !$0.flags.contains("T") },
            "the rest unflagged: \(left.filter { !$0.flags.isEmpty }.prefix(3))")
        #expect(
            try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails(withMessageIDs: Set(committed))),
            "each committed mail complete (receipt, state, journal, replies), nothing of the rest")

        let again = try GatewayCLI.run(["run", "--once", "--json"] + config, environment: environment)
        #expect(again.status == 0)
        let outcomes = again.output.split(separator: "\n")
        #expect(outcomes.count == left.count, "the second run applies exactly the rest")
        #expect(!outcomes.contains { $0.contains("\"outcome\":\"duplicate\"") }, "no mail applied twice")
        #expect(inbox(world).isEmpty)
        #expect(processed(world).map(\.id).sorted() == all.sorted())
        #expect(try world.snapshot(threads: wave.player.threads) == wave.cleanSnapshot(of: wave.mails), "as if never stopped")
        let outbox = try world.outbox()
        #expect(outbox.count > 500, "more than one round of dispatch is due")
        #expect(outbox.allSatisfy { $0.state == .sent }, "the second run sends everything due")
        #expect(
            !outbox.contains { $0.state == .failed }, "\(outbox.filter { $0.state == .failed }.prefix(3).map { "\($0.kind) \($0.lastError ?? "")" })")
    }

    private func deliver(_ mails: [InboundMail], world: FaultWorld) throws {
        for (index, mail) in mails.enumerated() {
            switch mailbox {
            case .directory:
                try Data(mail.raw).write(to: world.folder.appendingPathComponent("inbox").appendingPathComponent(String(format: "%04d.eml", index)))
            case .imap(let servers): try servers.drop(mail.raw, into: ConversationPlayer.gatewayAddress, name: "\(seed)-\(index)")
            }
        }
    }

    /// The mails waiting in the inbox.
    private func inbox(_ world: FaultWorld) -> [(id: String, flags: String)] {
        switch mailbox {
        case .directory: Self.mails(in: [world.folder.appendingPathComponent("inbox")])
        case .imap(let servers): Self.mails(in: Self.maildirParts(servers.maildir(of: ConversationPlayer.gatewayAddress)))
        }
    }

    /// The mails moved to the processed folder.
    private func processed(_ world: FaultWorld) -> [(id: String, flags: String)] {
        switch mailbox {
        case .directory: Self.mails(in: [world.folder.appendingPathComponent("inbox/processed")])
        case .imap(let servers):
            Self.mails(in: Self.maildirParts(servers.maildir(of: ConversationPlayer.gatewayAddress).appendingPathComponent(".Processed")))
        }
    }

    private static func maildirParts(_ folder: URL) -> [URL] {
        [folder.appendingPathComponent("new"), folder.appendingPathComponent("cur")]
    }

    /// The Message-ID and Maildir flags (`S` seen, `T` deleted; none in a plain folder) of each
    /// mail in `folders`: every file of a Maildir's `new/` and `cur/`, the `.eml` files of another.
    private static func mails(in folders: [URL]) -> [(id: String, flags: String)] {
        folders.flatMap { folder in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            let isMaildir = ["new", "cur"].contains(folder.lastPathComponent)
            return names.filter { isMaildir || $0.hasSuffix(".eml") }.map { name in
                let flags = name.range(of: ":2,").map { String(name[$0.upperBound...]) } ?? ""
                let raw = (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Array($0) } ?? []
                return (OpeningWave.messageID(of: raw) ?? name, flags)
            }
        }
    }
}
