public import Foundation

/// RFC 5322 §3.3 dates, read and written.
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// `months` as dates are written (RFC 5322 §3.3), and the days of the week from Sunday: every
    /// outgoing mail's `Date` header names one of each (Foundation's `capitalized` bridged each time).
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// Parses `[Day, ]DD Mon YYYY HH:MM[:SS] +ZZZZ` leniently (obsolete zone names accepted).
    public static func parse(_ raw: String) -> Date? {
        var tokens = raw.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = tokens.first, Int(first) == nil { tokens.removeFirst() }
        guard tokens.count >= 4, let day = Int(tokens[0]),
            let month = months.firstIndex(of: String(tokens[1].prefix(3)).lowercased()), var year = Int(tokens[2])
        else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = tokens[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2 else { return nil }
        var offset = 0
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", let value = Int(zone.dropFirst()) {
                offset = (value / 100 * 3600 + value % 100 * 60) * (sign == "-" ? -1 : 1)
            } else {
                let named = ["EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8]
                offset = (named[zone.uppercased()] ?? 0) * 3600
            }
        }
        var components = DateComponents()
        components.year = year
        components.month = month + 1
        components.day = day
        components.hour = clock[0]
        components.minute = clock[1]
        components.second = clock.count > 2 ? clock[2] : 0
        components.timeZone = TimeZone(secondsFromGMT: offset)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar.date(from: components)
    }

    /// Formats a date as RFC 5322 in UTC, e.g. `Tue, 24 Nov 2026 11:00:00 +0000`.
    public static func format(_ date: Date) -> String {
        let time = UTCTime(date)
        let month = monthNames[time.month - 1]
        return "\(weekdays[time.weekday]), \(time.day) \(month) \(time.year) "
            + "\(UTCTime.twoDigits(time.hour)):\(UTCTime.twoDigits(time.minute)):\(UTCTime.twoDigits(time.second)) +0000"
    }
}
