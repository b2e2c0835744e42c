public import EscalationCore
public import EscalationValues
public import Foundation
import GRDB

extension StoreSession {
    /// The requests that `condition` (SQL on `request r`) chooses, in number order, each with
    /// its approvers, decisions, previous requests and named cases: one query per table, the
    /// lists only when a request was found.
    func requests(where condition: String, _ arguments: SQLArguments) throws -> [EscalationRequest] {
        let rows = try self.rows(RequestSQL.rows(condition), arguments).map(RequestRecord.init(row:))
        guard !rows.isEmpty else { return [] }
        let approvers = Dictionary(
            grouping: try self.rows(RequestSQL.approvers(condition), arguments).map(RequestApproverRecord.init(row:)), by: \.request
        ).mapValues { $0.sorted { $0.position < $1.position } }
        let decisions = Dictionary(
            grouping: try self.rows(RequestSQL.decisions(condition), arguments).map(ApprovalDecisionRecord.init(row:)), by: \.request
        ).mapValues { $0.sorted { $0.position < $1.position } }
        let previous = try lists(RequestPreviousList.self, condition, arguments)
        let cases = try lists(RequestCaseList.self, condition, arguments)
        return rows.map { row in
            let deciders = approvers[row.number] ?? []
            return EscalationRequest(
                number: row.number, source: row.source, account: row.account, state: row.state, requester: row.requester,
                reason: row.reason, justification: row.justification, severity: row.severity, template: row.template,
                approvers: deciders.filter { $0.role == .approver }.map(\.approver), approvalRule: row.approvalRule,
                decisions: (decisions[row.number] ?? []).map(\.approvalDecision),
                previousRequests: (previous[row.number.value] ?? []).map(RequestNumber.init(unchecked:)),
                linkedCases: (cases[row.number.value] ?? []).map(CaseNumber.init(unchecked:)),
                createdAt: Date(timeIntervalSince1970: row.createdAt), decidedAt: row.decidedAt.map(Date.init(timeIntervalSince1970:)),
                escalation: row.escalation, backupApprovers: deciders.filter { $0.role == .backup }.map(\.approver),
                remindedAt: row.remindedAt.map(Date.init(timeIntervalSince1970:)), overdueAt: row.overdueAt.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// Writes one request, only the rows that differ from `previous` (nil: a new request):
    /// its row when it differs from `previousRow` (nil: not known, written), a decision
    /// appended, a list rewritten only when it changed.
    func write(_ request: EscalationRequest, due: Date?, was previous: EscalationRequest?, previousRow: RequestRecord?) throws {
        let number = request.number.value
        let record = RequestRecord(request, due: due)
        guard let previous else {
            try record.insert(into: self)
            try writeApprovers(request.approvers, role: .approver, of: request.number, replacing: false)
            try writeApprovers(request.backupApprovers, role: .backup, of: request.number, replacing: false)
            for (position, decision) in request.decisions.enumerated() {
                try ApprovalDecisionRecord(request: request.number, position: position, decision).insert(into: self)
            }
            try write(request.previousRequests.map(\.value), of: number, in: RequestPreviousList.self, replacing: false)
            try write(request.linkedCases.map(\.value), of: number, in: RequestCaseList.self, replacing: false)
            return
        }
        if record != previousRow { try record.update(in: self) }
        if request.approvers != previous.approvers { try writeApprovers(request.approvers, role: .approver, of: request.number, replacing: true) }
        if request.backupApprovers != previous.backupApprovers {
            try writeApprovers(request.backupApprovers, role: .backup, of: request.number, replacing: true)
        }
        if request.decisions != previous.decisions {
            let kept = request.decisions.starts(with: previous.decisions) ? previous.decisions.count : 0
            if kept == 0 { try execute("DELETE FROM approval_decision WHERE request = ?", [number]) }
            for (position, decision) in request.decisions.enumerated().dropFirst(kept) {
                try ApprovalDecisionRecord(request: request.number, position: position, decision).insert(into: self)
            }
        }
        if request.previousRequests != previous.previousRequests {
            try write(request.previousRequests.map(\.value), of: number, in: RequestPreviousList.self, replacing: true)
        }
        if request.linkedCases != previous.linkedCases {
            try write(request.linkedCases.map(\.value), of: number, in: RequestCaseList.self, replacing: true)
        }
    }

    private func writeApprovers(_ approvers: [EmailAddress], role: RequestApproverRecord.Role, of request: RequestNumber, replacing: Bool) throws {
        if replacing {
            try execute("DELETE FROM request_approver WHERE request = ? AND role = ?", [request, role])
        }
        for (position, approver) in approvers.enumerated() {
            try RequestApproverRecord(request: request, role: role, position: position, approver: approver).insert(into: self)
        }
    }

    /// Writes a request changed by its timers (reminded, sent to backup approvers) from
    /// `previous`, as the timed pass loaded it: its row always (its due time moves on), its
    /// lists where they changed.
    public func save(_ request: EscalationRequest, was previous: EscalationRequest, due: Date?) throws {
        try write(request, due: due, was: previous, previousRow: nil)
        if let cached = cache?.subject(request.source) {
            var requests = cached.requests
            if let index = requests.firstIndex(where: { $0.number == request.number }) { requests[index] = request }
            cache?.remember(StateCache.Subject(requests: requests, escalation: cached.escalation), for: request.source)
        }
    }

    public func request(_ number: RequestNumber) throws -> EscalationRequest? {
        try requests(where: RequestSQL.byNumber, [number.value]).first
    }

    /// Pending requests whose next reminder or timeout is due at or before `now`.
    public func requestsDueForApproval(at now: Date) throws -> [EscalationRequest] {
        try requests(where: RequestSQL.approvalDue, [now.timeIntervalSince1970])
    }

    /// The pending requests waiting for `approver`'s decision, oldest first.
    public func requestsAwaiting(_ approver: EmailAddress) throws -> [EscalationRequest] {
        try requests(where: RequestSQL.awaiting, [approver.value, approver.value])
    }

    /// Every pending request, oldest first.
    public func pendingRequests() throws -> [EscalationRequest] {
        try requests(where: RequestSQL.pending, [])
    }
}
