/// The statements that load requests: the row query of a selection and, joined to the same
/// selection, those of its lists. The lists come as a join, not `IN (subquery)`, and
/// unordered, their positions ordering them: SQLite would otherwise fill a temporary table or
/// sorter on every run. Each selection's statements are on the hot
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
        """
        SELECT l.request, l.role, l.position, l.approver FROM request r JOIN request_approver l ON l.request = r.number
        WHERE \(condition)
        """
    }

    static func decisions(_ condition: String) -> String {
        """
        SELECT l.request, l.position, l.approver, l.decision, l.reason, l.at FROM request r JOIN approval_decision l ON l.request = r.number
        WHERE \(condition)
        """
    }
}
