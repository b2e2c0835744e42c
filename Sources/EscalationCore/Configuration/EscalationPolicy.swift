public import EscalationValues
import Foundation

/// Who may de-escalate, besides nobody else: the roles named here.
public enum DeescalationRole: String, Sendable, Codable, CaseIterable {
    case requester
    case owner
    case assignee
    case escalationManager = "escalation_manager"
    case contact
}

/// Policy knobs of the escalation model.
public struct EscalationPolicy: Hashable, Sendable {
    /// A new request within this span after the last rejection is refused with that rejection's reason.
    public var reescalationCooldown: TimeSpan
    /// The share of an SLA target after which a warning goes out (0.75 by default).
    public var slaWarningShare: Double
    /// Roles that may de-escalate by mail.
    public var deescalationRoles: Set<DeescalationRole>
    /// Whether a sender sharing an account's mail domain counts as that account's contact.
    public var allowDomainContacts: Bool
    /// How long after a de-escalation plain replies are still relayed between customer and staff.
    public var dialogAfterDeescalation: TimeSpan

    public init(
        reescalationCooldown: TimeSpan = TimeSpan(seconds: 1800), slaWarningShare: Double = 0.75,
        deescalationRoles: Set<DeescalationRole> = [.requester, .owner, .assignee],
        allowDomainContacts: Bool = false, dialogAfterDeescalation: TimeSpan = TimeSpan(seconds: 14 * 86_400)
    ) {
        self.dialogAfterDeescalation = dialogAfterDeescalation
        self.reescalationCooldown = reescalationCooldown
        self.slaWarningShare = slaWarningShare
        self.deescalationRoles = deescalationRoles
        self.allowDomainContacts = allowDomainContacts
    }
}

/// Everything an administrator configures about escalations.
public struct EscalationConfiguration: Hashable, Sendable {
    public var severities: [Severity]
    public var reasons: ReasonCatalog
    public var templates: [EscalationTemplate]
    public var policy: EscalationPolicy
    /// Who gets which event.
    public var notify: NotifyTable
    /// The `[[calendar]]`s severities and templates may name.
    public var calendars: [WorkingCalendar]

    public init(
        severities: [Severity], reasons: ReasonCatalog, templates: [EscalationTemplate], policy: EscalationPolicy,
        notify: NotifyTable = NotifyTable(), calendars: [WorkingCalendar] = []
    ) {
        self.notify = notify
        self.calendars = calendars
        self.severities = severities.sorted { $0.rank < $1.rank }
        self.reasons = reasons
        self.templates = templates
        self.policy = policy
    }

    /// The severity with this name (case-insensitive), or one whose colour is named.
    public func severity(named name: String) -> Severity? {
        let key = Self.isPlainWord(name) ? name.lowercased() : name.lowercased().trimmingCharacters(in: Self.aroundNames)
        return severities.first { $0.name.lowercased() == key } ?? severities.first { $0.color.lowercased() == key }
    }

    /// What is trimmed from around a severity's name.
    private static let aroundNames = CharacterSet.whitespacesAndNewlines.union(.punctuationCharacters)

    /// Whether a name is ASCII letters and digits at both ends, so has nothing to trim (the
    /// names the gateway stores itself, read for every mail).
    private static func isPlainWord(_ name: String) -> Bool {
        let isLetterOrDigit: (UInt8) -> Bool = {
            ($0 | 0x20 >= UInt8(ascii: "a") && $0 | 0x20 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
        }
        guard let first = name.utf8.first, let last = name.utf8.last else { return false }
        return isLetterOrDigit(first) && isLetterOrDigit(last)
    }

    /// The calendar with this name, if configured.
    public func calendar(named name: String) -> WorkingCalendar? {
        calendars.first { $0.name == name }
    }

    /// The calendar an escalation's clocks count in: its template's, else its severity's, else
    /// none (round the clock). The template wins because it is the more specific choice: it is
    /// picked per account or tier, while a severity's calendar holds for every account.
    public func calendar(severity: Severity?, template: EscalationTemplate?) -> WorkingCalendar? {
        guard let name = template?.calendar ?? severity?.calendar else { return nil }
        return calendar(named: name)
    }

    /// The template for a request of this type on this account: the first of the type whose
    /// `accounts` list matches, else the first of the type without such a list (DESIGN.md, "Templates").
    public func template(for type: EscalationType, account: Account) -> EscalationTemplate? {
        let ofType = templates.filter { $0.type == type }
        return ofType.first { $0.lists(account) } ?? ofType.first { $0.accounts.isEmpty }
    }
}
