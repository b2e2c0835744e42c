import EscalationCore
public import EscalationValues
public import Foundation
import GRDB

/// The staff dashboard's reads: plain SQL over the relational tables (`DashboardSQL`), each a
/// bounded, indexed query, in one read snapshot per page.
extension StoreSession {
    /// The active escalations to list, at most `limit`: those with an SLA event ahead, soonest
    /// first, then the others, newest first; and how many are active in all.
    public func dashboardActiveEscalations(limit: Int) throws -> (escalations: [DashboardEscalation], total: Int) {
        var rows = try self.rows(DashboardSQL.activeBySLA.rawValue, [limit])
        if rows.count < limit {
            rows += try self.rows(DashboardSQL.activeWithoutSLAEvent.rawValue, [limit - rows.count])
        }
        let total = (try value(DashboardSQL.activeCount.rawValue) as Int?) ?? 0
        return (try rows.map { try dashboardEscalation($0, clocks: currentClocks(try dashboardClocks($0[0]))) }, total)
    }

    /// One escalation's page: the escalation and its clock history, lists, the requests of its
    /// case or account, its thread's mail, journal and (for a case) work notes. Nil when unknown.
    public func dashboardEscalationPage(_ number: EscalationNumber) throws -> DashboardEscalationPage? {
        guard let row = try row(DashboardSQL.escalationByNumber.rawValue, [number.value]) else { return nil }
        let history = try dashboardClocks(number.value)
        let escalation = try dashboardEscalation(row, clocks: currentClocks(history))
        let source = escalation.source.description
        var workNotes: [DashboardEntry] = []
        if case .supportCase(let supportCase) = escalation.source {
            workNotes = try rows(DashboardSQL.workNotes.rawValue, [supportCase.value]).map { row in
                DashboardEntry(at: Date(timeIntervalSince1970: row[0]), actor: row[1], action: "work note", detail: row[2])
            }
        }
        return DashboardEscalationPage(
            escalation: escalation,
            clockHistory: history.sorted { ($0.targetOrder, $0.sequence) < ($1.targetOrder, $1.sequence) },
            watchList: (try values(DashboardSQL.watchList.rawValue, [number.value]) as [EmailAddress]),
            linkedCases: (try values(DashboardSQL.linkedCases.rawValue, [number.value]) as [CaseNumber]),
            requests: try rows(DashboardSQL.requestsOfSource.rawValue, [source]).map(dashboardRequest),
            thread: try dashboardThread(source: source),
            journal: try rows(DashboardSQL.journal.rawValue, [source]).map { row in
                DashboardEntry(at: Date(timeIntervalSince1970: row[0]), actor: row[1], action: row[2], detail: row[3])
            },
            workNotes: workNotes)
    }

    /// Pending requests, oldest first, at most `limit`: those waiting for `approver`'s decision,
    /// or all; and how many are pending in all.
    public func dashboardPendingRequests(for approver: EmailAddress?, limit: Int) throws -> (requests: [DashboardPendingRequest], total: Int) {
        let rows: [SQLRow]
        if let approver {
            rows = try self.rows(DashboardSQL.pendingRequestsAwaiting.rawValue, [approver.value, approver.value, limit])
        } else {
            rows = try self.rows(DashboardSQL.pendingRequests.rawValue, [limit])
        }
        let total = (try value(DashboardSQL.pendingCount.rawValue) as Int?) ?? 0
        return (
            try rows.map { row in
                let number: RequestNumber = try row.decode(atIndex: 0)
                let overdueAt = (row[8] as Double?).map(Date.init(timeIntervalSince1970:))
                let (approvers, backups) = try requestApprovers(number)
                let decided = Set(try self.rows(DashboardSQL.decisions.rawValue, [number.value]).map { $0[0] as String })
                let deciders = approvers + (overdueAt == nil ? [] : backups)
                return DashboardPendingRequest(
                    number: number, source: try row.decode(atIndex: 1), account: try row.decode(atIndex: 2), requester: try row.decode(atIndex: 3),
                    reason: row[4], justification: row[5], severity: row[6], createdAt: Date(timeIntervalSince1970: row[7]), overdueAt: overdueAt,
                    waitingFor: deciders.filter { !decided.contains($0.value) })
            }, total
        )
    }

    /// Mail that ended `failed`, newest first, at most `limit`, and how many there are.
    public func dashboardFailedMail(limit: Int) throws -> (mail: [FailedMail], total: Int) {
        let mail = try rows(DashboardSQL.failedMail.rawValue, [limit]).map { row in
            FailedMail(id: row[0], messageID: row[1], position: row[2], reason: row[3], receivedAt: Date(timeIntervalSince1970: row[4]))
        }
        return (mail, (try value(DashboardSQL.failedMailCount.rawValue) as Int?) ?? 0)
    }

    /// Outbox mail given up, and pending mail that failed an attempt or was queued before
    /// `queuedBefore`; at most `limit` of each.
    public func dashboardStuckOutbox(queuedBefore: Date, limit: Int) throws -> [DashboardStuckMail] {
        let givenUp = try rows(DashboardSQL.outboxGivenUp.rawValue, [limit])
        let stuck = try rows(DashboardSQL.outboxStuck.rawValue, [queuedBefore.timeIntervalSince1970, limit])
        return (givenUp + stuck).map { row in
            DashboardStuckMail(
                id: row[0], kind: row[1], source: row[2], subject: row[3], state: row[4], attempts: row[5],
                createdAt: Date(timeIntervalSince1970: row[6]), nextAttemptAt: Date(timeIntervalSince1970: row[7]), lastError: row[8])
        }
    }

