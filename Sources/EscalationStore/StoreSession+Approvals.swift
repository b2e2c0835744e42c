import EscalationCore
import Foundation
import GRDB

extension StoreSession {
    /// Writes one request with its next reminder or timeout, and who it still waits for: a
    /// row per undecided approver while it is pending, none once it is settled.
    func write(_ request: EscalationRequest, due: Date?, was previous: EscalationRequest?) throws {
        try statement(
            """
            INSERT INTO request(number, source, state, body, approval_due_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(number) DO UPDATE SET state = excluded.state, body = excluded.body, approval_due_at = excluded.approval_due_at
            """
        ).execute(
            arguments: [
                request.number.value, request.source.description, request.state.rawValue, try encode(request),
                request.state == .pending ? due?.timeIntervalSince1970 : nil,
            ])
        let waiting = request.state == .pending ? request.undecided : []
        let waited = previous.map { $0.state == .pending ? $0.undecided : [] } ?? []
        guard waiting != waited else { return }
        for approver in Set(waited).subtracting(waiting) {
            try statement("DELETE FROM request_approver WHERE approver = ? AND request = ?").execute(arguments: [approver.value, request.number.value])
        }
        for approver in Set(waiting).subtracting(waited) {
            try statement("INSERT OR IGNORE INTO request_approver(approver, request) VALUES (?, ?)").execute(arguments: [approver.value, request.number.value])
        }
    }

    /// Writes a request changed by its timers (reminded, sent to backup approvers).
    public func save(_ request: EscalationRequest, due: Date?) throws {
        let previous = try self.request(request.number)
        try write(request, due: due, was: previous)
        if let cached = cache?.subject(request.source) {
            var requests = cached.requests
            if let index = requests.firstIndex(where: { $0.number == request.number }) { requests[index] = request }
            cache?.remember(StateCache.Subject(requests: requests, escalation: cached.escalation), for: request.source)
        }
    }

    /// Pending requests whose next reminder or timeout is due at or before `now`.
    public func requestsDueForApproval(at now: Date) throws -> [EscalationRequest] {
        try String.fetchAll(
            try statement(HotPathSQL.approvalDue.rawValue),
            arguments: [now.timeIntervalSince1970]
        ).map { try decode(EscalationRequest.self, $0) }
    }

    /// The pending requests waiting for `approver`'s decision, oldest first.
    public func requestsAwaiting(_ approver: EmailAddress) throws -> [EscalationRequest] {
        try String.fetchAll(
            try statement(HotPathSQL.requestsAwaiting.rawValue),
            arguments: [approver.value]
        ).map { try decode(EscalationRequest.self, $0) }
    }

    /// Every pending request, oldest first.
    public func pendingRequests() throws -> [EscalationRequest] {
        try String.fetchAll(try statement("SELECT body FROM request WHERE state = 'pending' ORDER BY number"))
            .map { try decode(EscalationRequest.self, $0) }
    }
}
