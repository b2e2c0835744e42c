import Foundation
import MailMessage
import Testing

@Suite struct UTCTimeTests {
    /// What Foundation's Gregorian calendar says, the reference the arithmetic must agree with.
    private func calendarParts(_ date: Date) -> [Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        return [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second, (parts.weekday ?? 1) - 1].map { $0 ?? -1 }
    }

    private func parts(_ time: UTCTime) -> [Int] {
        [time.year, time.month, time.day, time.hour, time.minute, time.second, time.weekday]
    }

    @Test(
        arguments: [
            0, -1, 951_782_400, 951_868_799, 4_107_542_400, 1_795_000_000, 1_798_761_599, -946_080_017, 253_402_300_799,
        ] as [Double])
    func agreesWithTheGregorianCalendarAtItsEdges(_ seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(parts(UTCTime(date)) == calendarParts(date))
    }

    @Test func agreesWithTheGregorianCalendarAcrossFourCenturies() {
        var seconds = -2_208_988_800.0
        while seconds < 10_413_792_000 {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(parts(UTCTime(date)) == calendarParts(date), "at \(seconds)")
            seconds += 86_400 * 13 + 3_671
        }
    }

    @Test func mailDatesAreWrittenInUTC() {
        #expect(MailDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(MailDate.format(Date(timeIntervalSince1970: 1_795_000_000.9)) == "Wed, 18 Nov 2026 11:06:40 +0000")
    }
}
