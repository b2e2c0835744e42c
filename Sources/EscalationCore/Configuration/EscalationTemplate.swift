public import EscalationValues
import Foundation

/// An admin-defined escalation template (seeds 000 and 001): for one type, whether
/// approval is needed and by whom, the default severity, and the account options.
public struct EscalationTemplate: Hashable, Sendable {
    /// How approvers decide: the first decision counts (`any`) or every approver must approve (`all`).
    public enum ApprovalRule: String, Sendable, Codable, CaseIterable {
        case any
        case all
    }

    public var name: String
    public var type: EscalationType
    public var approvalRequired: Bool
    public var approvers: [EmailAddress]
    public var approvalRule: ApprovalRule
    /// Case templates only: add the case assignment group's manager to the approvers.
    public var addCaseGroupManager: Bool
    /// Account templates only: add the account team to the watch list.
    public var addAccountTeam: Bool
    /// Account templates only: assign to this address rather than the account's escalation manager.
    public var assignTo: EmailAddress?
    public var defaultSeverity: String
    /// Account numbers or tiers this template is limited to; empty means every account.
    public var accounts: [String]
    /// How long a pending request waits before its undecided approvers are reminded, and again
    /// after each such period; nil: no reminders.
    public var approvalReminder: TimeSpan?
    /// How long a pending request waits before it goes to `backupApprovers` (none: the case
    /// owner or escalation manager is told); nil: never. Nothing is ever decided automatically.
    public var approvalTimeout: TimeSpan?
    public var backupApprovers: [EmailAddress]
    /// The `[[calendar]]` whose working time the SLA clocks of its escalations count (an account
    /// tier's support hours); it takes precedence over the severity's calendar.
    public var calendar: String?

    public init(
        name: String, type: EscalationType, approvalRequired: Bool, approvers: [EmailAddress] = [],
        approvalRule: ApprovalRule = .any, addCaseGroupManager: Bool = false, addAccountTeam: Bool = false,
        assignTo: EmailAddress? = nil, defaultSeverity: String, accounts: [String] = [], approvalReminder: TimeSpan? = nil,
        approvalTimeout: TimeSpan? = nil, backupApprovers: [EmailAddress] = [], calendar: String? = nil
    ) {
        self.name = name
        self.type = type
        self.approvalRequired = approvalRequired
        self.approvers = approvers
        self.approvalRule = approvalRule
        self.addCaseGroupManager = addCaseGroupManager
        self.addAccountTeam = addAccountTeam
        self.assignTo = assignTo
        self.defaultSeverity = defaultSeverity
        self.accounts = accounts
        self.approvalReminder = approvalReminder
        self.approvalTimeout = approvalTimeout
        self.backupApprovers = backupApprovers
        self.calendar = calendar
    }

    /// Whether this template's `accounts` list names the account (by number or tier).
    func lists(_ account: Account) -> Bool {
        accounts.contains { entry in
            entry.uppercased() == account.number.value || (account.tier.map { $0.lowercased() == entry.lowercased() } ?? false)
        }
    }
}
