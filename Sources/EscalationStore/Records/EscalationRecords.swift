import EscalationCore
import Foundation
import GRDB

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

    var number: String
    var source: String
    var account: String
    var state: String
    var severity: String
    var trend: String
    var assignedTo: String?
    var requester: String
    var reason: String
    var justification: String
    var request: String
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
        number = escalation.number.value
        source = escalation.source.description
        account = escalation.account.value
        state = escalation.state.rawValue
        severity = escalation.severity
        trend = escalation.trend.rawValue
        assignedTo = escalation.assignedTo?.value
        requester = escalation.requester.value
        reason = escalation.reason
        justification = escalation.justification
        request = escalation.request.value
        createdAt = escalation.createdAt.timeIntervalSince1970
        deescalatedAt = escalation.deescalatedAt?.timeIntervalSince1970
        deescalationReason = escalation.deescalationReason
        slaAttachedTo = escalation.sla.attachedTo
        slaUpdatesMet = escalation.sla.updatesMet
        slaUpdatesBreached = escalation.sla.updatesBreached
        slaStoppedAt = escalation.sla.stoppedAt?.timeIntervalSince1970
        nextSLAEventAt = escalation.state == .active ? escalation.sla.nextEventAt(warningShare: warningShare)?.timeIntervalSince1970 : nil
    }

    init(row: Row) throws {
        number = row[0]
        source = row[1]
        account = row[2]
        state = row[3]
        severity = row[4]
        trend = row[5]
        assignedTo = row[6]
        requester = row[7]
        reason = row[8]
        justification = row[9]
        request = row[10]
        createdAt = row[11]
        deescalatedAt = row[12]
        deescalationReason = row[13]
        slaAttachedTo = row[14]
        slaUpdatesMet = row[15]
        slaUpdatesBreached = row[16]
        slaStoppedAt = row[17]
        nextSLAEventAt = row[18]
    }

    static let columns = [
        Columns.number, Columns.source, Columns.account, Columns.state, Columns.severity, Columns.trend, Columns.assignedTo,
        Columns.requester, Columns.reason, Columns.justification, Columns.request, Columns.createdAt, Columns.deescalatedAt,
        Columns.deescalationReason, Columns.slaAttachedTo, Columns.slaUpdatesMet, Columns.slaUpdatesBreached, Columns.slaStoppedAt,
        Columns.nextSLAEventAt
    ]
    static let primaryKeyCount = 1
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)
    static let updating = RowSQL.updating(databaseTableName, columns, primaryKeyCount: primaryKeyCount)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            number, source, account, state, severity, trend, assignedTo, requester, reason, justification, request, createdAt,
            deescalatedAt, deescalationReason, slaAttachedTo, slaUpdatesMet, slaUpdatesBreached, slaStoppedAt, nextSLAEventAt
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

    enum Target: String, CaseIterable {
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
    }

    var escalation: String
    var target: String
    var sequence: Int
    var targetSeconds: Int
    var startedAt: Double
    var dueAt: Double
    var warnedAt: Double?
    var breachedAt: Double?
    var metAt: Double?
    var replacedAt: Double?

    init(escalation: String, target: Target, sequence: Int, _ clock: SLAClock) {
        self.escalation = escalation
        self.target = target.rawValue
        self.sequence = sequence
        targetSeconds = clock.target.seconds
        startedAt = clock.startedAt.timeIntervalSince1970
        dueAt = clock.dueAt.timeIntervalSince1970
        warnedAt = clock.warnedAt?.timeIntervalSince1970
        breachedAt = clock.breachedAt?.timeIntervalSince1970
        metAt = clock.metAt?.timeIntervalSince1970
    }

    init(row: Row) throws {
        escalation = row[0]
        target = row[1]
        sequence = row[2]
        targetSeconds = row[3]
        startedAt = row[4]
        dueAt = row[5]
        warnedAt = row[6]
        breachedAt = row[7]
        metAt = row[8]
        replacedAt = row[9]
    }

    static let columns = [
        Columns.escalation, Columns.target, Columns.sequence, Columns.targetSeconds, Columns.startedAt, Columns.dueAt, Columns.warnedAt,
        Columns.breachedAt, Columns.metAt, Columns.replacedAt
    ]
    static let primaryKeyCount = 3
    static let insertion = RowSQL.insertion(into: databaseTableName, columns)

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [
            escalation, target, sequence, targetSeconds, startedAt, dueAt, warnedAt, breachedAt, metAt, replacedAt
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
            metAt: metAt.map(Date.init(timeIntervalSince1970:)))
    }
}

/// A stored enumeration value read back; a value the schema's CHECK let through but this
/// build does not know is an error, not a guess.
enum StoredValue {
    static func parse<T>(_ make: (String) -> T?, _ text: String, _ column: String) throws -> T {
        guard let value = make(text) else { throw DatabaseError(message: "\(column): unknown stored value \(text)") }
        return value
    }
}
