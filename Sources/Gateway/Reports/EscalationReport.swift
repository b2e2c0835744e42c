import EscalationCore
import EscalationValues
import Foundation

/// An escalation as `show ESC…` and `list` print it.
public struct EscalationReport: Encodable, Sendable {
    public struct SeverityValue: Encodable, Sendable {
        public var name: String
        public var color: String
    }

    public struct ApprovalValue: Encodable, Sendable {
        public var approver: String
        public var decision: String
        public var reason: String?
        public var at: String
    }

    public struct JournalValue: Encodable, Sendable {
        public var at: String
        public var actor: String
        public var cause: String
        public var action: String
        public var detail: String
    }

    /// An SLA clock; on a calendar, its times in the calendar's zone with their offset
    /// (`2026-03-30T11:00:00+02:00`) and the calendar named, else in UTC with no `calendar` key.
    public struct ClockValue: Encodable, Sendable {
        public var target: String
        public var startedAt: String
        public var due: String
        public var status: String
        public var warnedAt: String?
        public var breachedAt: String?
        public var metAt: String?
        public var calendar: String?
    }

    public struct SLAValue: Encodable, Sendable {
        public var attachedTo: String
        public var response: ClockValue
        public var update: ClockValue?
        public var resolution: ClockValue
        public var updatesMet: Int
        public var updatesBreached: Int
        public var stopped: Bool
    }

    public var number: String
    public var type: String
    public var state: String
    public var severity: SeverityValue
    public var trend: String
    public var source: String
    public var account: String
    public var linkedCases: [String]
    public var assignedTo: String?
    public var watchList: [String]
    public var requester: String
    public var reason: String
    public var justification: String
    public var request: String
    public var approvals: [ApprovalValue]
    public var createdAt: String
    public var deescalatedAt: String?
    public var deescalationReason: String?
    public var sla: SLAValue
    public var journal: [JournalValue]?

    init(_ escalation: Escalation, request: EscalationRequest?, configuration: EscalationConfiguration, journal: [JournalEntry]?) {
        number = escalation.number.value
        type = escalation.type.rawValue
        state = escalation.state.rawValue
        severity = SeverityValue(name: escalation.severity, color: configuration.severity(named: escalation.severity)?.color ?? "")
        trend = escalation.trend.rawValue
        source = escalation.source.description
        account = escalation.account.value
        linkedCases = escalation.linkedCases.map(\.value)
        assignedTo = escalation.assignedTo?.value
        watchList = escalation.watchList.map(\.value)
        requester = escalation.requester.value
        reason = escalation.reason
        justification = escalation.justification
        self.request = escalation.request.value
        approvals = request.map(Self.approvals) ?? []
        createdAt = Self.time(escalation.createdAt)
        deescalatedAt = escalation.deescalatedAt.map(Self.time)
        deescalationReason = escalation.deescalationReason
        let sla = escalation.sla
        self.sla = SLAValue(
            attachedTo: sla.attachedTo, response: Self.clock(sla.response, configuration), update: sla.update.map { Self.clock($0, configuration) },
            resolution: Self.clock(sla.resolution, configuration),
            updatesMet: sla.updatesMet, updatesBreached: sla.updatesBreached, stopped: sla.stoppedAt != nil)
        self.journal = journal.map { $0.filter { $0.escalation == nil || $0.escalation == escalation.number }.map(Self.journalValue) }
    }

    static func approvals(_ request: EscalationRequest) -> [ApprovalValue] {
        request.decisions.map { ApprovalValue(approver: $0.approver.value, decision: $0.decision.rawValue, reason: $0.reason, at: time($0.at)) }
    }

    static func journalValue(_ entry: JournalEntry) -> JournalValue {
        JournalValue(at: time(entry.at), actor: entry.actor, cause: entry.cause, action: entry.action, detail: entry.detail)
    }

    static func clock(_ clock: SLAClock, _ configuration: EscalationConfiguration) -> ClockValue {
        let calendar = clock.calendar.flatMap(configuration.calendar(named:))
        let time: (Date) -> String = { date in calendar?.iso8601(date) ?? Self.time(date) }
        return ClockValue(
            target: clock.target.description, startedAt: time(clock.startedAt), due: time(clock.dueAt), status: clock.status,
            warnedAt: clock.warnedAt.map(time), breachedAt: clock.breachedAt.map(time), metAt: clock.metAt.map(time), calendar: calendar?.name)
    }

    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}