    /// SQLite's plan for a dashboard statement (`EXPLAIN QUERY PLAN`), one line per step.
    public func queryPlan(_ statement: DashboardSQL) throws -> [String] {
        try sqliteQueryPlan(statement.rawValue, placeholders: statement.parameterCount)
    }

    private func dashboardEscalation(_ row: SQLRow, clocks: [DashboardClock]) throws -> DashboardEscalation {
        DashboardEscalation(
            number: try row.decode(atIndex: 0), source: try row.decode(atIndex: 1), account: try row.decode(atIndex: 2), state: row[3],
            severity: row[4], trend: row[5], assignedTo: try row.decode(atIndex: 6), requester: try row.decode(atIndex: 7), reason: row[8],
            justification: row[9], request: try row.decode(atIndex: 10), createdAt: Date(timeIntervalSince1970: row[11]),
            deescalatedAt: (row[12] as Double?).map(Date.init(timeIntervalSince1970:)), deescalationReason: row[13], updatesMet: row[14],
            updatesBreached: row[15], slaStoppedAt: (row[16] as Double?).map(Date.init(timeIntervalSince1970:)), clocks: clocks)
    }

    private func dashboardClocks(_ escalation: String) throws -> [DashboardClock] {
        try rows(DashboardSQL.clocks.rawValue, [escalation]).map { row in
            DashboardClock(
                target: row[0], sequence: row[1], targetSeconds: row[2], startedAt: Date(timeIntervalSince1970: row[3]),
                dueAt: Date(timeIntervalSince1970: row[4]), warnedAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:)),
                breachedAt: (row[6] as Double?).map(Date.init(timeIntervalSince1970:)),
                metAt: (row[7] as Double?).map(Date.init(timeIntervalSince1970:)),
                replacedAt: (row[8] as Double?).map(Date.init(timeIntervalSince1970:)), calendar: row[9],
                warningDueAt: (row[10] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// The clock of each target with the highest sequence, response first.
    private func currentClocks(_ clocks: [DashboardClock]) -> [DashboardClock] {
        var current: [String: DashboardClock] = [:]
        for clock in clocks where clock.sequence > current[clock.target]?.sequence ?? 0 { current[clock.target] = clock }
        return current.values.sorted { $0.targetOrder < $1.targetOrder }
    }

    private func requestApprovers(_ number: RequestNumber) throws -> (approvers: [EmailAddress], backups: [EmailAddress]) {
        let rows = try rows(DashboardSQL.approvers.rawValue, [number.value])
        return (
            try rows.filter { ($0[0] as String) == "approver" }.map { try $0.decode(atIndex: 1) },
            try rows.filter { ($0[0] as String) == "backup" }.map { try $0.decode(atIndex: 1) }
        )
    }

    private func dashboardRequest(_ row: SQLRow) throws -> DashboardRequest {
        let number: RequestNumber = try row.decode(atIndex: 0)
        let (approvers, backups) = try requestApprovers(number)
        let decisions = try rows(DashboardSQL.decisions.rawValue, [number.value]).map { row in
            DashboardRequest.Decision(approver: try row.decode(atIndex: 0), decision: row[1], reason: row[2], at: Date(timeIntervalSince1970: row[3]))
        }
        return DashboardRequest(
            number: number, state: row[1], requester: try row.decode(atIndex: 2), reason: row[3], justification: row[4], severity: row[5],
            createdAt: Date(timeIntervalSince1970: row[6]), decidedAt: (row[7] as Double?).map(Date.init(timeIntervalSince1970:)),
            escalation: try row.decode(atIndex: 8), approvers: approvers, backupApprovers: backups, decisions: decisions)
    }

    /// The thread's mail in and out, oldest first. An outgoing mail whose stored bytes cannot be
    /// read back comes with the reason instead of its bytes (the dispatcher gives it up).
    private func dashboardThread(source: String) throws -> [DashboardThreadMail] {
        let inbound = try rows(DashboardSQL.inboundMail.rawValue, [source]).map { row in
            DashboardThreadMail(
                direction: .inbound, messageID: row[0], at: Date(timeIntervalSince1970: row[1]), outcome: row[2], detail: row[3], subject: nil,
                raw: Array(row[4] as Data))
        }
        let outbound = try rows(DashboardSQL.outboundMail.rawValue, [source]).map { row in
            var mail = DashboardThreadMail(
                direction: .outbound, messageID: row[0], at: Date(timeIntervalSince1970: row[1]), outcome: row[3], detail: row[2], subject: row[4],
                raw: [])
            do {
                mail.raw = try bytes(of: try OutboxBody(stored: row[5], encoding: row[6]))
            } catch {
                mail.unreadable = "\(error)"
            }
            return mail
        }
        // A mail in and the answers it caused share a moment: what came in stands first.
        return (inbound + outbound).enumerated().sorted { a, b in
            (a.element.at, a.element.direction == .inbound ? 0 : 1, a.offset) < (b.element.at, b.element.direction == .inbound ? 0 : 1, b.offset)
        }.map(\.element)
    }
}
