import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import MailMessage
import Testing

/// A pending request reminds its undecided approvers once per `approval_reminder`, goes to the
/// template's backup approvers after `approval_timeout` (without any: the case owner is told),
/// and is never decided by a timer. Time comes from an injected clock.
@Suite struct ApprovalTimerTests {
    static let start = Date(timeIntervalSince1970: 1_795_000_000)

    /// The sample case template with timers: everything else as in `Samples/gateway.toml`.
    static func config(backup: String?, timers: Bool = true) -> String {
        """
        [[template]]
        name = "acme-case"
        type = "case"
        approval = true
        approvers = ["duty-manager@support.example"]
        add_case_group_manager = true
        default_severity = "medium"
        accounts = ["ACC0001001"]
        \(timers ? "approval_reminder = \"4h\"\napproval_timeout = \"1d\"" : "approval_reminder = \"none\"")
        \(backup.map { "backup_approvers = [\"\($0)\"]" } ?? "")
        """
    }

    @Test func remindersOncePerPeriodThenTheBackupApproverDecides() throws {
        let clock = VirtualClock(start: Self.start)
        var harness = try SecurityHarness(extraConfig: Self.config(backup: "em@support.example"), clock: { clock.now() })
        defer { harness.remove() }
        _ = try harness.escalate()
        let approvers = ["duty-manager@support.example", "t2-manager@support.example"]

        clock.advance(by: 3 * 3600 + 59 * 60)
        try harness.tick()
        #expect(try harness.allSent().filter { $0.kind == "approval-reminder" }.isEmpty)

        clock.advance(by: 60)
        try harness.tick()
        try harness.tick()
        var reminders = try harness.allSent().filter { $0.kind == "approval-reminder" }
        #expect(reminders.map(\.recipients).sorted { $0[0] < $1[0] } == approvers.map { [$0] }, "one reminder each, however often the pass runs")
        let reminder = try #require(try harness.sent("approval-reminder", to: "duty-manager@support.example"))
        let token = SecurityHarness.token(of: reminder)
        #expect(token.hasPrefix("r1x"))
        let text = try #require(reminder.unwrappedText)
        #expect(text.contains("has waited 4h for your decision"))
        #expect(text.contains("subject=APPROVE%20%5Bref%3A\(token)%5D"))
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        #expect(reminder.subject == approval.subject, "on the case thread")
        #expect(reminder.references.contains(approval.messageID ?? "-"))

        clock.advance(by: 4 * 3600)
        try harness.tick()
        reminders = try harness.allSent().filter { $0.kind == "approval-reminder" }
        #expect(reminders.count == 4, "a second reminder each after the second period")
        #expect(try harness.sent("approval-requested", to: "em@support.example") == nil)

        clock.advance(by: 16 * 3600)
        try harness.tick()
        let backup = try #require(try harness.sent("approval-requested", to: "em@support.example"))
        #expect(
            backup.unwrappedText?.contains("The approvers (Dana Duty, Terry Tier2) have not decided within 1d; you may decide as backup approver.")
                == true, "\(backup.unwrappedText ?? "")")
        #expect(backup.header["X-Escalation-Reason"] == "approver")
        #expect(try harness.subject("CS0001234").requests.map(\.state) == ["pending"], "never decided by a timer")
        #expect(try harness.subject("CS0001234").journal.contains { $0.action == "request.backup_asked" })

        reminders = try harness.allSent().filter { $0.kind == "approval-reminder" }
        #expect(reminders.count == 6, "the third period's reminders go to the approvers, not to the backup just asked")

        let outcome = try harness.reply(to: backup, from: "Erin Escalation <em@support.example>", body: "Approved.")
        #expect(outcome.outcome == .applied)
        #expect(outcome.escalation == "ESC0001001")
        for approver in approvers {
            #expect(try harness.sent("request-decided", to: approver)?.unwrappedText?.contains("approved by Erin Escalation") == true)
        }
        let before = try harness.allSent().count
        clock.advance(by: 8 * 3600)
        try harness.tick()
        #expect(try harness.allSent().filter { $0.kind == "approval-reminder" }.count == reminders.count, "no reminder once decided")
        #expect(try harness.allSent().count >= before)
    }

    @Test func withoutBackupApproversTheCaseOwnerIsToldAndNothingIsDecided() throws {
        let clock = VirtualClock(start: Self.start)
        var harness = try SecurityHarness(extraConfig: Self.config(backup: nil), clock: { clock.now() })
        defer { harness.remove() }
        _ = try harness.escalate()
        clock.advance(by: 24 * 3600)
        try harness.tick()
        let overdue = try #require(try harness.sent("approval-overdue", to: "agent1@support.example"))
        #expect(overdue.to.map(\.address) == ["agent1@support.example"])
        let text = try #require(overdue.unwrappedText)
        #expect(text.contains("Still waiting for: Dana Duty, Terry Tier2"))
        #expect(text.contains("Nothing was decided automatically"))
        clock.advance(by: 24 * 3600)
        try harness.tick()
        #expect(try harness.allSent().filter { $0.kind == "approval-overdue" }.count == 1, "told once")
        #expect(try harness.subject("CS0001234").requests.map(\.state) == ["pending"])
    }

    @Test func aTemplateWithoutTimersNeverReminds() throws {
        let clock = VirtualClock(start: Self.start)
        var harness = try SecurityHarness(extraConfig: Self.config(backup: nil, timers: false), clock: { clock.now() })
        defer { harness.remove() }
        _ = try harness.escalate()
        clock.advance(by: 30 * 24 * 3600)
        try harness.tick()
        #expect(try harness.allSent().filter { ["approval-reminder", "approval-overdue"].contains($0.kind) }.isEmpty)
    }
}
