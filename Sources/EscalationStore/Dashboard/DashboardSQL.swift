/// The statements the dashboard runs when a page is asked for, never per mail. Each reads its
/// rows through an index (`QueryPlanTests` checks the plans), so a page's cost follows what it
/// shows, not the mail ever processed.
public enum DashboardSQL: String, CaseIterable, Sendable {
    /// Active escalations with an SLA event ahead, soonest first (`escalation_sla`).
    case activeBySLA = """
        SELECT number, source, account, state, severity, trend, assigned_to, requester, reason, justification, request, created_at,
            deescalated_at, deescalation_reason, sla_updates_met, sla_updates_breached, sla_stopped_at
        FROM escalation WHERE next_sla_event_at IS NOT NULL ORDER BY next_sla_event_at LIMIT ?
        """
    /// Active escalations with no SLA event ahead, newest first (`escalation_active`).
    case activeWithoutSLAEvent = """
        SELECT number, source, account, state, severity, trend, assigned_to, requester, reason, justification, request, created_at,
            deescalated_at, deescalation_reason, sla_updates_met, sla_updates_breached, sla_stopped_at
        FROM escalation WHERE state = 'active' AND next_sla_event_at IS NULL ORDER BY number DESC LIMIT ?
        """
    case activeCount = "SELECT COUNT(*) FROM escalation WHERE state = 'active'"
    case escalationByNumber = """
        SELECT number, source, account, state, severity, trend, assigned_to, requester, reason, justification, request, created_at,
            deescalated_at, deescalation_reason, sla_updates_met, sla_updates_breached, sla_stopped_at
        FROM escalation WHERE number = ?
        """
    /// Every clock of one escalation, in key order (target, sequence).
    case clocks = """
        SELECT target, sequence, target_seconds, started_at, due_at, warned_at, breached_at, met_at, replaced_at, calendar, warning_due_at
        FROM sla_clock WHERE escalation = ?
        """
    case pendingRequests = """
        SELECT number, source, account, requester, reason, justification, severity, created_at, overdue_at
        FROM request WHERE state = 'pending' ORDER BY number LIMIT ?
        """
    /// Pending requests `?` may decide and has not (the address twice).
    case pendingRequestsAwaiting = """
        SELECT r.number, r.source, r.account, r.requester, r.reason, r.justification, r.severity, r.created_at, r.overdue_at
        FROM request_approver a JOIN request r ON r.number = a.request
        WHERE a.approver = ? AND r.state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request = r.number AND d.approver = ?)
        ORDER BY r.number LIMIT ?
        """
    case pendingCount = "SELECT COUNT(*) FROM request WHERE state = 'pending'"
    /// A request's approvers and backup approvers, each in order.
    case approvers = "SELECT role, approver FROM request_approver WHERE request = ? ORDER BY role, position"
    case decisions = "SELECT approver, decision, reason, at FROM approval_decision WHERE request = ? ORDER BY position"
    case requestsOfSource = """
        SELECT number, state, requester, reason, justification, severity, created_at, decided_at, escalation
        FROM request WHERE source = ? ORDER BY number
        """
    case watchList = "SELECT address FROM watch_list_entry WHERE escalation = ? ORDER BY position"
    case linkedCases = "SELECT case_number FROM escalation_case_link WHERE escalation = ? ORDER BY position"
    case journal = "SELECT at, actor, action, detail FROM journal WHERE source = ? ORDER BY id"
    case workNotes = "SELECT at, author, text FROM work_note WHERE case_number = ? ORDER BY id"
    /// What came in on a thread: receipts since an hour before its first request whose
    /// Message-ID the thread recorded as inbound, chosen in `receipt_received` alone (no row
    /// read for the others).
    case inboundMail = """
        SELECT r.message_id, r.received_at, r.outcome, r.intent, r.raw FROM receipt r WHERE r.id IN (
            SELECT x.id FROM receipt x WHERE x.received_at >= (SELECT MIN(created_at) - 3600 FROM request WHERE source = ?1)
            AND x.message_id IN (SELECT message_id FROM thread_message WHERE source = ?1 AND outbound = 0))
        AND r.outcome <> 'duplicate'
        """
    /// What went out on a thread, with its bytes.
    case outboundMail = """
        SELECT o.message_id, o.created_at, o.kind, o.state, o.subject, COALESCE(b.raw, o.raw), b.encoding
        FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id WHERE o.source = ? ORDER BY o.created_at
        """
    case failedMail = "SELECT id, message_id, position, reason, received_at FROM receipt WHERE outcome = 'failed' ORDER BY id DESC LIMIT ?"
    case failedMailCount = "SELECT COUNT(*) FROM receipt WHERE outcome = 'failed'"
    /// Outbox mail given up (`outbox_failed`).
    case outboxGivenUp = """
        SELECT id, kind, source, subject, state, attempts, created_at, next_attempt_at, last_error
        FROM outbox WHERE state = 'failed' ORDER BY id DESC LIMIT ?
        """
    /// Pending outbox mail that failed an attempt or was queued before `?` (`outbox_pending`).
    case outboxStuck = """
        SELECT id, kind, source, subject, state, attempts, created_at, next_attempt_at, last_error
        FROM outbox WHERE state = 'pending' AND (attempts > 0 OR created_at <= ?) ORDER BY next_attempt_at LIMIT ?
        """

    /// How many `?` the statement has, for `EXPLAIN QUERY PLAN`.
    var parameterCount: Int { self == .inboundMail ? 1 : rawValue.filter { $0 == "?" }.count }
}
