import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import GatewayTestSupport
import MailMessage
import Testing

/// The `[notify]` table through `process`: each default row, the events a conversation causes,
/// checked against the people the README's table names (issue 23).
@Suite struct NotifyTableTests {
    static let jane = "jane@acme.example"
    static let raj = "raj@acme.example"
    static let owner = "agent1@support.example"
    static let duty = "duty-manager@support.example"
    static let groupManager = "t2-manager@support.example"
    static let am = "am@support.example"
    static let em = "em@support.example"
    static let vp = "vp-support@support.example"

    /// Who got the mail of `template` that `outcome` caused (To and Cc), sorted.
    static func recipients(_ outcome: MailOutcome, _ template: String) -> [String] {
        outcome.sent.filter { $0.template == template }.flatMap(\.to).sorted()
    }

    @Test func everyDefaultRowOnACaseEscalation() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var h = try SecurityHarness(clock: clock.now)
        defer { h.remove() }
        let received = try h.escalate()
        #expect(Self.recipients(received, "request-received") == [Self.owner, Self.jane])
        let approval = try #require(try h.sent("approval-requested", to: Self.duty))
        let rejected = try h.reply(to: approval, from: Self.duty, body: "REJECT The fix ships on Friday.")
        #expect(Self.recipients(rejected, "rejected") == [Self.owner, Self.jane])
        clock.advance(by: 31 * 60)
        let again = try h.escalate(justification: "Friday is too late.")
        #expect(Self.recipients(again, "reescalation-received") == [Self.owner, Self.jane])
        let second = try #require(try h.sent("approval-requested", to: Self.duty))
        let approved = try h.reply(to: second, from: Self.duty, body: "APPROVE")
        #expect(Self.recipients(approved, "approved") == [Self.owner, Self.jane])
        let ownersCopy = try #require(try h.sent("approved", to: Self.owner))

        let customerWatches = try h.reply(to: ownersCopy, from: Self.owner, body: "WATCH \(Self.raj)")
        #expect(customerWatches.outcome == .applied)
        #expect(Self.recipients(customerWatches, "watch-list-changed").isEmpty)
        let staffWatches = try h.reply(to: ownersCopy, from: Self.owner, body: "WATCH \(Self.am)")
        #expect(Self.recipients(staffWatches, "watch-list-changed") == [Self.am])
        let severity = try h.reply(to: ownersCopy, from: Self.owner, body: "SEVERITY high")
        #expect(Self.recipients(severity, "severity-changed") == [Self.am])
        let groupApproval = try #require(try h.sent("approval-requested", to: Self.groupManager))
        let trend = try h.reply(to: groupApproval, from: Self.groupManager, body: "TREND worsening")
        #expect(trend.outcome == .applied)
        #expect(Self.recipients(trend, "trend-changed") == [Self.am])
        #expect(Self.recipients(trend, "work-note") == [Self.owner])

        let toCustomer = try h.reply(to: ownersCopy, from: Self.owner, body: "We found the cause and are testing a fix.")
        #expect(Self.recipients(toCustomer, "staff-message") == [Self.am, Self.jane, Self.raj])
        let janesCopy = try #require(try h.sent("staff-message", to: Self.jane))
        let fromCustomer = try h.reply(to: janesCopy, from: Self.jane, body: "Thanks, we can test it tomorrow morning.")
        #expect(Self.recipients(fromCustomer, "customer-message") == [Self.owner, Self.am, Self.duty])
        let note = try h.reply(to: ownersCopy, from: Self.owner, body: "NOTE the fix needs a restart at their site.")
        #expect(Self.recipients(note, "internal-note") == [Self.am, Self.duty])

        clock.advance(by: 4 * 3600 + 60)
        #expect(try h.gateway.tickSLAs() > 0)
        let slaMail = try h.allSent().filter { $0.kind.hasPrefix("sla-") }
        #expect(!slaMail.isEmpty)
        #expect(Set(slaMail.flatMap(\.recipients)) == [Self.owner, Self.am])

