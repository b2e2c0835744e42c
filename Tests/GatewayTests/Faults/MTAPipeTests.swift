import EscalationStore
import Foundation
import GRDB
import GatewayTestSupport
import MailTransport
import MailTransportCurl
import Testing

/// The README's Postfix recipe: a `pipe` transport that hands each mail for the gateway's
/// domain to `escalation-gateway process -`, run against the test's own Postfix. A temporary
/// failure (the database cannot be written) exits 75 and Postfix keeps the mail; once the
/// database is writable again, a queue flush delivers it and the gateway applies it.
@Suite(.serialized) struct MTAPipeTests {
    @Test func postfixPipesMailIntoProcessAndRetriesATemporaryFailure() throws {
        guard let servers = try PrivateMailServers() else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("MTAPipeTests skipped: the mail servers are not installed (run Tests/scripts/test.sh)")
            return
        }
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile]).status == 0)
        let state = workspace.folder.appendingPathComponent("state")
        // Postfix's pipe runs as an unprivileged user, who owns the gateway's files.
        try PrivateMailServers.shell(["chown", "-R", "nobody:nogroup", workspace.folder.path])
        let postfix = servers.postfixConfig
        let domains = try PrivateMailServers.shell(["postconf", "-c", postfix, "-h", "virtual_mailbox_domains"]).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try PrivateMailServers.shell(["postconf", "-c", postfix, "-e", "virtual_mailbox_domains = gateway.example.test, \(domains)"])
        try PrivateMailServers.shell(["postconf", "-c", postfix, "-e", "transport_maps = inline:{ { gateway.example.test = escalation-gateway: } }"])
        try PrivateMailServers.shell([
            "postconf", "-c", postfix, "-M",
            "escalation-gateway/unix=escalation-gateway unix - n n - - pipe flags=Rq user=nobody argv=\(GatewayCLI.binary.path) process --config \(workspace.configURL.path) -",
        ])
        try PrivateMailServers.shell(["postfix", "-c", postfix, "reload"])

        try PrivateMailServers.shell(["chmod", "0555", state.path])
        try PrivateMailServers.shell(["bash", "-c", "chmod 0444 '\(state.path)'/gateway.sqlite*"])
        let raw = String(decoding: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), as: UTF8.self)
        let client = SMTPSink(
            credentials: ServerCredentials(
                url: "smtp://127.0.0.1:\(servers.smtpPort)", user: nil, password: nil, caFile: servers.caFile, security: .startTLS),
            helo: "client.example.test", envelopeFrom: nil)
        _ = try client.deliver(
            Envelope(sequence: 0, messageID: "", from: "jane@acme.example", recipients: ["escalations@gateway.example.test"], raw: Array(raw.utf8)))
        let maillog = URL(fileURLWithPath: postfix).appendingPathComponent("maillog")
        let deferred = waitFor(seconds: 30) { () -> String? in
            let log = (try? String(contentsOf: maillog, encoding: .utf8)) ?? ""
            return log.contains("relay=escalation-gateway") && log.contains("status=deferred") && log.contains("temporary failure") ? log : nil
        }
        #expect(deferred != nil, "the temporary failure did not defer the mail")
        #expect(try Self.receipts(state) == 0)

        try PrivateMailServers.shell(["chmod", "0755", state.path])
        try PrivateMailServers.shell(["bash", "-c", "chmod 0644 '\(state.path)'/gateway.sqlite*"])
        try PrivateMailServers.shell(["postqueue", "-c", postfix, "-f"])
        let sent = waitFor(seconds: 60) { () -> Bool? in
            let log = (try? String(contentsOf: maillog, encoding: .utf8)) ?? ""
            return log.contains("relay=escalation-gateway") && log.contains("status=sent") ? true : nil
        }
        #expect(sent == true, "the flushed mail was not delivered to the gateway")
        #expect(try Self.receipts(state, outcome: "applied") == 1, "the gateway applied the piped mail once")
        #expect(try workspace.outboxFiles().count >= 1, "and answered it")
    }

    private static func receipts(_ state: URL, outcome: String? = nil) throws -> Int {
        let database = try DatabaseQueue(
            path: state.appendingPathComponent("gateway.sqlite").path,
            configuration: {
                var c = Configuration()
                c.readonly = true
                return c
            }())
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM receipt" + (outcome.map { " WHERE outcome = '\($0)'" } ?? "")) ?? 0
        }
    }
}
