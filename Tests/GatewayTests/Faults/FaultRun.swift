import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayBenchmarks
import Logging
import MailTransport

/// One run of generated conversations through the real binary against private servers, and
/// the same conversations through an in-process gateway without faults, for comparison.
struct FaultRun {
    let servers: PrivateMailServers
    let world: FaultWorld
    let seed: UInt64
    let mails: Int

    init(servers: PrivateMailServers, mails: Int, seed: UInt64) throws {
        try self.init(servers: servers, world: try FaultWorld(transports: Self.transports(servers)), mails: mails, seed: seed)
    }

    /// A run in `world`, whose config the caller wrote.
    init(servers: PrivateMailServers, world: FaultWorld, mails: Int, seed: UInt64) throws {
        self.servers = servers
        self.mails = mails
        self.seed = seed
        self.world = world
    }

    /// `[inbound]` and `[outbound]` on the test's own Dovecot and Postfix, polled every second.
    static func transports(_ servers: PrivateMailServers) -> String {
        """
        [inbound]
        kind = "imap"
        url = "imap://127.0.0.1:\(servers.imapPort)/INBOX"
        user = "\(ConversationPlayer.gatewayAddress)"
        password_env = "EG_TEST_PASSWORD"
        ca_file = "\(servers.caFile)"
        poll_interval = "1s"

        \(outbound(servers))
        """
    }

    /// `[outbound]` on the test's own Postfix, retrying after a second.
    static func outbound(_ servers: PrivateMailServers) -> String {
        """
        [outbound]
        kind = "smtp"
        url = "smtp://127.0.0.1:\(servers.smtpPort)"
        ca_file = "\(servers.caFile)"
        helo = "gateway.support.example"
        retry_after = "1s"
        """
    }

    /// The date every generated mail carries, so that both runs write the same mail.
    static let mailDate = Date(timeIntervalSince1970: 1_795_000_000)

    /// Plays the conversations: each wave dropped into the gateway's INBOX, then `waitApplied`
    /// seconds at most for the gateway to record all of it. Faults (the killer, an outage) are
    /// the caller's, on another thread.
    func play(gateway: GatewayProcess, waitApplied: Double = 180) throws -> ConversationPlayer {
        var player = ConversationPlayer(mails: mails, seed: seed)
        try world.importDirectory(of: player)
        try gateway.start()
        try waitUntil(seconds: 30, "the gateway's INBOX exists") {
            FileManager.default.fileExists(atPath: servers.maildir(of: ConversationPlayer.gatewayAddress).appendingPathComponent("new").path)
        }
        let store = world.store
        var delivered = 0
        try player.play(
            store: store, date: { Self.mailDate },
            deliver: { wave in
                for mail in wave {
                    try servers.drop(mail.raw, into: ConversationPlayer.gatewayAddress, name: "\(seed)-\(mail.position)")
                }
                delivered += wave.count
                try waitUntil(seconds: waitApplied, "\(delivered) mails applied") { try store.read { try $0.receiptOutcomes().count } >= delivered }
            })
        return player
    }

    /// Waits until every reply went out and was delivered, and the INBOX is empty.
    func waitSettled(seconds: Double = 120) throws {
        let inbox = servers.maildir(of: ConversationPlayer.gatewayAddress)
        let deadline = Date().addingTimeInterval(seconds)
        var state = ""
        while Date() < deadline {
            let pending = try world.outbox().filter { $0.state == .pending }.count
            let queued = servers.queuedMails()
            let left = Self.files(in: inbox).count
            if pending == 0 && queued == 0 && left == 0 { return }
            state = "\(pending) replies pending, \(queued) mails in Postfix's queue, \(left) mails in the INBOX"
            Thread.sleep(forTimeInterval: 0.2)
        }
        throw HarnessError("not settled after \(Int(seconds)) s: \(state)\n\(servers.queueListing().prefix(1500))")
    }

    /// What a clean run of the same conversations leaves: in-process, directory transports, no fault.
    static func cleanSnapshot(mails: Int, seed: UInt64) throws -> FaultWorld.Snapshot {
        let world = try FaultWorld(
            transports: "[inbound]\nkind = \"directory\"\npath = \"inbox\"\n\n[outbound]\nkind = \"directory\"\npath = \"outbox\"")
        defer { world.remove() }
        var player = ConversationPlayer(mails: mails, seed: seed)
        try world.importDirectory(of: player)
        let config = try GatewayConfig.load(path: world.config.path)
        var logger = Logger(label: "clean-run")
        logger.logLevel = .critical
        let gateway = try Gateway(config: config, store: world.store, logger: logger)
        let sink = try DirectorySink(folder: world.folder.appendingPathComponent("outbox"))
        try player.play(
            store: world.store, date: { mailDate },
            deliver: { wave in
                _ = try gateway.processBatch(wave)
                try gateway.dispatch(to: sink)
            })
        return try world.snapshot(threads: player.threads)
    }

    /// For every sent mail: how many times Postfix took it from the gateway (`extra`, the
    /// submissions beyond the first: a reply sent twice) and, for each envelope recipient, how many
    /// copies the recipient's mailbox holds (none: `lost`; more than one: `deliveredTwice`, which
    /// also counts Postfix's own redeliveries when Dovecot's LMTP dies under it). `unlogged` counts
    /// sent mail Postfix's log does not show taken: it must be none, or the log was misread.
    func replyCopies() throws -> (lost: [String], extra: Int, checked: Int, deliveredTwice: Int, unlogged: Int) {
        var lost: [String] = []
        var extra = 0
        var checked = 0
        var deliveredTwice = 0
        var unlogged = 0
        var mailboxes: [String: [String: Int]] = [:]
        let submissions = servers.acceptedSubmissions()
        for message in try world.outbox() where message.state == .sent {
            let taken = submissions[message.messageID] ?? 0
            extra += max(0, taken - 1)
            if taken == 0 { unlogged += 1 }
            for recipient in message.recipients {
                if mailboxes[recipient] == nil {
                    mailboxes[recipient] = servers.messageIDs(of: recipient).reduce(into: [:]) { $0[$1, default: 0] += 1 }
                }
                let copies = mailboxes[recipient]?[message.messageID] ?? 0
                checked += 1
                if copies == 0 { lost.append("\(message.kind) \(message.messageID) to \(recipient)") }
                deliveredTwice += max(0, copies - 1)
            }
        }
        return (lost, extra, checked, deliveredTwice, unlogged)
    }

    /// Mail files in a Maildir folder (`new/` and `cur/`).
    static func files(in maildir: URL) -> [URL] {
        ["new", "cur"].flatMap {
            (try? FileManager.default.contentsOfDirectory(at: maildir.appendingPathComponent($0), includingPropertiesForKeys: nil)) ?? []
        }
    }

    /// The Maildir++ folder `name` of the gateway's mailbox.
    func gatewayFolder(_ name: String) -> URL {
        servers.maildir(of: ConversationPlayer.gatewayAddress).appendingPathComponent("." + name)
    }
}

/// Polls `condition` every 100 ms until it holds; throws naming `what` after `seconds`.
func waitUntil(seconds: Double, _ what: String, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if (try? condition()) == true { return }
        Thread.sleep(forTimeInterval: 0.1)
    }
    throw HarnessError("timed out after \(Int(seconds)) s waiting for: \(what)")
}
