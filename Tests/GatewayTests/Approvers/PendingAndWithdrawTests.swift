import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailMessage
import Testing

/// `PENDING` by mail and `pending --json` list what waits for an approver; the requester
/// withdraws a pending request; a request nobody could approve is refused at once.
@Suite struct PendingAndWithdrawTests {
    @Test func pendingByMailListsWhatWaitsWithLinksForEachRequest() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate("CS0001234", from: "jane@acme.example", justification: "Users are blocked.")
        _ = try harness.write(
            from: "raj@acme.example", subject: "Escalation CS0001235",
            body: "ESCALATE CS0001235\r\nReason: Customer Imposed Deadline\r\nMonth end on Friday.")

        let outcome = try harness.write(from: "Dana Duty <duty-manager@support.example>", subject: "what is waiting", body: "PENDING")
        #expect(outcome.outcome == .applied)
        #expect(outcome.intent == "pending")
        let answer = try #require(try harness.sent("pending-approvals", to: "duty-manager@support.example"))
        #expect(answer.to.map(\.address) == ["duty-manager@support.example"])
        let text = try #require(answer.unwrappedText)
        for expected in [
            "REQ0000001: CS0001234 – Login fails (Acme Corp, ACC0001001)", "Requested by Jane Doe <jane@acme.example>, waiting 0m",
            "Reason: Lack of Progress – Users are blocked.", "REQ0000002: CS0001235 – Reports are slow", "Reason: Customer Imposed Deadline",
        ] {
            #expect(text.contains(expected), "\(expected)")
        }
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let tokens = try harness.allSent().filter { $0.kind == "approval-requested" && $0.recipients == ["duty-manager@support.example"] }
            .map { SecurityHarness.token(of: try Mail(parsing: $0.raw)) }
        #expect(tokens.count == 2)
        for token in tokens {
            #expect(text.contains("Approve: mailto:escalations@support.example?subject=APPROVE%20%5Bref%3A\(token)%5D"))
            #expect(text.contains("Reject: mailto:escalations@support.example?subject=REJECT%20%5Bref%3A\(token)%5D"))
        }

