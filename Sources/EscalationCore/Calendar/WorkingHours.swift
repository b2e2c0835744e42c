import Foundation

/// One day's working hours as written in config: `"08:00-18:00"`, or several ranges in order
/// separated by commas (`"08:00-12:00,13:00-17:00"`). Minutes after local midnight; a range
/// ends at `24:00` at the latest and starts before it ends.
public struct WorkingHours: Hashable, Sendable, CustomStringConvertible {
    /// One range of working time, in minutes after local midnight.
    public struct Range: Hashable, Sendable {
        public var start: Int
        public var end: Int
    }

    public var ranges: [Range]

    /// Parses `HH:MM-HH:MM[,HH:MM-HH:MM…]`; nil for a reversed, empty, overlapping or
    /// out-of-order range, or a time past `24:00`.
    public init?(_ text: String) {
        var ranges: [Range] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = part.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let start = Self.minutes(ends[0]), let end = Self.minutes(ends[1]), start < end,
                start >= (ranges.last?.end ?? 0)
            else { return nil }
            ranges.append(Range(start: start, end: end))
        }
        self.ranges = ranges
    }

    /// `HH:MM` from `00:00` to `24:00` as minutes after midnight.
    private static func minutes(_ text: Substring) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), (0...24).contains(hour), (0...59).contains(minute)
        else { return nil }
        let total = hour * 60 + minute
        return total <= 24 * 60 ? total : nil
    }

    public var description: String {
        func time(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }
        return ranges.map { "\(time($0.start))-\(time($0.end))" }.joined(separator: ",")
    }
}

/// A day of the calendar, as holidays are written: `2026-12-25`.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD` naming a day that exists (`2026-02-30` does not).
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month), day >= 1
        else { return nil }
        guard day <= Self.days(inMonth: month, of: year) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The day after this one.
    var next: LocalDate {
        if day < Self.days(inMonth: month, of: year) { return LocalDate(year: year, month: month, day: day + 1) }
        return month == 12 ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: month + 1, day: 1)
    }

    private static func days(inMonth month: Int, of year: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day) }
}
