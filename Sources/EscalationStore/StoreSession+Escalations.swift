public import EscalationCore
public import EscalationValues
public import Foundation
import GRDB

extension StoreSession {
    /// The escalations that `condition` (SQL on `escalation e`) chooses, in `order`, each with
    /// its linked cases, watch list and current SLA clocks: one query per table, the lists
    /// only when an escalation was found.
    func escalations(where condition: String, _ arguments: SQLArguments, order: String = "e.number") throws -> [Escalation] {
        let rows = try self.rows(EscalationSQL.rows(condition, order: order), arguments).map(EscalationRecord.init(row:))
        guard !rows.isEmpty else { return [] }
        let links = try lists(CaseLinkList.self, condition, arguments)
        let watchers = try lists(WatchList.self, condition, arguments)
        var clocks: [EscalationNumber: [SLAClockRecord.Target: SLAClockRecord]] = [:]
        for clock in try self.rows(EscalationSQL.clocks(condition), arguments).map(SLAClockRecord.init(row:))
        where clock.sequence > clocks[clock.escalation]?[clock.target]?.sequence ?? 0 {
            clocks[clock.escalation, default: [:]][clock.target] = clock
        }
        return try rows.map { row in
            let current = (clocks[row.number] ?? [:]).mapValues(\.clock)
            guard let response = current[.response], let resolution = current[.resolution]
            else { throw DatabaseError(message: "escalation \(row.number): its response or resolution clock is missing") }
            let sla = SLA(
                attachedTo: row.slaAttachedTo, response: response, update: current[.update], resolution: resolution,
                updatesMet: row.slaUpdatesMet, updatesBreached: row.slaUpdatesBreached,
                stoppedAt: row.slaStoppedAt.map(Date.init(timeIntervalSince1970:)))
            return Escalation(
                number: row.number, source: row.source, account: row.account, state: row.state, severity: row.severity, trend: row.trend,
                linkedCases: (links[row.number.value] ?? []).map(CaseNumber.init(unchecked:)), assignedTo: row.assignedTo,
                watchList: (watchers[row.number.value] ?? []).map(EmailAddress.init(unchecked:)), requester: row.requester,
                reason: row.reason, justification: row.justification, request: row.request,
                createdAt: Date(timeIntervalSince1970: row.createdAt), deescalatedAt: row.deescalatedAt.map(Date.init(timeIntervalSince1970:)),
                deescalationReason: row.deescalationReason, sla: sla)
        }
    }

    /// Writes one escalation, only the rows that differ from `previous` (nil: a new one): its
    /// row when it differs from `previousRow` (nil: not known, written), a list rewritten only
    /// when it changed, each SLA clock updated in place, or replaced by a new row when it
    /// started again (the old one kept as history).
    func write(_ escalation: Escalation, was previous: Escalation?, previousRow: EscalationRecord?, warningShare: Double) throws {
        let number = escalation.number.value
        let record = EscalationRecord(escalation, warningShare: warningShare)
        if previous == nil { try record.insert(into: self) } else if record != previousRow { try record.update(in: self) }
        if escalation.linkedCases != previous?.linkedCases ?? [] {
            try write(escalation.linkedCases.map(\.value), of: number, in: CaseLinkList.self, replacing: previous != nil)
        }
        if escalation.watchList != previous?.watchList ?? [] {
            try write(escalation.watchList.map(\.value), of: number, in: WatchList.self, replacing: previous != nil)
        }
        let clocks: [(SLAClockRecord.Target, SLAClock?, SLAClock?)] = [
            (.response, escalation.sla.response, previous?.sla.response), (.update, escalation.sla.update, previous?.sla.update),
            (.resolution, escalation.sla.resolution, previous?.sla.resolution),
        ]
        for (target, clock, before) in clocks {
            guard let clock, clock != before else { continue }
            if let before, before.startedAt == clock.startedAt, before.target == clock.target {
                try execute(
                    EscalationSQL.clockUpdate,
                    [
                        clock.dueAt.timeIntervalSince1970, clock.warnedAt?.timeIntervalSince1970, clock.breachedAt?.timeIntervalSince1970,
                        clock.metAt?.timeIntervalSince1970, number, target.rawValue, number, target.rawValue,
                    ])
                continue
            }
            var sequence = 1
            if previous != nil {
                sequence += (try value(EscalationSQL.clockSequence, [number, target.rawValue]) as Int?) ?? 0
                if before != nil {
                    try execute(EscalationSQL.clockReplaced, [clock.startedAt.timeIntervalSince1970, number, target.rawValue, sequence - 1])
                }
            }
            try SLAClockRecord(escalation: escalation.number, target: target, sequence: sequence, clock).insert(into: self)
        }
    }

    /// Writes one escalation changed outside a mail (the SLA ticker) from `previous`, as the
    /// ticker loaded it: its row always (its next SLA event moves on), its lists and clocks
    /// where they changed.
    public func save(_ escalation: Escalation, was previous: Escalation, warningShare: Double) throws {
        try write(escalation, was: previous, previousRow: nil, warningShare: warningShare)
        if let cached = cache?.subject(escalation.source), cached.escalation.map({ $0.number <= escalation.number }) ?? true {
            cache?.remember(StateCache.Subject(requests: cached.requests, escalation: escalation), for: escalation.source)
        }
    }

    /// Every escalation, newest first.
    public func escalations() throws -> [Escalation] {
        try escalations(where: "TRUE", [], order: "e.number DESC")
    }

    public func escalation(_ number: EscalationNumber) throws -> Escalation? {
        try escalations(where: EscalationSQL.byNumber, [number.value]).first
    }

    /// Active escalations whose next SLA warning or breach is due at or before `now`.
    public func escalationsDueForSLA(at now: Date) throws -> [Escalation] {
        try escalations(where: EscalationSQL.slaDue, [now.timeIntervalSince1970])
    }

    /// Active account escalations that link this case (a linked case shows their colour).
    public func accountEscalations(linking supportCase: CaseNumber) throws -> [Escalation] {
        try escalations(where: EscalationSQL.linking, [supportCase.value])
    }
}
