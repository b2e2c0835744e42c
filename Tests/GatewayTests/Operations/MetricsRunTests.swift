import Foundation
import Gateway
import GatewayTestSupport
import HummingbirdBcrypt
import Testing

@testable import EscalationStore

/// The real `run` with its `[http]` listener, scraped over loopback while it works through the
/// sample conversations.
@Suite(.serialized) struct MetricsRunTests {
    /// A workspace with the sample directory imported, every sample mail in its inbox (in
    /// conversation order) and `[http]` on a free loopback port.
    static func sampleRun(extraConfig: String = "") throws -> (workspace: TestWorkspace, port: Int, mails: [URL]) {
        let port = RunningGateway.freePort()
        let workspace = try TestWorkspace(extraConfig: "[http]\nlisten = \"127.0.0.1:\(port)\"\n" + extraConfig)
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile]).status == 0)
        let inbox = workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        let conversations = TestWorkspace.repository.appendingPathComponent("Samples/conversations")
        var mails: [URL] = []
        for conversation in try FileManager.default.contentsOfDirectory(atPath: conversations.path).sorted() {
            let folder = conversations.appendingPathComponent(conversation)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".eml") {
                let target = inbox.appendingPathComponent("\(conversation)--\(file)")
                try FileManager.default.copyItem(at: folder.appendingPathComponent(file), to: target)
                mails.append(folder.appendingPathComponent(file))
            }
        }
        return (workspace, port, mails)
    }

    /// Counts by a receipt column, as the database has them.
    static func receiptCounts(_ workspace: TestWorkspace, by column: String) throws -> [String: Int] {
        try workspace.gateway().store.read { session in
            Dictionary(
                uniqueKeysWithValues: try session.rows("SELECT \(column), COUNT(*) FROM receipt GROUP BY \(column)").map {
                    ($0[0] as String, $0[1] as Int)
                })
        }
    }

    @Test func metricsCountWhatRunDid() throws {
        let (workspace, port, mails) = try Self.sampleRun()
        defer { workspace.remove() }
        let gateway = try RunningGateway(config: workspace.configURL.path)
        defer { gateway.stop() }
        let base = "http://127.0.0.1:\(port)"
        let settled = waitFor(seconds: 60) { () -> [String: Double]? in
            guard let answer = httpGet(base + "/metrics"), answer.status == 200 else { return nil }
            let series = prometheusSeries(answer.body)
            let counted = metricSum(series, "escalation_gateway_mails_total") == Double(mails.count)
            return counted && series["escalation_gateway_outbox_depth"] == 0 ? series : nil
        }
        let series = try #require(settled, "the metrics never counted all \(mails.count) mails with the outbox sent; log:\n\(gateway.logText)")
        for (outcome, count) in try Self.receiptCounts(workspace, by: "outcome") {
            #expect(metricSum(series, "escalation_gateway_mails_total", ["outcome": outcome]) == Double(count), "outcome \(outcome)")
        }
        for (intent, count) in try Self.receiptCounts(workspace, by: "intent") {
            #expect(
                metricSum(series, "escalation_gateway_intents_total", ["intent": intent.isEmpty ? "none" : intent]) == Double(count),
                "intent \(intent)")
        }
        #expect(metricSum(series, "escalation_gateway_mails_total", ["outcome": "applied"]) > 0)
        #expect(metricSum(series, "escalation_gateway_mails_total", ["outcome": "ignored", "reason": "auto-reply"]) >= 1)
        #expect(metricSum(series, "escalation_gateway_approvals_total", ["decision": "approve"]) >= 1)
        #expect(metricSum(series, "escalation_gateway_mail_apply_seconds_count") == Double(mails.count))
        #expect(metricSum(series, "escalation_gateway_deliveries_total", ["result": "accepted"]) == Double(try workspace.outboxFiles().count))
        #expect(metricSum(series, "escalation_gateway_inbox_cycles_total", ["result": "succeeded"]) >= 1)
        let labels = series.keys.filter { $0.hasPrefix("escalation_gateway_") }.joined(separator: "\n")
        #expect(!labels.contains("@"), "no address as a label value")
        #expect(!labels.contains("CS0") && !labels.contains("ESC0"), "no case or escalation number as a label value")
        let health = try #require(httpGet(base + "/healthz"))
        #expect(health.status == 200 && health.body.contains("\"ok\""))
        let ready = try #require(httpGet(base + "/readyz"))
        #expect(ready.status == 200 && ready.body.contains("\"ready\":true"), "\(ready.body)")
        #expect(gateway.stop() == 0)
    }

    @Test func requestsWithoutAuthenticationAreRefusedBeyondLoopback() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let users = folder.appendingPathComponent("users")
        try "ops:\(Bcrypt.hash("scrape-pass-7Q", cost: 4))\n".write(to: users, atomically: true, encoding: .utf8)
        let port = RunningGateway.freePort()
        let workspace = try TestWorkspace(extraConfig: "[http]\nlisten = \"0.0.0.0:\(port)\"\nusers_file = \"\(users.path)\"\n")
        defer { workspace.remove() }
        let gateway = try RunningGateway(config: workspace.configURL.path)
        defer { gateway.stop() }
        let url = "http://127.0.0.1:\(port)/metrics"
        let refused = try #require(waitFor(seconds: 30) { httpGet(url) }, "no answer; log:\n\(gateway.logText)")
        #expect(refused.status == 401)
        #expect(!refused.body.contains("escalation_gateway_"))
        let wrong = Data("ops:wrong".utf8).base64EncodedString()
        #expect(httpGet(url, headers: ["Authorization": "Basic \(wrong)"])?.status == 401)
        #expect(httpGet("http://127.0.0.1:\(port)/readyz")?.status == 401)
        #expect(httpGet("http://127.0.0.1:\(port)/")?.status == 401, "the dashboard is behind the same guard")
        #expect(httpGet("http://127.0.0.1:\(port)/escalations/ESC0001001")?.status == 401)
        let right = Data("ops:scrape-pass-7Q".utf8).base64EncodedString()
        let allowed = try #require(httpGet(url, headers: ["Authorization": "Basic \(right)"]))
        #expect(allowed.status == 200 && allowed.body.contains("escalation_gateway_outbox_depth"))
        let dashboard = try #require(httpGet("http://127.0.0.1:\(port)/", headers: ["Authorization": "Basic \(right)"]))
        #expect(dashboard.status == 200 && dashboard.body.contains("Active escalations"))
    }

    @Test func aFrontingProxysHeaderIsRequiredWhenTrusted() throws {
        let port = RunningGateway.freePort()
        let workspace = try TestWorkspace(extraConfig: "[http]\nlisten = \"0.0.0.0:\(port)\"\ntrusted_proxy_header = \"X-Authenticated-User\"\n")
        defer { workspace.remove() }
        let gateway = try RunningGateway(config: workspace.configURL.path)
        defer { gateway.stop() }
        let url = "http://127.0.0.1:\(port)/healthz"
        #expect(try #require(waitFor(seconds: 30) { httpGet(url) }).status == 401)
        #expect(httpGet(url, headers: ["X-Authenticated-User": "ops"])?.status == 200)
    }

    @Test func bindingBeyondLoopbackWithoutAuthenticationRefusesToStart() throws {
        let workspace = try TestWorkspace(extraConfig: "[http]\nlisten = \"0.0.0.0:9464\"\n")
        defer { workspace.remove() }
        let process = Process()
        process.executableURL = GatewayCLI.binary
        process.arguments = ["run", "--once", "--config", workspace.configURL.path]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 78)
        #expect(said.contains("http.listen") && said.contains("users_file") && said.contains("trusted_proxy_header"), "\(said)")
    }
}
