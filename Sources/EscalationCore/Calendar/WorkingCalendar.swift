public import Foundation

/// Working hours in a time zone, with holidays (`[[calendar]]` in config): the time an SLA clock
/// on this calendar counts. Its arithmetic works on real instants, so a working day that spans a
/// daylight-saving change counts the hours that really pass (23 or 25 for a whole day).
public struct WorkingCalendar: Hashable, Sendable {
    /// A day of the week as config names it.
    public enum Weekday: String, Sendable, CaseIterable {
        case mon, tue, wed, thu, fri, sat, sun

        /// Foundation's weekday number (1 is Sunday).
        var foundationWeekday: Int {
            switch self {
            case .sun: 1
            case .mon: 2
            case .tue: 3
            case .wed: 4
            case .thu: 5
            case .fri: 6
            case .sat: 7
            }
        }
    }

    public let name: String
    public let timeZone: TimeZone
    /// Working hours by Foundation weekday (1 is Sunday); a day missing has none.
    private let hoursByWeekday: [Int: WorkingHours]
    public let holidays: Set<LocalDate>
    /// The Gregorian calendar in `timeZone`.
    private let gregorian: Calendar

    /// A calendar; nil when no weekday has working hours (time would never pass on it).
    public init?(name: String, timeZone: TimeZone, hours: [Weekday: WorkingHours], holidays: Set<LocalDate> = []) {
        guard hours.values.contains(where: { !$0.ranges.isEmpty }) else { return nil }
        self.name = name
        self.timeZone = timeZone
        self.hoursByWeekday = Dictionary(uniqueKeysWithValues: hours.map { ($0.key.foundationWeekday, $0.value) })
        self.holidays = holidays
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        self.gregorian = gregorian
    }

    /// The moment `duration` seconds of working time after `start`: `adding(4h, to: Friday
    /// 17:00)` with hours 08:00-18:00 Monday to Friday is Monday 11:00. A duration of zero or
    /// less is `start` itself; a duration that ends exactly at the end of a range ends there.
    public func adding(_ duration: TimeInterval, to start: Date) -> Date {
        guard duration > 0 else { return start }
        var remaining = duration
        var day = localDate(of: start)
        while true {
            for (from, until) in workingIntervals(on: day) where until > start {
                let begin = max(from, start)
                let available = until.timeIntervalSince(begin)
                if remaining <= available { return begin.addingTimeInterval(remaining) }
                remaining -= available
            }
            day = day.next
        }
    }

    /// The working time between two moments (zero when `end` is not after `start`).
    public func workingTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        var total: TimeInterval = 0
        var day = localDate(of: start)
        let last = localDate(of: end)
        while day <= last {
            for (from, until) in workingIntervals(on: day) {
                let begin = max(from, start)
                let finish = min(until, end)
                if finish > begin { total += finish.timeIntervalSince(begin) }
            }
            day = day.next
        }
        return total
    }

    /// The working ranges of one local day as instants: none on a holiday or a day without hours.
    private func workingIntervals(on day: LocalDate) -> [(Date, Date)] {
        guard !holidays.contains(day), let midnight = instant(day, minutes: 0),
            let hours = hoursByWeekday[gregorian.component(.weekday, from: midnight)]
        else { return [] }
        return hours.ranges.compactMap { range in
            guard let from = instant(day, minutes: range.start), let until = instant(day, minutes: range.end) else { return nil }
            return (from, until)
        }
    }

    /// The instant of a local wall-clock time; `24:00` is the next day's midnight.
    private func instant(_ day: LocalDate, minutes: Int) -> Date? {
        if minutes >= 24 * 60 { return instant(day.next, minutes: minutes - 24 * 60) }
        return gregorian.date(
            from: DateComponents(year: day.year, month: day.month, day: day.day, hour: minutes / 60, minute: minutes % 60))
    }

    private func localDate(of date: Date) -> LocalDate {
        let parts = gregorian.dateComponents([.year, .month, .day], from: date)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }
}
