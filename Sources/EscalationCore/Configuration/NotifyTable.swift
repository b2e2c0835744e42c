import Foundation

/// A role in an escalation whose holders an event's mail goes to (`[notify]` in the config).
public enum NotifyRole: String, Sendable, CaseIterable {
    /// Who asked for the escalation.
    case requester
    /// The case's contact (case escalations).
    case contact
    /// The case owner (case escalations).
    case owner
    /// The account escalation's assignee.
    case assignee
    /// The account's escalation manager (account escalations).
    case manager
    /// The approvers of the latest request who have decided on it.
    case approvers
    /// Everyone on the watch list, customers and staff.
    case watchers
    /// The staff on the watch list.
    case staffWatchers = "staff-watchers"
    /// The account's team (account escalations).
    case team
}

/// Who gets which event: one row per event (named like its template and `X-Escalation-Event`),
/// each a list of roles (DESIGN.md, "Mail out"). Answers to the sender of a mail are not in the
/// table: they go to that sender; nor is mail for one approver (approval requests, reminders,
/// decisions told, overdue requests), which goes to them by name. Staff-only events never reach
/// a customer, whatever a row says.
public struct NotifyTable: Hashable, Sendable {
    /// The roles of each event.
    public private(set) var rows: [Notice.Kind: [NotifyRole]]

    /// The table with the defaults, each row in `overrides` replacing its default.
    public init(overrides: [Notice.Kind: [NotifyRole]] = [:]) {
        rows = Self.defaults.merging(overrides) { _, new in new }
    }

    /// The roles that get `kind`; none for an event outside the table.
    public func roles(for kind: Notice.Kind) -> [NotifyRole] { rows[kind] ?? [] }

    /// The events the table holds, in the order the README lists them.
    public static let events: [Notice.Kind] = [
        .requestReceived, .reescalationReceived, .requestWithdrawn, .escalated, .approved, .rejected, .deescalated, .staffMessage,
        .customerMessage, .internalNote, .workNote, .severityChanged, .trendChanged, .watchListChanged, .linkedCasesChanged,
        .assignmentChanged, .slaWarning, .slaBreached,
    ]

    /// Events whose mail may reach customers (requester, case contact, watchers who are contacts);
    /// every other event is for staff on the escalation only.
    public static let customerEvents: Set<Notice.Kind> = [
        .requestReceived, .reescalationReceived, .requestWithdrawn, .escalated, .approved, .rejected, .deescalated, .staffMessage,
    ]

    private static let staffOnEscalation: [NotifyRole] = [.owner, .assignee, .manager, .staffWatchers]

    /// The defaults: customers get what concerns them, staff on the escalation everything.
    public static let defaults: [Notice.Kind: [NotifyRole]] = [
        .requestReceived: [.requester, .contact, .owner, .manager, .team],
        .reescalationReceived: [.requester, .contact, .owner, .manager, .team],
        .requestWithdrawn: [.requester, .contact, .owner, .manager, .team],
        .escalated: [.requester, .contact, .owner, .assignee, .manager, .watchers, .team],
        .approved: [.requester, .contact, .owner, .assignee, .manager, .watchers, .team],
        .rejected: [.requester, .contact, .owner, .manager, .team],
        .deescalated: [.requester, .contact, .owner, .assignee, .manager, .watchers],
        .staffMessage: [.requester, .contact, .watchers, .owner, .assignee, .manager],
        .customerMessage: staffOnEscalation + [.approvers],
        .internalNote: staffOnEscalation + [.approvers],
        .workNote: [.owner],
        .severityChanged: staffOnEscalation,
        .trendChanged: staffOnEscalation,
        .watchListChanged: staffOnEscalation,
        .linkedCasesChanged: staffOnEscalation,
        .assignmentChanged: staffOnEscalation,
        .slaWarning: [.owner, .assignee, .staffWatchers],
        .slaBreached: [.owner, .assignee, .staffWatchers],
    ]
}
