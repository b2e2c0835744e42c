import EscalationCore
import Foundation

/// Text made safe for HTML: every piece of text the dashboard shows passes through `escape`,
/// so that a justification or a mail reading `<script>` shows those characters and runs nothing.
enum HTML {
    /// `&`, `<`, `>`, `"` and `'` as character references (HTML Living Standard §13.1.4).
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// A query parameter's value, percent-encoded for a link.
    static func queryValue(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~@")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

/// Times and durations as the dashboard writes them: UTC (an SLA clock's in its calendar's zone), to the minute.
enum DashboardTime {
    /// `2026-12-07 04:32 UTC`.
    static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }

    /// A length of time: `2d 4h`, `3h 5m`, `12m`; under a minute `0m`.
    static func span(_ seconds: TimeInterval) -> String {
        let minutes = max(0, Int(seconds) / 60)
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return rest > 0 ? "\(hours)h \(rest)m" : "\(hours)h" }
        return "\(rest)m"
    }

    /// A `<time>` element showing `moment`, or the time in `calendar`'s zone when one is given.
    static func element(_ date: Date, in calendar: WorkingCalendar? = nil) -> String {
        "<time datetime=\"\(date.formatted(.iso8601))\">\(calendar?.displayTime(date) ?? moment(date))</time>"
    }
}
