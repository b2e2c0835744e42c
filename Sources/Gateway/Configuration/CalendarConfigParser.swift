import EscalationCore
import Foundation

/// Reads `[[calendar]]` (working hours for SLA clocks) and checks the `calendar` keys that
/// name one, so that a calendar that could not count time stops `check-config` and start-up.
struct CalendarConfigParser {
    let root: TOMLReader

    /// Every `[[calendar]]`: `name`, `time_zone`, `hours` (`mon = "08:00-18:00"`…), `holidays`.
    func parseCalendars() throws -> [WorkingCalendar] {
        var seen = Set<String>()
        return try root.tables("calendar").map { reader in
            try reader.allowOnly(["name", "time_zone", "hours", "holidays"])
            let name = try reader.string("name")
            guard seen.insert(name).inserted else {
                throw ConfigError(file: root.file, key: reader.key("name"), expected: "a unique calendar name; \"\(name)\" appears twice")
            }
            let zoneName = try reader.string("time_zone")
            guard let timeZone = TimeZone(identifier: zoneName) else {
                throw ConfigError(
                    file: root.file, key: reader.key("time_zone"),
                    expected: "an IANA time zone name such as \"Europe/Berlin\" or \"America/New_York\", got \"\(zoneName)\"")
            }
            let hours = try parseHours(reader)
            let holidays = try reader.strings("holidays").enumerated().map { index, text in
                guard let date = LocalDate(text) else {
                    throw ConfigError(
                        file: root.file, key: "\(reader.key("holidays"))[\(index)]",
                        expected: "a date as \"YYYY-MM-DD\", e.g. \"2026-12-25\", got \"\(text)\"")
                }
                return date
            }
            guard let calendar = WorkingCalendar(name: name, timeZone: timeZone, hours: hours, holidays: Set(holidays)) else {
                throw ConfigError(
                    file: root.file, key: reader.key("hours"),
                    expected: "working hours on at least one day, e.g. mon = \"08:00-18:00\" (the clocks would never run)")
            }
            return calendar
        }
    }

    /// `[calendar.hours]`: a day left out has no working hours.
    private func parseHours(_ reader: TOMLReader) throws -> [WorkingCalendar.Weekday: WorkingHours] {
        let table = try reader.table("hours")
        try table.allowOnly(Set(WorkingCalendar.Weekday.allCases.map(\.rawValue)))
        var hours: [WorkingCalendar.Weekday: WorkingHours] = [:]
        for day in WorkingCalendar.Weekday.allCases {
            guard let text = try table.optionalString(day.rawValue) else { continue }
            guard let parsed = WorkingHours(text) else {
                throw ConfigError(
                    file: root.file, key: table.key(day.rawValue),
                    expected: "working hours as \"HH:MM-HH:MM\" from 00:00 to 24:00, each range starting before it ends and after the one before it, "
                        + "several separated by commas (\"08:00-12:00,13:00-17:00\"); leave the day out for none; got \"\(text)\"")
            }
            hours[day] = parsed
        }
        return hours
    }

    /// The `calendar` key of a severity or template: nil when absent, else a defined calendar's name.
    func calendarName(in reader: TOMLReader, calendars: [WorkingCalendar]) throws -> String? {
        guard let name = try reader.optionalString("calendar") else { return nil }
        guard calendars.contains(where: { $0.name == name }) else {
            let known =
                calendars.isEmpty
                ? "no [[calendar]] is defined: add one with this name"
                : "one of the [[calendar]] names (\(calendars.map(\.name).joined(separator: ", ")))"
            throw ConfigError(file: root.file, key: reader.key("calendar"), expected: "\(known), got \"\(name)\"")
        }
        return name
    }
}
