/// The statements that load and write escalations: the row query of a selection and, joined to
/// the same selection and unordered (as `RequestSQL` says why), those of its lists and clocks.
enum EscalationSQL {
    /// The latest escalation of a case or account.
    static let latestOfSource = "e.number = (SELECT MAX(number) FROM escalation WHERE source = ?)"
    static let byNumber = "e.number = ?"
    static let slaDue = "e.next_sla_event_at IS NOT NULL AND e.next_sla_event_at <= ?"
    static let linking = "e.state = 'active' AND e.number IN (SELECT escalation FROM escalation_case_link WHERE case_number = ?)"

    static func rows(_ condition: String, order: String) -> String {
        "SELECT \(EscalationRecord.selection) FROM escalation e WHERE \(condition) ORDER BY \(order)"
    }

    /// Every clock, unordered: the one with the highest sequence of its target is the current one.
    static func clocks(_ condition: String) -> String {
        "SELECT \(SLAClockRecord.joinedSelection) FROM escalation e JOIN sla_clock l ON l.escalation = e.number WHERE \(condition)"
    }

    static let clockSequence = "SELECT MAX(sequence) FROM sla_clock WHERE escalation = ? AND target = ?"
    static let clockUpdate = """
        UPDATE sla_clock SET due_at = ?, warned_at = ?, breached_at = ?, met_at = ?
        WHERE escalation = ? AND target = ? AND sequence = (SELECT MAX(sequence) FROM sla_clock WHERE escalation = ? AND target = ?)
        """
    static let clockReplaced = "UPDATE sla_clock SET replaced_at = ? WHERE escalation = ? AND target = ? AND sequence = ?"
}
