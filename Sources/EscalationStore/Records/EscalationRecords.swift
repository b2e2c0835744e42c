import EscalationCore
import EscalationValues
import Foundation
public import GRDB

/// A row of `escalation`: one escalation record with its SLA's counters, without its lists
/// (linked cases, watch list) and clocks, which have tables of their own.
struct EscalationRecord: Equatable, UpdatableRowRecord {
    static let databaseTableName = "escalation"

    enum Columns {
        static let number = Column("number")
        static let source = Column("source")
        static let account = Column("account")
        static let state = Column("state")
        static let severity = Column("severity")
        static let trend = Column("trend")
        static let assignedTo = Column("assigned_to")
        static let requester = Column("requester")
        static let reason = Column("reason")
        static let justification = Column("justification")
        static let request = Column("request")
        static let createdAt = Column("created_at")
        static let deescalatedAt = Column("deescalated_at")
        static let deescalationReason = Column("deescalation_reason")
        static let slaAttachedTo = Column("sla_attached_to")
        static let slaUpdatesMet = Column("sla_updates_met")
        static let slaUpdatesBreached = Column("sla_updates_breached")
        static let slaStoppedAt = Column("sla_stopped_at")
        static let nextSLAEventAt = Column("next_sla_event_at")
    }

    var number: EscalationNumber
    var source: EscalationSource
    var account: AccountNumber
    var state: Escalation.State
    var severity: String
    var trend: Trend
    var assignedTo: EmailAddress?
    var requester: EmailAddress
    var reason: String
    var justification: String
    var request: RequestNumber
    var createdAt: Double
    var deescalatedAt: Double?
    var deescalationReason: String?
    var slaAttachedTo: String
    var slaUpdatesMet: Int
    var slaUpdatesBreached: Int
    var slaStoppedAt: Double?
    /// The next SLA warning or breach of an active escalation, for the ticker's index.
    var nextSLAEventAt: Double?

    init(_ escalation: Escalation, warningShare: Double) {
        number = escalation.number
        source = escalation.source
        account = escalation.account
        state = escalation.state
        severity = escalation.severity
        trend = escalation.trend
        assignedTo = escalation.assignedTo
        requester = escalation.requester
        reason = escalation.reason
        justification = escalation.justification
        request = escalation.request
        createdAt = escalation.createdAt.timeIntervalSince1970
        deescalatedAt = escalation.deescalatedAt?.timeIntervalSince1970
        deescalationReason = escalation.deescalationReason
        slaAttachedTo = escalation.sla.attachedTo
        slaUpdatesMet = escalation.sla.updatesMet
        slaUpdatesBreached = escalation.sla.updatesBreached
        slaStoppedAt = escalation.sla.stoppedAt?.timeIntervalSince1970
        nextSLAEventAt = escalation.state == .active ? escalation.sla.nextEventAt(warningShare: warningShare)?.timeIntervalSince1970 : nil
    }

    init(row: SQLRow) throws {
        number = try row.decode(atIndex: 0)
        source = try row.decode(atIndex: 1)
        account = try row.decode(atIndex: 2)
        state = try row.decode(atIndex: 3)
        severity = try row.decode(atIndex: 4)
        trend = try row.decode(atIndex: 5)
        assignedTo = try row.decode(atIndex: 6)
        requester = try row.decode(atIndex: 7)
        reason = try row.decode(atIndex: 8)
        justification = try row.decode(atIndex: 9)
        request = try row.decode(atIndex: 10)
        createdAt = try row.decode(atIndex: 11)
        deescalatedAt = try row.decode(atIndex: 12)
        deescalationReason = try row.decode(atIndex: 13)
        slaAttachedTo = try row.decode(atIndex: 14)
        slaUpdatesMet = try row.decode(atIndex: 15)
        slaUpdatesBreached = try row.decode(atIndex: 16)
        slaStoppedAt = try row.decode(atIndex: 17)
        nextSLAEventAt = try row.decode(atIndex: 18)
    }

    static let columns = [
        Columns.number, Columns.source, Columns.account, Columns.state, Columns.severity, Columns.trend, Columns.assignedTo,
        Columns.requester, Columns.reason, Columns.justification, Columns.request, Columns.createdAt, Columns.deescalatedAt,
        Columns.deescalationReason, Columns.slaAttachedTo, Columns.slaUpdatesMet, Columns.slaUpdatesBreached, Columns.slaStoppedAt,
        Columns.nextSLAEventAt,
    ]
    static let primaryKeyCount = 1
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)
    static let updating = RowSQL.updating(databaseTableName, columns, primaryKeyCount: primaryKeyCount)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            number, source, account, state, severity, trend, assignedTo, requester, reason, justification, request, createdAt,
            deescalatedAt, deescalationReason, slaAttachedTo, slaUpdatesMet, slaUpdatesBreached, slaStoppedAt, nextSLAEventAt,
        ]
    }

    /// The columns in `init(row:)`'s order, for `SELECT`.
    static let selection = RowSQL.selection(columns)
}

