import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import Testing

@testable import Operations

/// `[http]`, `[log]` and the `[inbound]` keys every kind takes; `/readyz`'s judgement.
@Suite struct OperationsConfigTests {
    @Test(arguments: ["kind = \"directory\"\npath = \"inbox\"", "kind = \"maildir\"\npath = \"maildir\""])
    func pollIntervalAndBatchSizeUnderEveryInboundKind(_ inbound: String) throws {
        let workspace = try TestWorkspace(replacing: [
            ("kind = \"directory\"\npath = \"inbox\"", inbound + "\npoll_interval = \"3s\"\nbatch_size = 7")
        ])
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        #expect(config.pollInterval.seconds == 3)
        #expect(config.batchSize == 7)
    }

    @Test func httpAndLogSections() throws {
        let workspace = try TestWorkspace(
            extraConfig:
                "[http]\nlisten = \"127.0.0.1:9999\"\nready_after_failed_cycles = 5\nready_outbox_age = \"2m\"\n\n[log]\nformat = \"json\"\nlevel = \"debug\"\n"
        )
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        #expect(config.http == HTTPSettings(host: "127.0.0.1", port: 9999, readyAfterFailedCycles: 5, readyOutboxAge: TimeSpan(seconds: 120)))
        #expect(config.log == LogSettings(format: .json, level: "debug"))
        let none = try TestWorkspace()
        defer { none.remove() }
        #expect(try GatewayConfig.load(path: none.configURL.path).http == nil, "no [http]: no listener")
    }

    @Test(arguments: [
        ("[log]\nformat = \"xml\"\n", "log.format"), ("[log]\nlevel = \"loud\"\n", "log.level"), ("[http]\nlisten = \"9464\"\n", "http.listen"),
        ("[http]\nlisten = \"10.0.0.5:9464\"\n", "http.listen"),
        ("[http]\nlisten = \"127.0.0.1:9464\"\nusers_file = \"missing\"\n", "http.users_file"),
    ])
    func mistakesNameTheirKey(_ extra: String, _ key: String) throws {
        let workspace = try TestWorkspace(extraConfig: extra)
        defer { workspace.remove() }
        #expect { try GatewayConfig.load(path: workspace.configURL.path) } throws: { ($0 as? ConfigError)?.key == key }
    }

    @Test func readinessNamesWhatFailed() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        let readiness = Readiness(
            settings: HTTPSettings(host: "127.0.0.1", port: 1, readyAfterFailedCycles: 3, readyOutboxAge: TimeSpan(seconds: 600)))
        let healthy = InboxHealth.Snapshot(lastSuccess: now.addingTimeInterval(-5))
        #expect(
            readiness.judge(
                databaseError: nil, inbox: healthy, outbox: OutboxHealth(depth: 2, oldestDueQueuedAt: now.addingTimeInterval(-599)), now: now
            ).ready)
        let old = readiness.judge(
            databaseError: nil, inbox: healthy, outbox: OutboxHealth(depth: 2, oldestDueQueuedAt: now.addingTimeInterval(-601)), now: now)
        #expect(!old.ready && old.failed.keys.sorted() == ["outbox"])
        let failing = InboxHealth.Snapshot(lastSuccess: now.addingTimeInterval(-60), failuresInARow: 3, lastError: "connection refused")
        let down = readiness.judge(databaseError: "readonly database", inbox: failing, outbox: nil, now: now)
        #expect(down.failed.keys.sorted() == ["database", "inbox"])
        #expect(down.failed["inbox"]?.contains("connection refused") == true)
        let twoFailures = InboxHealth.Snapshot(lastSuccess: now, failuresInARow: 2, lastError: "timeout")
        #expect(readiness.judge(databaseError: nil, inbox: twoFailures, outbox: nil, now: now).ready)
        #expect(!readiness.judge(databaseError: nil, inbox: InboxHealth.Snapshot(), outbox: nil, now: now).ready, "no cycle finished yet")
    }
}
