import Foundation
import Testing

/// `/readyz` of the real `run` follows its inbox: 503 naming the inbox while the test's own
/// Dovecot is stopped, 200 again once it is back; `/healthz` answers throughout.
@Suite(.serialized) struct ReadinessOutageTests {
    @Test func readyzTurnsUnavailableWhileDovecotIsDownAndBackAfter() throws {
        guard let servers = try PrivateMailServers() else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("ReadinessOutageTests skipped: the mail servers are not installed (run Tests/scripts/test.sh)")
            return
        }
        let port = RunningGateway.freePort()
        let world = try FaultWorld(
            transports: FaultRun.transports(servers) + """

                [http]
                listen = "127.0.0.1:\(port)"
                ready_after_failed_cycles = 2
                """)
        defer { world.remove() }
        let gateway = try RunningGateway(config: world.config.path, environment: ["EG_TEST_PASSWORD": "secret"])
        defer { gateway.stop() }
        let readyz = "http://127.0.0.1:\(port)/readyz"
        let ready = waitFor(seconds: 60) { httpGet(readyz).flatMap { $0.status == 200 ? $0 : nil } }
        #expect(ready?.body.contains("\"ready\":true") == true, "never ready; log:\n\(gateway.logText)")

        try servers.stopIMAP()
        let down = waitFor(seconds: 60) { httpGet(readyz).flatMap { $0.status == 503 ? $0 : nil } }
        let unavailable = try #require(down, "still ready with Dovecot stopped; log:\n\(gateway.logText)")
        #expect(unavailable.body.contains("\"inbox\"") && unavailable.body.contains("\"ready\":false"), "\(unavailable.body)")
        #expect(!unavailable.body.contains("\"database\"") && !unavailable.body.contains("\"outbox\""), "only the inbox failed: \(unavailable.body)")
        #expect(httpGet("http://127.0.0.1:\(port)/healthz")?.status == 200, "the process still answers")
        let series = prometheusSeries(httpGet("http://127.0.0.1:\(port)/metrics")?.body ?? "")
        #expect(metricSum(series, "escalation_gateway_inbox_cycles_total", ["result": "failed"]) >= 2)

        try servers.startIMAP()
        let back = waitFor(seconds: 90) { httpGet(readyz).flatMap { $0.status == 200 ? $0 : nil } }
        #expect(back?.body.contains("\"ready\":true") == true, "not ready after Dovecot came back; log:\n\(gateway.logText)")
        #expect(gateway.stop() == 0)
    }
}