/// A row of `sla_clock`: one clock of an escalation's SLA (`response`, `update` or
/// `resolution`). A clock started again (a new update period, a new severity's targets) is a
/// new row with the next sequence; the one it replaced stays, with `replaced_at`, as history.
/// The current clock of each target is the one with the highest sequence.
struct SLAClockRecord: Equatable, RowRecord {
    static let databaseTableName = "sla_clock"

    enum Target: String, CaseIterable, DatabaseValueConvertible {
        case response
        case update
        case resolution
    }

    enum Columns {
        static let escalation = Column("escalation")
        static let target = Column("target")
        static let sequence = Column("sequence")
        static let targetSeconds = Column("target_seconds")
        static let startedAt = Column("started_at")
        static let dueAt = Column("due_at")
        static let warnedAt = Column("warned_at")
        static let breachedAt = Column("breached_at")
        static let metAt = Column("met_at")
        static let replacedAt = Column("replaced_at")
        static let calendar = Column("calendar")
        static let warningDueAt = Column("warning_due_at")
    }

    var escalation: EscalationNumber
    var target: Target
    var sequence: Int
    var targetSeconds: Int
    var startedAt: Double
    var dueAt: Double
    var warnedAt: Double?
    var breachedAt: Double?
    var metAt: Double?
    var replacedAt: Double?
    /// The calendar the clock counts in; nil: round the clock.
    var calendar: String?
    /// On a calendar, the warning point computed when the clock started.
    var warningDueAt: Double?

    init(escalation: EscalationNumber, target: Target, sequence: Int, _ clock: SLAClock) {
        self.escalation = escalation
        self.target = target
        self.sequence = sequence
        targetSeconds = clock.target.seconds
        startedAt = clock.startedAt.timeIntervalSince1970
        dueAt = clock.dueAt.timeIntervalSince1970
        warnedAt = clock.warnedAt?.timeIntervalSince1970
        breachedAt = clock.breachedAt?.timeIntervalSince1970
        metAt = clock.metAt?.timeIntervalSince1970
        calendar = clock.calendar
        warningDueAt = clock.warningDueAt?.timeIntervalSince1970
    }

    init(row: SQLRow) throws {
        escalation = try row.decode(atIndex: 0)
        target = try row.decode(atIndex: 1)
        sequence = try row.decode(atIndex: 2)
        targetSeconds = try row.decode(atIndex: 3)
        startedAt = try row.decode(atIndex: 4)
        dueAt = try row.decode(atIndex: 5)
        warnedAt = try row.decode(atIndex: 6)
        breachedAt = try row.decode(atIndex: 7)
        metAt = try row.decode(atIndex: 8)
        replacedAt = try row.decode(atIndex: 9)
        calendar = try row.decode(atIndex: 10)
        warningDueAt = try row.decode(atIndex: 11)
    }

    static let columns = [
        Columns.escalation, Columns.target, Columns.sequence, Columns.targetSeconds, Columns.startedAt, Columns.dueAt, Columns.warnedAt,
        Columns.breachedAt, Columns.metAt, Columns.replacedAt, Columns.calendar, Columns.warningDueAt,
    ]
    static let primaryKeyCount = 3
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            escalation, target, sequence, targetSeconds, startedAt, dueAt, warnedAt, breachedAt, metAt, replacedAt, calendar, warningDueAt,
        ]
    }

    /// The columns in `init(row:)`'s order, for `SELECT`.
    static let selection = RowSQL.selection(columns)
    /// `selection` of the clock rows joined as `l` to their escalations.
    static let joinedSelection = RowSQL.selection(columns, alias: "l")

    var clock: SLAClock {
        SLAClock(
            target: TimeSpan(seconds: targetSeconds), startedAt: Date(timeIntervalSince1970: startedAt), dueAt: Date(timeIntervalSince1970: dueAt),
            warnedAt: warnedAt.map(Date.init(timeIntervalSince1970:)), breachedAt: breachedAt.map(Date.init(timeIntervalSince1970:)),
            metAt: metAt.map(Date.init(timeIntervalSince1970:)), calendar: calendar, warningDueAt: warningDueAt.map(Date.init(timeIntervalSince1970:))
        )
    }
}

extension Escalation.State: DatabaseValueConvertible {}
extension Trend: DatabaseValueConvertible {}
