import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import Logging
import MailTransport
import Testing

/// `migrate-store --to postgres://…` on a SQLite database in use: the copy reads the same
/// (`list`, `show --json` of every record) and accepts the approval mail the SQLite instance
/// sent before the move.
@Suite(.sqliteFileOnly) struct MigrateStoreTests {
    @Test func aDatabaseInUseMovesToPostgreSQLAndItsApprovalMailStillWorks() throws {
        guard let url = ProcessInfo.processInfo.environment["EG_POSTGRES_URL"] else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "EG_POSTGRES_URL is missing in CI, where PostgreSQL must run")
            print("loopback PostgreSQL not running (EG_POSTGRES_URL unset): skipped; Tests/scripts/test.sh starts it")
            return
        }
        let server = try PostgresLocation(url: url)
        let target = try PostgresScratchDatabase.create(on: server)
        defer { PostgresScratchDatabase.drop(target, through: server) }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        _ = try gateway.importDirectory(path: workspace.directoryFile)
        let request = try gateway.process(
            InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "INBOX", position: "1"))
        #expect(request.outcome == .applied)
        try gateway.dispatch(to: try DirectorySink(folder: workspace.outbox))
        let approvalMail = try #require(
            try workspace.outboxFiles().first {
                String(decoding: try Data(contentsOf: $0), as: UTF8.self).contains("X-Escalation-Event: approval-requested")
            })

        let migrated = try GatewayCLI.run(["migrate-store", "--config", workspace.configURL.path, "--to", target.description])
        #expect(migrated.status == 0, "\(migrated.output)")
        #expect(migrated.output.contains("show --json reads the same on both for all"))
        let again = try GatewayCLI.run(["migrate-store", "--config", workspace.configURL.path, "--to", target.description])
        #expect(again.status != 0, "a second copy into the same database is refused")

        let onPostgres = workspace.folder.appendingPathComponent("postgres.toml")
        let secret = workspace.folder.appendingPathComponent("state/token.secret").path
        let text = try String(contentsOf: workspace.configURL, encoding: .utf8)
            .replacingOccurrences(of: "database = \"state/gateway.sqlite\"\n", with: "")
        try (text + "\n[database]\nkind = \"postgres\"\nurl = \"\(target.description)\"\n\n[security]\ntoken_secret_file = \"\(secret)\"\n")
            .write(to: onPostgres, atomically: true, encoding: .utf8)
        for command in [["list"], ["show", "--json", "CS0001234"], ["show", "--json", "ACC0001001"], ["pending", "--json"]] {
            let before = try GatewayCLI.run(command + ["--config", workspace.configURL.path])
            let after = try GatewayCLI.run(command + ["--config", onPostgres.path])
            #expect(before.status == 0 && after.status == 0)
            #expect(after.output == before.output, "\(command.joined(separator: " ")) reads the same after the move")
        }

        let moved = try GatewayConfig.load(path: onPostgres.path)
        let approval = try Gateway(config: moved, store: try moved.openStore(), logger: Logger(label: "test")).process(
            InboundMail(
                raw: try ReplyMail.reply(
                    to: approvalMail, from: "duty-manager@support.example", body: "APPROVE", id: "approve-after-move@support.example"),
                mailbox: "INBOX", position: "2"))
        #expect(approval.outcome == .applied, "\(approval.reason)")
        let shown = try GatewayCLI.run(["show", "--json", "CS0001234", "--config", onPostgres.path])
        #expect(shown.output.contains("\"escalated\":true"))
    }
}
