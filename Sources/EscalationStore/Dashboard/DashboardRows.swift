import EscalationCore
public import EscalationValues
public import Foundation

/// One SLA clock row of `sla_clock`, as the dashboard shows it: a current clock, or a replaced
/// one in an escalation's SLA history.
public struct DashboardClock: Hashable, Sendable {
    public var target: String
    public var sequence: Int
    public var targetSeconds: Int
    public var startedAt: Date
    public var dueAt: Date
    public var warnedAt: Date?
    public var breachedAt: Date?
    public var metAt: Date?
    public var replacedAt: Date?
    /// The calendar the clock counts in (its times are shown in that zone); nil: round the clock.
    public var calendar: String?
    /// On a calendar, when its warning is due (computed in working time when it started).
    public var warningDueAt: Date?

    /// When the clock's warning is due: on a calendar as stored, else `share` of the way to its deadline.
    public func warningAt(share: Double) -> Date {
        warningDueAt ?? startedAt.addingTimeInterval(dueAt.timeIntervalSince(startedAt) * share)
    }

    /// Response, update, resolution: the order clocks are shown in.
    public var targetOrder: Int { ["response": 0, "update": 1, "resolution": 2][target] ?? 3 }
}

/// An escalation's row of `escalation` with its current clocks (the highest sequence of each
/// target), for the dashboard's list and page.
public struct DashboardEscalation: Hashable, Sendable {
    public var number: EscalationNumber
    public var source: EscalationSource
    public var account: AccountNumber
    public var state: String
    public var severity: String
    public var trend: String
    public var assignedTo: EmailAddress?
    public var requester: EmailAddress
    public var reason: String
    public var justification: String
    public var request: RequestNumber
    public var createdAt: Date
    public var deescalatedAt: Date?
    public var deescalationReason: String?
    public var updatesMet: Int
    public var updatesBreached: Int
    public var slaStoppedAt: Date?
    /// The current clock of each target, response first.
    public var clocks: [DashboardClock]
}

/// A pending request as "My Approvals" lists it, with the approvers it still waits for.
public struct DashboardPendingRequest: Hashable, Sendable {
    public var number: RequestNumber
    public var source: EscalationSource
    public var account: AccountNumber
    public var requester: EmailAddress
    public var reason: String
    public var justification: String
    public var severity: String
    public var createdAt: Date
    /// When the request outlived its timeout and went to its backup approvers.
    public var overdueAt: Date?
    /// Approvers (and, once overdue, backup approvers) who have not decided.
    public var waitingFor: [EmailAddress]
}

/// A request of an escalation's case or account, with its approvers and decisions in order.
public struct DashboardRequest: Hashable, Sendable {
    public struct Decision: Hashable, Sendable {
        public var approver: EmailAddress
        public var decision: String
        public var reason: String?
        public var at: Date
    }

    public var number: RequestNumber
    public var state: String
    public var requester: EmailAddress
    public var reason: String
    public var justification: String
    public var severity: String
    public var createdAt: Date
    public var decidedAt: Date?
    public var escalation: EscalationNumber?
    public var approvers: [EmailAddress]
    public var backupApprovers: [EmailAddress]
    public var decisions: [Decision]
}

/// One mail of a thread, in or out, with its raw bytes (empty once retention purged them).
public struct DashboardThreadMail: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable {
        case inbound = "in"
        case outbound = "out"
    }

    public var direction: Direction
    public var messageID: String
    public var at: Date
    /// In: the receipt's outcome and intent. Out: the template and the delivery state.
    public var outcome: String
    public var detail: String
    public var subject: String?
    public var raw: [UInt8]
    /// Out: why its stored bytes cannot be read back (`raw` then empty), as `OutboxMessage` says.
    public var unreadable: String? = nil
}

/// A journal entry or work note as shown.
public struct DashboardEntry: Hashable, Sendable {
    public var at: Date
    public var actor: String
    public var action: String
    public var detail: String
}

/// An outbox mail that is not getting out: given up, or pending after failed attempts or for
/// longer than the outbox's age limit.
public struct DashboardStuckMail: Hashable, Sendable {
    public var id: Int
    public var kind: String
    public var source: String?
    public var subject: String
    public var state: String
    public var attempts: Int
    public var createdAt: Date
    public var nextAttemptAt: Date
    public var lastError: String?
}

/// Everything the escalation's own page shows.
public struct DashboardEscalationPage: Hashable, Sendable {
    public var escalation: DashboardEscalation
    /// Every clock ever started, replaced ones included, by target then sequence.
    public var clockHistory: [DashboardClock]
    public var watchList: [EmailAddress]
    public var linkedCases: [CaseNumber]
    public var requests: [DashboardRequest]
    public var thread: [DashboardThreadMail]
    public var journal: [DashboardEntry]
    public var workNotes: [DashboardEntry]
}