        // A decision through a link of the list counts; the list then holds one request.
        _ = try harness.write(from: "duty-manager@support.example", subject: "APPROVE [ref:\(SecurityHarness.token(of: approval))]", body: "")
        _ = try harness.write(from: "duty-manager@support.example", subject: "my approvals", body: "What is waiting for my approval?")
        let again = try #require(try harness.sent("pending-approvals", to: "duty-manager@support.example")?.unwrappedText)
        #expect(again.contains("REQ0000001") && !again.contains("REQ0000002"), "the latest approval request, REQ0000002's, was used")
    }

    @Test func pendingWithNothingWaitingSaysSo() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let outcome = try harness.write(from: "duty-manager@support.example", subject: "what is waiting", body: "PENDING")
        #expect(outcome.outcome == .applied)
        let text = try #require(try harness.sent("pending-approvals", to: "duty-manager@support.example")?.unwrappedText)
        #expect(text.contains("No escalation request waits for your decision."))
        #expect(!text.contains("(0)") && !text.contains("Each link opens"), "no empty list: \(text)")
    }

    @Test func pendingFromACustomerListsNothing() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let outcome = try harness.write(from: "raj@acme.example", subject: "pending", body: "PENDING")
        #expect(outcome.outcome == .refused)
        #expect(outcome.sent.map(\.template) == ["not-permitted"])
        let text = try #require(try harness.sent("not-permitted", to: "raj@acme.example")?.unwrappedText)
        #expect(!text.contains("REQ0000001") && !text.contains("CS0001234"))
    }

    @Test func pendingJSONPrintsOneObjectPerRequest() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        _ = try harness.write(
            from: "raj@acme.example", subject: "Escalation CS0001235", body: "ESCALATE CS0001235\r\nReason: Lack of Progress\r\nSlow.")
        let config = harness.workspace.configURL.path
        let result = try GatewayCLI.run(["pending", "--config", config, "--approver", "t2-manager@support.example", "--json"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects.map { $0["number"] as? String } == ["REQ0000001", "REQ0000002"])
        #expect(objects.map { $0["case"] as? String } == ["CS0001234", "CS0001235"])
        #expect(objects.map { $0["account"] as? String } == ["ACC0001001", "ACC0001001"])
        #expect(objects.map { $0["requester"] as? String } == ["jane@acme.example", "raj@acme.example"])
        #expect(objects.map { $0["reason"] as? String } == ["Lack of Progress", "Lack of Progress"])
        #expect(objects.allSatisfy { ($0["age"] as? String)?.isEmpty == false })
        #expect(objects.allSatisfy { ($0["approveLink"] as? String)?.hasPrefix("mailto:escalations@support.example?subject=APPROVE") == true })

        let everyone = try GatewayCLI.run(["pending", "--config", config, "--json"])
        let all = everyone.output.split(separator: "\n")
        #expect(all.count == 2)
        #expect(
            all.allSatisfy {
                !$0.contains("approveLink") && $0.contains("\"waitingFor\":[\"duty-manager@support.example\",\"t2-manager@support.example\"]")
            })
        let nobody = try GatewayCLI.run(["pending", "--config", config, "--approver", "agent2@support.example", "--json"])
        #expect(nobody.status == 0 && nobody.output.isEmpty)
    }

    @Test func theRequesterWithdrawsAndTheApproversAreTold() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let received = try #require(try harness.sent("request-received", to: "jane@acme.example"))
        let outcome = try harness.reply(
            to: received, from: "Jane Doe <jane@acme.example>", body: "Please cancel my escalation request, the login works again.")
        #expect(outcome.outcome == .applied)
        #expect(outcome.intent == "withdraw")
        for approver in ["duty-manager@support.example", "t2-manager@support.example"] {
            let told = try #require(try harness.sent("request-withdrawn", to: approver))
            #expect(told.to.map(\.address) == [approver])
            #expect(told.unwrappedText?.contains("Jane Doe withdrew REQ0000001") == true)
        }
        #expect(outcome.sent.contains { $0.template == "request-withdrawn" && $0.to.first == "jane@acme.example" })
        let report = try harness.subject("CS0001234")
        #expect(report.requests.map(\.state) == ["withdrawn"])
        #expect(report.journal.contains { $0.action == "request.withdrawn" })

        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let late = try harness.reply(to: approval, from: "duty-manager@support.example", body: "Approved.")
        #expect(late.outcome == .refused)
        #expect(late.escalation == nil)
        let pending = try GatewayCLI.run(["pending", "--config", harness.workspace.configURL.path, "--json"])
        #expect(pending.output.isEmpty)
    }

    @Test func onlyTheRequesterWithdraws() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let outcome = try harness.reply(to: approval, from: "duty-manager@support.example", body: "WITHDRAW")
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0001234").requests.map(\.state) == ["pending"])
    }

    @Test func aRequestNobodyCouldApproveIsRefusedAndTheOwnerTold() throws {
        let sample = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/directory.json"), encoding: .utf8)
        let withoutManager = sample.replacingOccurrences(
            of: "\"assignment_group\": \"Billing\",\n            \"group_manager\": \"t2-manager@support.example\", ",
            with: "\"assignment_group\": \"Billing\",\n            ")
        #expect(withoutManager != sample)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-dir-\(UUID().uuidString).json")
        try withoutManager.write(to: folder, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: folder) }
        var harness = try SecurityHarness(
            extraConfig: """
                [[template]]
                name = "billing-case"
                type = "case"
                approval = true
                add_case_group_manager = true
                default_severity = "medium"
                accounts = ["ACC0001002"]
                """,
            directoryFile: folder.path)
        defer { harness.remove() }

        let outcome = try harness.escalate("CS0002001", from: "bob@globex.example")
        #expect(outcome.outcome == .refused)
        #expect(outcome.reason.hasPrefix("no-approver"))
        let answer = try #require(try harness.sent("not-permitted", to: "bob@globex.example")?.unwrappedText)
        #expect(answer.contains("asks the case's assignment group manager to approve, and CS0002001 has none"))
        let told = try #require(try harness.sent("no-approver", to: "agent2@support.example"))
        #expect(told.unwrappedText?.contains("Bob Stone asked to escalate CS0002001") == true)
        #expect(try harness.allSent().filter { $0.kind == "approval-requested" }.isEmpty)
        #expect(try harness.subject("CS0002001").requests.isEmpty)
    }
}
