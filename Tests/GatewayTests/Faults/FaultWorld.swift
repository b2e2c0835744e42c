import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway
import GatewayBenchmarks
import GatewayTestSupport
import MailTransport

/// The generated conversations of `ConversationPlayer`, a gateway config for them, the same
/// token secret in every run (so that a clean run and a faulty run write the same mail), and
/// what a run leaves behind.
struct FaultWorld {
    static let secret = Data((0..<32).map { UInt8($0 &* 7 &+ 3) })
    let folder: URL
    let config: URL
    /// The gateway's database, opened once and shared by the test's threads.
    let store: Store

    /// A workspace whose gateway reads and writes through `transports` (`[inbound]`/`[outbound]`),
    /// on its SQLite file, or with `postgres` on that database (`database` table, the lease time
    /// `lease`, the token secret named for every instance).
    init(transports: String, batchSize: Int = 50, postgres: PostgresLocation? = nil, lease: String = "15s") throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-fault-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("state"), withIntermediateDirectories: true)
        config = try ConversationPlayer.writeConfig(
            folder: folder, templates: TestWorkspace.repository.appendingPathComponent("MailTemplates"), batchSize: batchSize, transports: transports)
        let secretFile = folder.appendingPathComponent("state/token.secret")
        try Self.secret.write(to: secretFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile.path)
        if let postgres {
            let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "database = \"state/gateway.sqlite\"\n", with: "")
                .replacingOccurrences(of: "[security]\n", with: "[security]\ntoken_secret_file = \"\(secretFile.path)\"\n")
            try (text + "\n[database]\nkind = \"postgres\"\nurl = \"\(postgres.description)\"\nlease = \"\(lease)\"\n")
                .write(to: config, atomically: true, encoding: .utf8)
            store = try Store(location: .postgres(postgres))
        } else {
            store = try Store(path: folder.appendingPathComponent("state/gateway.sqlite").path)
        }
    }

    func importDirectory(of player: ConversationPlayer) throws {
        try store.transaction { try $0.replaceDirectory(parts: player.directoryParts()) }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// What a run leaves behind, numbering and timestamps aside: each thread's escalations and
    /// journal, every receipt, and every outgoing mail (its Message-ID derives from its cause).
    struct Snapshot: Equatable {
        var escalations: [String]
        var journal: [String]
        var receipts: [String]
        var outbox: [String]
    }

    func snapshot(threads: [EscalationSource]) throws -> Snapshot {
        try store.read { session in
            Snapshot(
                escalations: try session.escalations().map {
                    "\($0.source) \($0.state) \($0.severity) \($0.trend) \($0.requester) \($0.reason) \($0.linkedCases.map(\.value))"
                }.sorted(),
                journal: try threads.flatMap { source in try session.journal(source: source).map { "\(source) \($0.actor) \($0.action) \($0.cause)" }
                },
                receipts: try session.receiptOutcomes().sorted(),
                outbox: try session.outbox(limit: 1_000_000).map { "\($0.messageID) \($0.kind) \($0.recipients.sorted())" }.sorted())
        }
    }

    /// Every outgoing mail with its envelope recipients.
    func outbox() throws -> [OutboxMessage] {
        try store.read { try $0.outbox(limit: 1_000_000) }
    }

    /// How many generated mails have a receipt.
    func receiptCount() throws -> Int {
        try store.read { try $0.receiptOutcomes().count }
    }
}

extension ConversationPlayer {
    /// Every case and account thread of the generated world.
    var threads: [EscalationSource] {
        directoryParts().flatMap { directory in
            directory.cases.keys.map { EscalationSource.supportCase($0) } + directory.accounts.keys.map { EscalationSource.account($0) }
        }
        .sorted { $0.description < $1.description }
    }
}
