public import Foundation

extension WorkingCalendar {
    /// A moment as people on this calendar read it, to the minute, with the zone's offset at
    /// that moment: `2026-03-30 11:00 UTC+02:00` (Europe/Berlin in summer).
    public func displayTime(_ date: Date) -> String {
        let parts = local(date)
        return String(format: "%04d-%02d-%02d %02d:%02d ", parts.year, parts.month, parts.day, parts.hour, parts.minute) + "UTC" + offset(of: date)
    }

    /// A moment as ISO 8601 in this calendar's zone: `2026-03-30T11:00:00+02:00`.
    public func iso8601(_ date: Date) -> String {
        let parts = local(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second)
            + offset(of: date)
    }

    /// The zone's offset from UTC at a moment: `+02:00`, `-04:00`, `+05:30`.
    private func offset(of date: Date) -> String {
        let seconds = timeZone.secondsFromGMT(for: date)
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    private func local(_ date: Date) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return (parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
