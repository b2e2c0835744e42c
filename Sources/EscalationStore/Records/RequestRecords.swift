import EscalationCore
import Foundation
import GRDB

/// A row of `request`: one escalation request without its lists (approvers, decisions,
/// previous requests, named cases), which have tables of their own.
struct RequestRecord: Equatable, UpdatableRowRecord {
    static let databaseTableName = "request"

    enum Columns {
        static let number = Column("number")
        static let source = Column("source")
        static let account = Column("account")
        static let state = Column("state")
        static let requester = Column("requester")
        static let reason = Column("reason")
        static let justification = Column("justification")
        static let severity = Column("severity")
        static let template = Column("template")
        static let approvalRule = Column("approval_rule")
        static let createdAt = Column("created_at")
        static let decidedAt = Column("decided_at")
        static let escalation = Column("escalation")
        static let remindedAt = Column("reminded_at")
        static let overdueAt = Column("overdue_at")
        static let approvalDueAt = Column("approval_due_at")
    }

    var number: String
    var source: String
    var account: String
    var state: String
    var requester: String
    var reason: String
    var justification: String
    var severity: String
    var template: String
    var approvalRule: String
    var createdAt: Double
    var decidedAt: Double?
    var escalation: String?
    var remindedAt: Double?
    var overdueAt: Double?
    /// When the pending request's next reminder or timeout falls due (nil once settled).
    var approvalDueAt: Double?

    init(_ request: EscalationRequest, due: Date?) {
        number = request.number.value
        source = request.source.description
        account = request.account.value
        state = request.state.rawValue
        requester = request.requester.value
        reason = request.reason
        justification = request.justification
        severity = request.severity
        template = request.template
        approvalRule = request.approvalRule.rawValue
        createdAt = request.createdAt.timeIntervalSince1970
        decidedAt = request.decidedAt?.timeIntervalSince1970
        escalation = request.escalation?.value
        remindedAt = request.remindedAt?.timeIntervalSince1970
        overdueAt = request.overdueAt?.timeIntervalSince1970
        approvalDueAt = request.state == .pending ? due?.timeIntervalSince1970 : nil
    }

    init(row: Row) throws {
        number = row[0]
        source = row[1]
        account = row[2]
        state = row[3]
        requester = row[4]
        reason = row[5]
        justification = row[6]
        severity = row[7]
        template = row[8]
        approvalRule = row[9]
        createdAt = row[10]
        decidedAt = row[11]
        escalation = row[12]
        remindedAt = row[13]
        overdueAt = row[14]
        approvalDueAt = row[15]
    }

    static let columns = [
        Columns.number, Columns.source, Columns.account, Columns.state, Columns.requester, Columns.reason, Columns.justification,
        Columns.severity, Columns.template, Columns.approvalRule, Columns.createdAt, Columns.decidedAt, Columns.escalation,
        Columns.remindedAt, Columns.overdueAt, Columns.approvalDueAt
    ]
    static let primaryKeyCount = 1
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)
    static let updating = RowSQL.updating(databaseTableName, columns, primaryKeyCount: primaryKeyCount)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            number, source, account, state, requester, reason, justification, severity, template, approvalRule, createdAt, decidedAt,
            escalation, remindedAt, overdueAt, approvalDueAt
        ]
    }

    /// The columns in `init(row:)`'s order, for `SELECT`.
    static let selection = RowSQL.selection(columns)
}

/// A row of `request_approver`: who may decide a request, in order: its approvers, then the
/// backup approvers it went to once overdue.
struct RequestApproverRecord: Equatable, RowRecord {
    static let databaseTableName = "request_approver"

    enum Role: String {
        case approver
        case backup
    }

    enum Columns {
        static let request = Column("request")
        static let role = Column("role")
        static let position = Column("position")
        static let approver = Column("approver")
    }

    var request: String
    var role: String
    var position: Int
    var approver: String

    init(request: String, role: Role, position: Int, approver: String) {
        self.request = request
        self.role = role.rawValue
        self.position = position
        self.approver = approver
    }

    init(row: Row) throws {
        request = row[0]
        role = row[1]
        position = row[2]
        approver = row[3]
    }

    static let columns = [Columns.request, Columns.role, Columns.position, Columns.approver]
    static let primaryKeyCount = 3
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)

    var databaseValues: [(any DatabaseValueConvertible)?] { [request, role, position, approver] }
}

/// A row of `approval_decision`: one approver's answer to a request, in the order given.
struct ApprovalDecisionRecord: Equatable, RowRecord {
    static let databaseTableName = "approval_decision"

    enum Columns {
        static let request = Column("request")
        static let position = Column("position")
        static let approver = Column("approver")
        static let decision = Column("decision")
        static let reason = Column("reason")
        static let at = Column("at")
    }

    var request: String
    var position: Int
    var approver: String
    var decision: String
    var reason: String?
    var at: Double

    init(request: String, position: Int, _ decision: ApprovalDecision) {
        self.request = request
        self.position = position
        approver = decision.approver.value
        self.decision = decision.decision.rawValue
        reason = decision.reason
        at = decision.at.timeIntervalSince1970
    }

    init(row: Row) throws {
        request = row[0]
        position = row[1]
        approver = row[2]
        decision = row[3]
        reason = row[4]
        at = row[5]
    }

    static let columns = [Columns.request, Columns.position, Columns.approver, Columns.decision, Columns.reason, Columns.at]
    static let primaryKeyCount = 2
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)

    var databaseValues: [(any DatabaseValueConvertible)?] { [request, position, approver, decision, reason, at] }

    var approvalDecision: ApprovalDecision {
        get throws {
            ApprovalDecision(
                approver: EmailAddress(unchecked: approver), decision: try StoredValue.parse({ ApprovalDecision.Verdict(rawValue: $0) }, decision, "decision"),
                reason: reason, at: Date(timeIntervalSince1970: at))
        }
    }
}
