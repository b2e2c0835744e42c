import EscalationCore
import Foundation
import Testing

/// The calendar arithmetic SLA clocks use, on Europe/Berlin: office hours Monday to Friday, a
/// Christmas holiday, and the two daylight-saving changes of 2026 (29 March: 02:00 CET becomes
/// 03:00 CEST; 25 October: 03:00 CEST becomes 02:00 CET).
@Suite struct WorkingCalendarTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    /// Mon-Fri 08:00-18:00, holidays 2026-12-24 to 26.
    static let office = WorkingCalendar(
        name: "office", timeZone: berlin,
        hours: [
            .mon: hours("08:00-18:00"), .tue: hours("08:00-18:00"), .wed: hours("08:00-18:00"), .thu: hours("08:00-18:00"),
            .fri: hours("08:00-18:00"),
        ],
        holidays: [LocalDate("2026-12-24")!, LocalDate("2026-12-25")!, LocalDate("2026-12-26")!])!

    /// Sundays 01:00-05:00 only: on the change days this range spans the missing or repeated hour.
    static let nightShift = WorkingCalendar(name: "night", timeZone: berlin, hours: [.sun: hours("01:00-05:00")])!

    /// Every day round the clock, in Berlin: a whole local day is 23 or 25 hours on the change days.
    static let allDays = WorkingCalendar(
        name: "all", timeZone: berlin, hours: Dictionary(uniqueKeysWithValues: WorkingCalendar.Weekday.allCases.map { ($0, hours("00:00-24:00")) }))!

    /// Mon-Fri with a lunch break.
    static let lunch = WorkingCalendar(
        name: "lunch", timeZone: berlin, hours: [.mon: hours("08:00-12:00,13:00-17:00"), .tue: hours("08:00-12:00,13:00-17:00")])!

    static func hours(_ text: String) -> WorkingHours { WorkingHours(text)! }

    /// A local Berlin wall-clock time, `2026-03-27 17:00`.
    static func berlinTime(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    struct Addition: CustomTestStringConvertible, Sendable {
        let calendar: WorkingCalendar
        let start: String
        let hours: Double
        let due: String
        var testDescription: String { "\(calendar.name): \(start) + \(hours)h = \(due)" }
    }

    @Test(arguments: [
        // The example: Friday 17:00 + 4h, one hour on Friday and three on Monday.
        Addition(calendar: office, start: "2026-03-06 17:00", hours: 4, due: "2026-03-09 11:00"),
        // Started before the day's hours, on a weekend, after hours.
        Addition(calendar: office, start: "2026-03-09 06:30", hours: 1, due: "2026-03-09 09:00"),
        Addition(calendar: office, start: "2026-03-07 12:00", hours: 2, due: "2026-03-09 10:00"),
        Addition(calendar: office, start: "2026-03-09 19:00", hours: 10, due: "2026-03-10 18:00"),
        // Ending exactly at the end of a day's hours ends there, not the next morning.
        Addition(calendar: office, start: "2026-03-06 17:00", hours: 1, due: "2026-03-06 18:00"),
        Addition(calendar: office, start: "2026-03-06 17:00", hours: 0, due: "2026-03-06 17:00"),
        // Christmas Eve to Boxing Day are holidays (Thursday to Saturday), then a Sunday.
        Addition(calendar: office, start: "2026-12-23 16:00", hours: 4, due: "2026-12-28 10:00"),
        // Over the spring change: Friday 27 March 17:00 CET + 4h is Monday 30 March 11:00 CEST.
        Addition(calendar: office, start: "2026-03-27 17:00", hours: 4, due: "2026-03-30 11:00"),
        // Over the autumn change: Friday 23 October 17:00 CEST + 4h is Monday 26 October 11:00 CET.
        Addition(calendar: office, start: "2026-10-23 17:00", hours: 4, due: "2026-10-26 11:00"),
        // A working range that spans the change counts the hours that pass: 3 in spring, 5 in autumn.
        Addition(calendar: nightShift, start: "2026-03-29 00:00", hours: 3, due: "2026-03-29 05:00"),
        Addition(calendar: nightShift, start: "2026-03-29 00:00", hours: 4, due: "2026-04-05 02:00"),
        Addition(calendar: nightShift, start: "2026-10-25 00:00", hours: 5, due: "2026-10-25 05:00"),
        // A whole local day: 23 hours on 29 March, 25 on 25 October.
        Addition(calendar: allDays, start: "2026-03-29 00:00", hours: 23, due: "2026-03-30 00:00"),
        Addition(calendar: allDays, start: "2026-10-25 00:00", hours: 25, due: "2026-10-26 00:00"),
        // Several ranges a day: the lunch hour does not count.
        Addition(calendar: lunch, start: "2026-03-09 11:00", hours: 2, due: "2026-03-09 14:00"),
        Addition(calendar: lunch, start: "2026-03-09 12:30", hours: 0.5, due: "2026-03-09 13:30"),
        Addition(calendar: lunch, start: "2026-03-09 16:00", hours: 2, due: "2026-03-10 09:00"),
    ])
    func addingWorkingTime(_ row: Addition) {
        let start = Self.berlinTime(row.start)
        let due = row.calendar.adding(row.hours * 3600, to: start)
        #expect(due == Self.berlinTime(row.due))
        #expect(row.calendar.workingTime(from: start, to: due) == row.hours * 3600, "working time back from the due time")
    }

    @Test func workingTimeCountsOnlyWorkingHours() {
        let office = Self.office
        // A whole week from Monday 00:00: five days of ten hours.
        #expect(office.workingTime(from: Self.berlinTime("2026-03-09 00:00"), to: Self.berlinTime("2026-03-16 00:00")) == 50 * 3600)
        // Christmas week: Monday, Tuesday, Wednesday only.
        #expect(office.workingTime(from: Self.berlinTime("2026-12-21 00:00"), to: Self.berlinTime("2026-12-28 00:00")) == 30 * 3600)
        #expect(office.workingTime(from: Self.berlinTime("2026-03-10 12:00"), to: Self.berlinTime("2026-03-10 12:00")) == 0)
        #expect(office.workingTime(from: Self.berlinTime("2026-03-10 12:00"), to: Self.berlinTime("2026-03-09 12:00")) == 0)
        #expect(Self.allDays.workingTime(from: Self.berlinTime("2026-03-29 00:00"), to: Self.berlinTime("2026-03-30 00:00")) == 23 * 3600)
        #expect(Self.allDays.workingTime(from: Self.berlinTime("2026-10-25 00:00"), to: Self.berlinTime("2026-10-26 00:00")) == 25 * 3600)
    }

    @Test(arguments: [
        ("08:00-18:00", "08:00-18:00"), ("08:00-12:00,13:00-17:00", "08:00-12:00,13:00-17:00"), ("00:00-24:00", "00:00-24:00"),
        (" 08:00-12:00 , 12:00-13:30", "08:00-12:00,12:00-13:30"),
    ])
    func workingHoursRead(_ text: String, _ normal: String) {
        #expect(WorkingHours(text)?.description == normal)
    }

    @Test(arguments: [
        "18:00-08:00", "25:00-26:00", "08:00-08:00", "8:00-18:00", "08:00", "08:00-18:60", "24:00-24:30", "08:00-12:00,11:00-13:00", "",
        "08:00-12:00,",
    ])
    func badWorkingHoursAreRefused(_ text: String) {
        #expect(WorkingHours(text) == nil)
    }

    @Test(arguments: [
        ("2026-12-25", true), ("2028-02-29", true), ("2026-02-29", false), ("2026-13-01", false), ("2026-1-05", false), ("25.12.2026", false),
    ])
    func holidayDates(_ text: String, _ valid: Bool) {
        #expect((LocalDate(text) != nil) == valid)
    }

    @Test func aCalendarWithoutWorkingHoursIsRefused() {
        #expect(WorkingCalendar(name: "never", timeZone: Self.berlin, hours: [:]) == nil)
    }

    @Test func timesShowTheZonesOffsetAtThatMoment() {
        #expect(Self.office.displayTime(Self.berlinTime("2026-03-30 11:00")) == "2026-03-30 11:00 UTC+02:00")
        #expect(Self.office.displayTime(Self.berlinTime("2026-10-26 11:00")) == "2026-10-26 11:00 UTC+01:00")
        #expect(Self.office.iso8601(Self.berlinTime("2026-03-30 11:00")) == "2026-03-30T11:00:00+02:00")
    }
}
