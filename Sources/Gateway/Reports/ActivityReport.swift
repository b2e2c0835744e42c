import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

/// `report [--since 30d]` and the dashboard's `/report`: how the period went. Escalations opened
/// and closed by reason, account and severity (the escalation's severity now); requests made,
/// how many were decided, rejected or re-escalated; the time from a request to its first
/// decision (median and 90th percentile, nearest rank); SLA clocks met and breached per target
/// and severity; the busiest accounts.
public struct ActivityReport: Encodable, Sendable {
    /// A count under a name: a reason, a severity, or an account with its name.
    public struct Count: Encodable, Sendable, Equatable {
        public var key: String
        public var name: String?
        public var count: Int
    }

    public struct Breakdown: Encodable, Sendable, Equatable {
        public var total: Int
        public var byReason: [Count]
        public var byAccount: [Count]
        public var bySeverity: [Count]
    }

    public struct Requests: Encodable, Sendable, Equatable {
        public var total: Int
        public var decided: Int
        public var rejected: Int
        public var withdrawn: Int
        public var pending: Int
        public var reescalations: Int
        /// Rejected of decided (nil: none decided).
        public var rejectionRate: Double?
        /// Re-escalations of all requests (nil: none made).
        public var reescalationRate: Double?
    }

    public struct FirstDecision: Encodable, Sendable, Equatable {
        public var decided: Int
        public var medianSeconds: Double?
        public var p90Seconds: Double?
    }

    public struct SLA: Encodable, Sendable, Equatable {
        public var target: String
        public var severity: String
        public var met: Int
        public var breached: Int
    }

    public struct Account: Encodable, Sendable, Equatable {
        public var account: String
        public var name: String
        public var escalations: Int
        public var requests: Int
    }

    public var since: String
    public var until: String
    public var opened: Breakdown
    public var closed: Breakdown
    public var requests: Requests
    public var timeToFirstDecision: FirstDecision
    public var sla: [SLA]
    public var busiestAccounts: [Account]

    /// How many accounts `busiestAccounts` names at most.
    public static let busiestCount = 10

    init(rows: ReportRows, since: Date, until: Date, directory: some DirectoryLookup, configuration: EscalationConfiguration) {
        self.since = since.formatted(.iso8601)
        self.until = until.formatted(.iso8601)
        func accountName(_ number: String) -> String? {
            AccountNumber(number).flatMap { directory.account($0)?.name }
        }
        let severityRank = { (name: String) in configuration.severity(named: name)?.rank ?? Int.max }
        func breakdown(_ groups: [ReportRows.Group]) -> Breakdown {
            func counts(_ key: (ReportRows.Group) -> String, named: (String) -> String? = { _ in nil }) -> [Count] {
                Dictionary(grouping: groups, by: key).map { Count(key: $0.key, name: named($0.key), count: $0.value.map(\.count).reduce(0, +)) }
                    .sorted { ($1.count, $0.key) < ($0.count, $1.key) }
            }
            return Breakdown(
                total: groups.map(\.count).reduce(0, +), byReason: counts(\.reason), byAccount: counts(\.account, named: accountName),
                bySeverity: counts(\.severity).sorted { severityRank($0.key) < severityRank($1.key) })
        }
        opened = breakdown(rows.opened)
        closed = breakdown(rows.closed)
        requests = Requests(
            total: rows.requests, decided: rows.decided, rejected: rows.rejected, withdrawn: rows.withdrawn, pending: rows.pending,
            reescalations: rows.reescalations, rejectionRate: rows.decided == 0 ? nil : Double(rows.rejected) / Double(rows.decided),
            reescalationRate: rows.requests == 0 ? nil : Double(rows.reescalations) / Double(rows.requests))
        let waits = rows.firstDecisionSeconds.sorted()
        timeToFirstDecision = FirstDecision(
            decided: waits.count, medianSeconds: Self.percentile(waits, 0.5), p90Seconds: Self.percentile(waits, 0.9))
        let targetOrder = ["response": 0, "update": 1, "resolution": 2]
        sla = rows.sla.map { SLA(target: $0.target, severity: $0.severity, met: $0.met, breached: $0.breached) }
            .sorted {
                (targetOrder[$0.target] ?? 3, severityRank($0.severity), $0.severity) < (
                    targetOrder[$1.target] ?? 3, severityRank($1.severity), $1.severity
                )
            }
        let escalationsByAccount = Dictionary(uniqueKeysWithValues: opened.byAccount.map { ($0.key, $0.count) })
        busiestAccounts = Set(escalationsByAccount.keys).union(rows.requestsByAccount.keys).map { account in
            Account(
                account: account, name: accountName(account) ?? account, escalations: escalationsByAccount[account] ?? 0,
                requests: rows.requestsByAccount[account] ?? 0)
        }.sorted { ($1.escalations, $1.requests, $0.account) < ($0.escalations, $0.requests, $1.account) }.prefix(Self.busiestCount).map { $0 }
    }

    /// The nearest-rank percentile of sorted values: the smallest value with at least `share`
    /// of the values at or below it (nil when there are none).
    static func percentile(_ sorted: [Double], _ share: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((share * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}

extension Reporting {
    /// The report of everything since `since` (until now).
    func activityReport(since: Date) throws -> ActivityReport {
        let rows = try store.read { try $0.reportRows(since: since) }
        return ActivityReport(rows: rows, since: since, until: clock(), directory: directory, configuration: config.escalation)
    }
}
