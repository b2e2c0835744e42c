import Foundation

extension ActivityReport {
    /// How many accounts the page and the text list per breakdown, busiest first. With thousands
    /// of accounts a full list is a page nobody reads; JSON and CSV keep every account.
    public static let listedAccounts = 20

    /// The counts a person reads: the first `listedAccounts`, and how many more there are with
    /// the sum of their counts (nil when none is left out).
    public static func listed(_ counts: [Count]) -> (shown: ArraySlice<Count>, more: (entries: Int, count: Int)?) {
        let shown = counts.prefix(listedAccounts)
        let rest = counts.dropFirst(listedAccounts)
        return (shown, rest.isEmpty ? nil : (rest.count, rest.map(\.count).reduce(0, +)))
    }
}
