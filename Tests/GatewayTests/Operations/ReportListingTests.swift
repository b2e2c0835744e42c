import Testing

@testable import Gateway

/// The page and the text list the busiest accounts of a breakdown and sum the rest; the counts
/// given are the report's own order, busiest first.
@Suite struct ReportListingTests {
    @Test func manyAccountsAreListedBusiestFirstAndTheRestSummed() {
        let counts = (1...25).map { ActivityReport.Count(key: "ACC\(String(1000 + $0))", name: nil, count: 30 - $0) }
        let (shown, more) = ActivityReport.listed(counts)
        #expect(shown.map(\.key) == counts.prefix(20).map(\.key))
        #expect(more?.entries == 5)
        #expect(more?.count == (21...25).map { 30 - $0 }.reduce(0, +))
    }

    @Test func aFewAccountsAreAllListed() {
        let counts = (1...3).map { ActivityReport.Count(key: "ACC000100\($0)", name: "Account \($0)", count: $0) }
        let (shown, more) = ActivityReport.listed(counts)
        #expect(Array(shown) == counts)
        #expect(more == nil)
    }
}
