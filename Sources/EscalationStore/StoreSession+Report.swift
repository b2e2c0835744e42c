public import Foundation
import GRDB

/// What `report` counts since a moment, as plain rows: aggregates over the relational tables,
/// one statement each. They scan `escalation`, `request` and `sla_clock` (no index on their
/// times): a report is asked for by a person, never per mail.
public struct ReportRows: Sendable, Equatable {
    /// Escalations by reason, account and (current) severity, with how many.
    public struct Group: Sendable, Equatable {
        public var reason: String
        public var account: String
        public var severity: String
        public var count: Int
    }

    /// SLA clocks of one target and (the escalation's current) severity.
    public struct SLAGroup: Sendable, Equatable {
        public var target: String
        public var severity: String
        public var met: Int
        public var breached: Int
    }

    public var opened: [Group]
    public var closed: [Group]
    public var requests: Int
    public var decided: Int
    public var rejected: Int
    public var withdrawn: Int
    public var pending: Int
    /// Requests that followed an earlier one on the same case or account.
    public var reescalations: Int
    /// Seconds from each decided request's creation to its first decision.
    public var firstDecisionSeconds: [Double]
    public var sla: [SLAGroup]
    /// Requests by account.
    public var requestsByAccount: [String: Int]
}

extension StoreSession {
    /// The figures of `report` for everything since `since`: escalations opened (created) and
    /// closed (de-escalated) then; requests made then, their decisions and re-escalations; SLA
    /// clocks met or breached then. A clock counts as met when it was met without a breach, and
    /// an update clock also when the next update restarted it before its deadline.
    public func reportRows(since: Date) throws -> ReportRows {
        let from = since.timeIntervalSince1970
        func groups(_ column: String) throws -> [ReportRows.Group] {
            try rows(
                "SELECT reason, account, severity, COUNT(*) FROM escalation WHERE \(column) >= ? GROUP BY reason, account, severity", [from]
            ).map { ReportRows.Group(reason: $0[0], account: $0[1], severity: $0[2], count: $0[3]) }
        }
        let requests = try row(
            """
            SELECT COUNT(*), COALESCE(SUM(CASE WHEN state IN ('approved', 'rejected') THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN state = 'rejected' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN state = 'withdrawn' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM request_previous p WHERE p.request = r.number) THEN 1 ELSE 0 END), 0)
            FROM request r WHERE r.created_at >= ?
            """, [from])
        let firstDecisions: [Double] = try values(
            """
            SELECT MIN(d.at) - r.created_at FROM request r JOIN approval_decision d ON d.request = r.number
            WHERE r.created_at >= ? GROUP BY r.number
            """, [from])
        let sla = try rows(
            """
            SELECT c.target, e.severity,
                COALESCE(SUM(CASE WHEN c.breached_at IS NULL AND (c.met_at >= ?1
                    OR (c.target = 'update' AND c.met_at IS NULL AND c.replaced_at >= ?1 AND c.replaced_at <= c.due_at)) THEN 1 ELSE 0 END), 0),
                COALESCE(SUM(CASE WHEN c.breached_at >= ?1 THEN 1 ELSE 0 END), 0)
            FROM sla_clock c JOIN escalation e ON e.number = c.escalation
            GROUP BY c.target, e.severity
            """, [from]
        ).map { ReportRows.SLAGroup(target: $0[0], severity: $0[1], met: $0[2], breached: $0[3]) }.filter { $0.met + $0.breached > 0 }
        let byAccount = try rows("SELECT account, COUNT(*) FROM request WHERE created_at >= ? GROUP BY account", [from])
        return ReportRows(
            opened: try groups("created_at"), closed: try groups("deescalated_at"), requests: requests?[0] ?? 0, decided: requests?[1] ?? 0,
            rejected: requests?[2] ?? 0, withdrawn: requests?[3] ?? 0, pending: requests?[4] ?? 0, reescalations: requests?[5] ?? 0,
            firstDecisionSeconds: firstDecisions, sla: sla,
            requestsByAccount: Dictionary(uniqueKeysWithValues: byAccount.map { ($0[0] as String, $0[1] as Int) }))
    }
}
