import EscalationCore
import EscalationValues
import Foundation
public import GRDB

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

    var number: RequestNumber
    var source: EscalationSource
    var account: AccountNumber
    var state: EscalationRequest.State
    var requester: EmailAddress
    var reason: String
    var justification: String
    var severity: String
    var template: String
    var approvalRule: EscalationTemplate.ApprovalRule
    var createdAt: Double
    var decidedAt: Double?
    var escalation: EscalationNumber?
    var remindedAt: Double?
    var overdueAt: Double?
    /// When the pending request's next reminder or timeout falls due (nil once settled).
    var approvalDueAt: Double?

    init(_ request: EscalationRequest, due: Date?) {
        number = request.number
        source = request.source
        account = request.account
        state = request.state
        requester = request.requester
        reason = request.reason
        justification = request.justification
        severity = request.severity
        template = request.template
        approvalRule = request.approvalRule
        createdAt = request.createdAt.timeIntervalSince1970
        decidedAt = request.decidedAt?.timeIntervalSince1970
        escalation = request.escalation
        remindedAt = request.remindedAt?.timeIntervalSince1970
        overdueAt = request.overdueAt?.timeIntervalSince1970
        approvalDueAt = request.state == .pending ? due?.timeIntervalSince1970 : nil
    }

    init(row: SQLRow) throws {
        number = try row.decode(atIndex: 0)
        source = try row.decode(atIndex: 1)
        account = try row.decode(atIndex: 2)
        state = try row.decode(atIndex: 3)
        requester = try row.decode(atIndex: 4)
        reason = try row.decode(atIndex: 5)
        justification = try row.decode(atIndex: 6)
        severity = try row.decode(atIndex: 7)
        template = try row.decode(atIndex: 8)
        approvalRule = try row.decode(atIndex: 9)
        createdAt = try row.decode(atIndex: 10)
        decidedAt = try row.decode(atIndex: 11)
        escalation = try row.decode(atIndex: 12)
        remindedAt = try row.decode(atIndex: 13)
        overdueAt = try row.decode(atIndex: 14)
        approvalDueAt = try row.decode(atIndex: 15)
    }

    static let columns = [
        Columns.number, Columns.source, Columns.account, Columns.state, Columns.requester, Columns.reason, Columns.justification,
        Columns.severity, Columns.template, Columns.approvalRule, Columns.createdAt, Columns.decidedAt, Columns.escalation,
        Columns.remindedAt, Columns.overdueAt, Columns.approvalDueAt,
    ]
    static let primaryKeyCount = 1
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)
    static let updating = RowSQL.updating(databaseTableName, columns, primaryKeyCount: primaryKeyCount)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            number, source, account, state, requester, reason, justification, severity, template, approvalRule, createdAt, decidedAt,
            escalation, remindedAt, overdueAt, approvalDueAt,
        ]
    }

    /// The columns in `init(row:)`'s order, for `SELECT`.
    static let selection = RowSQL.selection(columns)
}

/// A row of `request_approver`: who may decide a request, in order: its approvers, then the
/// backup approvers it went to once overdue.
struct RequestApproverRecord: Equatable, RowRecord {
    static let databaseTableName = "request_approver"

    enum Role: String, DatabaseValueConvertible {
        case approver
        case backup
    }

    enum Columns {
        static let request = Column("request")
        static let role = Column("role")
        static let position = Column("position")
        static let approver = Column("approver")
    }

    var request: RequestNumber
    var role: Role
    var position: Int
    var approver: EmailAddress

    init(request: RequestNumber, role: Role, position: Int, approver: EmailAddress) {
        self.request = request
        self.role = role
        self.position = position
        self.approver = approver
    }

    init(row: SQLRow) throws {
        request = try row.decode(atIndex: 0)
        role = try row.decode(atIndex: 1)
        position = try row.decode(atIndex: 2)
        approver = try row.decode(atIndex: 3)
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

    var request: RequestNumber
    var position: Int
    var approver: EmailAddress
    var decision: ApprovalDecision.Verdict
    var reason: String?
    var at: Double

    init(request: RequestNumber, position: Int, _ decision: ApprovalDecision) {
        self.request = request
        self.position = position
        approver = decision.approver
        self.decision = decision.decision
        reason = decision.reason
        at = decision.at.timeIntervalSince1970
    }

    init(row: SQLRow) throws {
        request = try row.decode(atIndex: 0)
        position = try row.decode(atIndex: 1)
        approver = try row.decode(atIndex: 2)
        decision = try row.decode(atIndex: 3)
        reason = try row.decode(atIndex: 4)
        at = try row.decode(atIndex: 5)
    }

    static let columns = [Columns.request, Columns.position, Columns.approver, Columns.decision, Columns.reason, Columns.at]
    static let primaryKeyCount = 2
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)

    var databaseValues: [(any DatabaseValueConvertible)?] { [request, position, approver, decision, reason, at] }

    var approvalDecision: ApprovalDecision {
        ApprovalDecision(approver: approver, decision: decision, reason: reason, at: Date(timeIntervalSince1970: at))
    }
}

extension EscalationRequest.State: DatabaseValueConvertible {}
extension EscalationTemplate.ApprovalRule: DatabaseValueConvertible {}
extension ApprovalDecision.Verdict: DatabaseValueConvertible {}
