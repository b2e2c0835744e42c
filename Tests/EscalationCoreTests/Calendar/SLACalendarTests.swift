import EscalationCore
import EscalationValues
import Foundation
import Testing

private typealias F = Fixtures
private typealias W = WorkingCalendarTests

/// SLA clocks on a calendar, driven through the engine with an injected clock: the deadline and
/// the warning count working time only, over weekends, holidays and both daylight-saving changes.
@Suite struct SLACalendarTests {
    /// A configuration where case escalations need no approval (so the record starts at once),
    /// the medium severity (response 4h) counts in `severityCalendar` and the case template in
    /// `templateCalendar`.
    static func configuration(severityCalendar: String?, templateCalendar: String? = nil) -> EscalationConfiguration {
        var configuration = F.configuration(caseApproval: false)
        configuration.calendars = [W.office, W.allDays]
        for index in configuration.severities.indices { configuration.severities[index].calendar = severityCalendar }
        configuration.templates[0].calendar = templateCalendar
        return configuration
    }

    /// A case escalation by the customer at a Berlin wall-clock time.
    static func escalated(at time: String, _ configuration: EscalationConfiguration) throws -> (Conversation, Escalation) {
        var chat = Conversation(.supportCase(F.login), configuration: configuration)
        chat.now = W.berlinTime(time).addingTimeInterval(-60)
        chat.send(Conversation.escalate(), from: F.jane)
        return (chat, try #require(chat.state.activeEscalation))
    }

    @Test(arguments: [
        ("2026-03-06 17:00", "2026-03-09 10:00", "2026-03-09 11:00"),  // a plain weekend
        ("2026-03-27 17:00", "2026-03-30 10:00", "2026-03-30 11:00"),  // the weekend clocks go forward
        ("2026-10-23 17:00", "2026-10-26 10:00", "2026-10-26 11:00"),  // the weekend clocks go back
        ("2026-12-23 16:00", "2026-12-28 09:00", "2026-12-28 10:00"),  // Christmas holidays, then a Sunday
    ])
    func theResponseClockCountsWorkingTimeAndWarnsAtThreeQuartersOfIt(_ start: String, _ warning: String, _ due: String) throws {
        let (chat, escalation) = try Self.escalated(at: start, Self.configuration(severityCalendar: "office"))
        let response = escalation.sla.response
        #expect(response.dueAt == W.berlinTime(due))
        #expect(response.calendar == "office")
        #expect(escalation.sla.resolution.dueAt == W.office.adding(5 * 86_400, to: W.berlinTime(start)), "resolution: 5d of working time")

        let engine = chat.engine
        #expect(
            engine.tick(escalation, directory: F.directory, now: W.berlinTime(warning).addingTimeInterval(-60)) == nil, "no warning a minute early")
        let warned = try #require(engine.tick(escalation, directory: F.directory, now: W.berlinTime(warning)))
        #expect(warned.notices.map(\.kind) == [.slaWarning])
        guard case .slaWarning(let event) = warned.notices.first?.event else {
            Issue.record("no SLA warning")
            return
        }
        #expect(event.due == W.berlinTime(due) && event.calendar == "office")
        #expect(warned.escalation.sla.response.warnedAt == W.berlinTime(warning))
        #expect(
            engine.tick(warned.escalation, directory: F.directory, now: W.berlinTime(due).addingTimeInterval(-60)) == nil, "no breach a minute early")
        let breached = try #require(engine.tick(warned.escalation, directory: F.directory, now: W.berlinTime(due)))
        #expect(breached.notices.map(\.kind) == [.slaBreached])
        #expect(breached.escalation.sla.response.breachedAt == W.berlinTime(due))
    }

    @Test func theNextSLAEventIsTheWorkingTimeWarning() throws {
        let (_, escalation) = try Self.escalated(at: "2026-03-06 17:00", Self.configuration(severityCalendar: "office"))
        #expect(escalation.sla.nextEventAt(warningShare: 0.75) == W.berlinTime("2026-03-09 10:00"))
    }

    @Test func withoutACalendarClocksRunRoundTheClockAsBefore() throws {
        let (_, escalation) = try Self.escalated(at: "2026-03-06 17:00", Self.configuration(severityCalendar: nil))
        #expect(escalation.sla.response.dueAt == W.berlinTime("2026-03-06 21:00"))
        #expect(escalation.sla.response.calendar == nil && escalation.sla.response.warningDueAt == nil)
        #expect(escalation.sla.response.warningAt(share: 0.75) == W.berlinTime("2026-03-06 20:00"))
    }

    @Test(
        arguments: [
            (Optional("office"), Optional("all"), "2026-03-06 21:00", "all"),  // the template's calendar wins
            (nil, "all", "2026-03-06 21:00", "all"),
            ("office", nil, "2026-03-09 11:00", "office"),  // else the severity's
        ] as [(String?, String?, String, String)])
    func theTemplatesCalendarTakesPrecedenceOverTheSeveritys(_ severity: String?, _ template: String?, _ due: String, _ used: String) throws {
        let (_, escalation) = try Self.escalated(at: "2026-03-06 17:00", Self.configuration(severityCalendar: severity, templateCalendar: template))
        #expect(escalation.sla.response.dueAt == W.berlinTime(due))
        #expect(escalation.sla.response.calendar == used)
    }

    @Test func aSeverityChangeAndTheOwnersUpdatesStartClocksInWorkingTime() throws {
        var (chat, _) = try Self.escalated(at: "2026-03-27 17:00", Self.configuration(severityCalendar: "office"))
        // SEVERITY high (response 1h, update 4h, resolution 2d) at 17:30 from the owner: the
        // response clock is re-targeted, then met by the owner's mail, which starts the update clock.
        chat.send(.severity("high"), from: F.owner, after: 1800)
        let sla = try #require(chat.state.activeEscalation?.sla)
        #expect(sla.response.status == "met")
        let update = try #require(sla.update)
        #expect(update.dueAt == W.berlinTime("2026-03-30 11:30") && update.calendar == "office")
        #expect(sla.resolution.dueAt == W.office.adding(2 * 86_400, to: W.berlinTime("2026-03-27 17:30")))
        #expect(sla.resolution.dueAt == W.berlinTime("2026-04-03 15:30"), "48 working hours: half an hour on Friday, four days of ten, then 7.5")
    }
}
