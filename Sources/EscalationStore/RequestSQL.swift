/// The statements that load requests: the row query of a selection and, with the same
/// condition as a subquery, those of its lists. Each selection's statements are on the hot
/// path's list (`HotPathSQL`) when mail runs them.
enum RequestSQL {
    static let bySource = "r.source = ?"
    static let byNumber = "r.number = ?"
    static let approvalDue = "r.approval_due_at IS NOT NULL AND r.approval_due_at <= ?"
    static let pending = "r.state = 'pending'"
    /// Pending requests `?` may decide and has not (the address twice).
    static let awaiting = """
        r.number IN (SELECT a.request FROM request_approver a WHERE a.approver = ?) AND r.state = 'pending'
        AND NOT EXISTS (SELECT 1 FROM approval_decision d WHERE d.request = r.number AND d.approver = ?)
        """

    static func rows(_ condition: String) -> String {
        "SELECT \(RequestRecord.selection) FROM request r WHERE \(condition) ORDER BY r.number"
    }

    static func approvers(_ condition: String) -> String {
        "SELECT request, role, position, approver FROM request_approver WHERE request IN (SELECT r.number FROM request r WHERE \(condition)) ORDER BY request, role, position"
    }

    static func decisions(_ condition: String) -> String {
        "SELECT request, position, approver, decision, reason, at FROM approval_decision WHERE request IN (SELECT r.number FROM request r WHERE \(condition)) ORDER BY request, position"
    }
}
