import EscalationCore
import Foundation
import Gateway
import GatewayDemo
import GatewayTestSupport
import MailMessage
import Testing

/// An SLA on a calendar through the real pipeline and SQLite file, on an injected clock: Globex's
/// cases escalate at once on a template counting Berlin office hours (Mon-Fri 08:00-18:00). Bob
/// escalates on Friday 27 March 2026 at 17:00 CET, the weekend the clocks go forward: the
/// 4-hour response target is due on Monday at 11:00 CEST, its warning at 10:00 CEST.
@Suite struct CalendarGatewayTests {
    static let config = SecurityHarness.directTemplate + "\ncalendar = \"office\"\n\n" + CalendarConfigTests.calendar

    @Test func theResponseClockCountsOfficeHoursAndShowsBerlinTime() throws {
        let clock = VirtualClock(start: try Date("2026-03-27T16:00:00Z", strategy: .iso8601))
        var h = try SecurityHarness(extraConfig: Self.config, clock: clock.now)
        defer { h.remove() }
        _ = try h.escalate("CS0002001", from: "Bob Stone <bob@globex.example>")
        let escalated = try #require(try h.sent("escalated", to: "agent2@support.example"))
        #expect(escalated.textBody?.contains("Response due: 2026-03-30 11:00 UTC+02:00") == true, "\(escalated.textBody ?? "")")

        let response = try #require(try h.subject("CS0002001").escalation?.sla.response)
        #expect(response.due == "2026-03-30T11:00:00+02:00" && response.calendar == "office")
        #expect(response.startedAt == "2026-03-27T17:00:00+01:00")

        // Sunday evening is past three quarters of the wall-clock time to the deadline, but no working time has passed.
        clock.advance(by: 50 * 3600)
        #expect(try h.gateway.tickSLAs() == 0)
        clock.advance(by: 14 * 3600 - 60)
        #expect(try h.gateway.tickSLAs() == 0, "a minute before 10:00 CEST")
        clock.advance(by: 60)
        try h.tick()
        let warning = try #require(try h.sent("sla-warning", to: "agent2@support.example"))
        #expect(warning.unwrappedText?.contains("falls due at 2026-03-30 11:00 UTC+02:00") == true, "\(warning.textBody ?? "")")

        // The clock, its calendar and its warning survive a restart: they are in the database.
        let reopened = try h.workspace.gateway(clock: clock.now)
        guard case .subject(let report) = try reopened.showReport("CS0002001") else {
            Issue.record("no case CS0002001")
            return
        }
        let stored = try #require(report.escalation?.sla.response)
        #expect(stored.calendar == "office" && stored.warnedAt == "2026-03-30T10:00:00+02:00" && stored.status == "open")
        clock.advance(by: 3600)
        #expect(try reopened.tickSLAs() == 1, "the breach at 11:00 CEST")
    }

    @Test func withoutACalendarTheSameEscalationRunsRoundTheClockInUTC() throws {
        let clock = VirtualClock(start: try Date("2026-03-27T16:00:00Z", strategy: .iso8601))
        var h = try SecurityHarness(extraConfig: SecurityHarness.directTemplate, clock: clock.now)
        defer { h.remove() }
        _ = try h.escalate("CS0002001", from: "Bob Stone <bob@globex.example>")
        let escalated = try #require(try h.sent("escalated", to: "agent2@support.example"))
        #expect(escalated.textBody?.contains("Response due: 2026-03-27 20:00 UTC") == true)
        let response = try #require(try h.subject("CS0002001").escalation?.sla.response)
        #expect(response.due == "2026-03-27T20:00:00Z" && response.calendar == nil)
    }
}
