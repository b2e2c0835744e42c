import EscalationCore
import Foundation
import Gateway
import GatewayTestSupport
import Testing

/// `[[calendar]]` and the `calendar` keys of severities and templates: a calendar loads as
/// written, and one that could not count time stops the config with the key and the fix.
@Suite struct CalendarConfigTests {
    static let calendar = """
        [[calendar]]
        name = "office"
        time_zone = "Europe/Berlin"
        holidays = ["2026-12-25", "2026-12-26"]
        [calendar.hours]
        mon = "08:00-18:00"
        tue = "08:00-18:00"
        wed = "08:00-12:00,13:00-18:00"
        thu = "08:00-18:00"
        fri = "08:00-18:00"
        """

    /// The sample config with `calendar` appended and each replacement made.
    private func load(_ calendar: String = Self.calendar, replacing: [(String, String)] = []) throws -> GatewayConfig {
        let workspace = try TestWorkspace(extraConfig: calendar, replacing: replacing)
        defer { workspace.remove() }
        return try GatewayConfig.load(path: workspace.configURL.path)
    }

    @Test func aCalendarLoadsWithItsHoursHolidaysAndTheKeysThatNameIt() throws {
        let config = try load(replacing: [
            ("response = \"4h\"", "response = \"4h\"\ncalendar = \"office\""),
            ("default_severity = \"high\"", "default_severity = \"high\"\ncalendar = \"office\""),
        ])
        let office = try #require(config.escalation.calendar(named: "office"))
        #expect(office.timeZone.identifier == "Europe/Berlin")
        #expect(office.holidays == [LocalDate("2026-12-25")!, LocalDate("2026-12-26")!])
        #expect(config.escalation.severities.map(\.calendar) == [nil, "office"])
        #expect(config.escalation.templates.map(\.calendar) == [nil, "office"])
        // Wednesday 11:00 + 2h of working time skips the lunch hour.
        let wednesday = try Date("2026-03-11T10:00:00Z", strategy: .iso8601)
        #expect(office.adding(7200, to: wednesday) == wednesday.addingTimeInterval(3 * 3600))
    }

    @Test func withoutCalendarsNothingChanges() throws {
        let config = try load("")
        #expect(config.escalation.calendars.isEmpty)
        #expect(config.escalation.severities.allSatisfy { $0.calendar == nil })
    }

    @Test(arguments: [
        ("mon = \"08:00-18:00\"", "mon = \"18:00-08:00\"", "calendar[0].hours.mon", "HH:MM-HH:MM"),
        ("tue = \"08:00-18:00\"", "tue = \"25:00-26:00\"", "calendar[0].hours.tue", "from 00:00 to 24:00"),
        ("wed = \"08:00-12:00,13:00-18:00\"", "wed = \"08:00-13:00,12:00-18:00\"", "calendar[0].hours.wed", "after the one before it"),
        ("mon = \"08:00-18:00\"", "monday = \"08:00-18:00\"", "calendar[0].hours.monday", "known keys here: fri, mon, sat, sun, thu, tue, wed"),
        ("\"Europe/Berlin\"", "\"Europe/Bonn\"", "calendar[0].time_zone", "IANA time zone name"),
        ("\"2026-12-26\"]", "\"2026-12-32\"]", "calendar[0].holidays[1]", "\"YYYY-MM-DD\""),
        ("holidays = [", "opening = \"08:00\"\nholidays = [", "calendar[0].opening", "unknown key"),
    ])
    func aBrokenCalendarNamesTheKeyAndTheFix(_ original: String, _ broken: String, _ key: String, _ fix: String) throws {
        #expect(Self.calendar.contains(original))
        let error = try #require(throws: ConfigError.self) { try load(Self.calendar.replacingOccurrences(of: original, with: broken)) }
        #expect(error.key == key)
        #expect(error.expected.contains(fix), "\(error)")
    }

    @Test func aCalendarWithNoWorkingDayIsRefused() throws {
        let empty = "[[calendar]]\nname = \"never\"\ntime_zone = \"UTC\"\n[calendar.hours]\n"
        let error = try #require(throws: ConfigError.self) { try load(empty) }
        #expect(error.key == "calendar[0].hours")
        #expect(error.expected.contains("at least one day"))
    }

    @Test func twoCalendarsOfOneNameAreRefused() throws {
        let error = try #require(throws: ConfigError.self) { try load(Self.calendar + "\n" + Self.calendar) }
        #expect(error.key == "calendar[1].name")
    }

    @Test(arguments: [
        ("response = \"4h\"", "response = \"4h\"\ncalendar = \"offfice\"", "severity[1].calendar"),
        ("default_severity = \"high\"", "default_severity = \"high\"\ncalendar = \"offfice\"", "template[1].calendar"),
    ])
    func aCalendarKeyMustNameADefinedCalendar(_ original: String, _ broken: String, _ key: String) throws {
        let error = try #require(throws: ConfigError.self) { try load(replacing: [(original, broken)]) }
        #expect(error.key == key)
        #expect(error.expected == "one of the [[calendar]] names (office), got \"offfice\"")
        let none = try #require(throws: ConfigError.self) { try load("", replacing: [(original, broken)]) }
        #expect(none.expected.contains("no [[calendar]] is defined"))
    }
}
