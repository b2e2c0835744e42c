import EscalationCore
import Foundation
import Gateway

/// The folder a pipeline benchmark runs in: its config, database and outbox, and the
/// directory of every generated account.
struct BenchWorkspace {
    let folder: URL
    let templates: URL?

    var configFile: URL { folder.appendingPathComponent("gateway.toml") }
    var databaseFiles: [URL] { ["", "-wal", "-shm"].map { folder.appendingPathComponent("state/gateway.sqlite" + $0) } }
    var outbox: URL { folder.appendingPathComponent("outbox") }

    /// The embedded transports: `inbox/` and `outbox/` folders.
    static let directoryTransports = """
        [inbound]
        kind = "directory"
        path = "inbox"

        [outbound]
        kind = "directory"
        path = "outbox"
        """

    /// Writes a config like `Samples/gateway.toml`, with the answer limits lifted (the
    /// benchmark's approvers answer thousands of requests) and no re-escalation cooldown.
    /// `transports` holds the `[inbound]` and `[outbound]` tables.
    func writeConfig(batchSize: Int, transports: String = directoryTransports) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = """
            [gateway]
            address = "\(BenchStaff.gateway)"
            domain = "\(BenchStaff.domain)"
            database = "state/gateway.sqlite"
            \(templates.map { "templates = \"\($0.path)\"" } ?? "")
            batch_size = \(batchSize)

            \(transports)

            \(StarterFiles.severitiesAndReasons)

            [[template]]
            name = "case-default"
            type = "case"
            approval = true
            approvers = ["\(BenchStaff.dutyManager.address)"]
            add_case_group_manager = true
            approval_rule = "any"
            default_severity = "medium"

            [[template]]
            name = "account-default"
            type = "account"
            approval = true
            approvers = ["\(BenchStaff.vicePresident.address)"]
            approval_rule = "any"
            add_account_team = true
            default_severity = "high"

            [policy]
            reescalation_cooldown = "0s"

            [security]
            answers_per_sender = 100000000
            answers_per_thread = 100000000

            """
        try Data(config.utf8).write(to: configFile)
    }

    /// The directory of the benchmark: every account with its contacts and cases, and the staff.
    static func directory(of accounts: [BenchAccount], withStaff: Bool) -> Directory {
        Directory(
            accounts: accounts.map(\.record),
            contacts: accounts.flatMap { account in account.contacts.map { Contact(email: $0.email, name: $0.name, account: account.number) } },
            staff: withStaff ? BenchStaff.everyone.map { StaffMember(email: $0.email, name: $0.name) } : [],
            cases: accounts.flatMap(\.cases))
    }

    /// Bytes of the database with its write-ahead log.
    func databaseBytes() -> Int {
        databaseFiles.compactMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int }.reduce(0, +)
    }
}
