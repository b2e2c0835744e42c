import Foundation
import Gateway
import GatewayDemo
import GatewayTestSupport
import Testing

/// The demo over `Samples/conversations/` shows approvers in the loop: the other approver told,
/// a reminder, `PENDING` answered and a request withdrawn.
@Suite struct SampleConversationTests {
    @Test func theDemoShowsAReminderPendingAndAWithdrawal() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        let gateway = try workspace.gateway(clock: { clock.now() })
        var transcript: [String] = []
        try DemoPlayer(gateway: gateway, clock: clock, output: { transcript.append($0) })
            .play(conversations: TestWorkspace.repository.appendingPathComponent("Samples/conversations"))
        let text = transcript.joined(separator: "\n")
        for line in [
            "← request-decided to t2-manager@support.example:", "← approval-reminder to duty-manager@support.example:",
            "← approval-reminder to t2-manager@support.example:", "← pending-approvals to duty-manager@support.example:",
            "gateway: applied (approve (reply-token)) ESC0001004", "gateway: applied (withdraw (reply-token))",
            "← request-withdrawn to duty-manager@support.example:", "← request-withdrawn to t2-manager@support.example:",
        ] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("! "), "every answered mail was found")
        guard case .subject(let report) = try #require(try gateway.showReport("CS0001234")) else { throw TestFailure("no CS0001234") }
        #expect(report.requests.last?.state == "withdrawn")
    }
}