        let deescalated = try h.reply(to: ownersCopy, from: Self.owner, body: "DE-ESCALATE the fix is installed")
        #expect(Self.recipients(deescalated, "deescalated") == [Self.owner, Self.am, Self.jane, Self.raj])
    }

    @Test func everyDefaultRowOnAnAccountEscalation() throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        let received = try h.write(
            from: "Jane Doe <\(Self.jane)>", subject: "Escalate our account",
            body: "ESCALATE ACCOUNT\r\nReason: Executive Visibility\r\nCases CS0001235 and CS0002001 block our rollout.")
        #expect(Self.recipients(received, "request-received") == [Self.am, Self.em, Self.jane])
        let receivedText = try #require(try h.sent("request-received", to: Self.jane)).textBody ?? ""
        #expect(receivedText.contains("CS0002001 (no such case on account Acme Corp)"))
        #expect(!receivedText.contains("Globex") && !receivedText.contains("Invoices missing"))
        let approval = try #require(try h.sent("approval-requested", to: Self.vp))
        #expect(approval.textBody?.contains("Cases named: CS0001235\n") == true)
        let approved = try h.reply(to: approval, from: Self.vp, body: "APPROVE")
        #expect(Self.recipients(approved, "approved") == [Self.am, Self.em, Self.jane])
        let managersCopy = try #require(try h.sent("approved", to: Self.em))

        let linked = try h.reply(to: managersCopy, from: Self.em, body: "LINK CS0001234")
        #expect(Self.recipients(linked, "linked-cases-changed") == [Self.am])
        let foreign = try h.reply(to: managersCopy, from: Self.em, body: "LINK CS0002001")
        #expect(foreign.outcome == .refused)
        #expect(try h.sent("not-understood", to: Self.em)?.textBody?.contains("No case CS0002001 is on account Acme Corp") == true)
        let missing = try h.reply(to: managersCopy, from: Self.em, body: "LINK CS0009999")
        #expect(missing.outcome == .refused)
        let report = try h.subject("ACC0001001")
        #expect(report.escalation?.linkedCases == ["CS0001235", "CS0001234"])
        let assigned = try h.reply(to: managersCopy, from: Self.em, body: "ASSIGN agent2@support.example")
        #expect(Self.recipients(assigned, "assignment-changed") == ["agent2@support.example", Self.am])
    }

    @Test func escalatedAndSLAWarningRowsWithoutApproval() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var h = try SecurityHarness(extraConfig: SecurityHarness.directTemplate, clock: clock.now)
        defer { h.remove() }
        let escalated = try h.escalate("CS0002001", from: "Bob Stone <bob@globex.example>")
        #expect(Self.recipients(escalated, "escalated") == ["agent2@support.example", "bob@globex.example"])
        clock.advance(by: 3 * 3600 + 60)
        #expect(try h.gateway.tickSLAs() > 0)
        #expect(try h.allSent().filter { $0.kind == "sla-warning" }.map(\.recipients) == [["agent2@support.example"]])
    }

    @Test func aConfiguredRowReplacesItsDefaultAndStaffRowsNeverReachCustomers() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var h = try SecurityHarness(
            extraConfig: "[notify]\nrejected = [\"requester\"]\nseverity-changed = [\"owner\", \"watchers\"]\n", clock: clock.now)
        defer { h.remove() }
        _ = try h.escalate()
        let approval = try #require(try h.sent("approval-requested", to: Self.duty))
        let rejected = try h.reply(to: approval, from: Self.duty, body: "REJECT Not now.")
        #expect(Self.recipients(rejected, "rejected") == [Self.jane])
        clock.advance(by: 31 * 60)
        _ = try h.escalate(justification: "Needed after all.")
        let second = try #require(try h.sent("approval-requested", to: Self.duty))
        _ = try h.reply(to: second, from: Self.duty, body: "APPROVE")
        let ownersCopy = try #require(try h.sent("approved", to: Self.owner))
        _ = try h.reply(to: ownersCopy, from: Self.owner, body: "WATCH \(Self.raj)")
        let severity = try h.reply(to: ownersCopy, from: Self.owner, body: "SEVERITY high")
        #expect(severity.outcome == .applied)
        #expect(Self.recipients(severity, "severity-changed").isEmpty)
    }

    @Test func anUnknownEventOrRoleInNotifyIsAConfigError() throws {
        for extra in ["[notify]\nsomething-else = [\"owner\"]\n", "[notify]\nrejected = [\"boss\"]\n"] {
            let workspace = try TestWorkspace(extraConfig: extra)
            defer { workspace.remove() }
            #expect(throws: ConfigError.self) { try GatewayConfig.load(path: workspace.configURL.path) }
        }
    }
}

/// The README's `[notify]` table is the code's, row by row.
@Suite struct NotifyTableReadmeTests {
    @Test func theReadmeTableListsEveryDefaultRow() throws {
        let readme = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "<!-- notify-table -->"))
        let end = try #require(readme.range(of: "<!-- /notify-table -->"))
        var rows: [String: [String]] = [:]
        for line in readme[start.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let event = String(cells[0].dropFirst().prefix { $0 != "`" })
            rows[event] = cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.count == NotifyTable.events.count)
        for event in NotifyTable.events {
            #expect(rows[event.rawValue] == NotifyTable.defaults[event]?.map(\.rawValue), "README row \(event.rawValue)")
            let staffOnly = !NotifyTable.customerEvents.contains(event)
            #expect(readme[start.upperBound..<end.lowerBound].contains("`\(event.rawValue)`\(staffOnly ? " (staff only)" : " |")"))
        }
    }
}
