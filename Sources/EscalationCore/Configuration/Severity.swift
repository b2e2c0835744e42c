import Foundation

/// An admin-defined escalation severity: a name, a rank (1 is the most severe),
/// the colour shown wherever the escalated case or account appears, and its SLA targets.
public struct Severity: Hashable, Sendable, Codable {
    public var name: String
    public var rank: Int
    public var color: String
    public var targets: SLATargets
    /// The `[[calendar]]` whose working time its clocks count; nil: round the clock. An
    /// escalation template's calendar takes precedence (`EscalationConfiguration.calendar(severity:template:)`).
    public var calendar: String?

    public init(name: String, rank: Int, color: String, targets: SLATargets, calendar: String? = nil) {
        self.name = name
        self.rank = rank
        self.color = color
        self.targets = targets
        self.calendar = calendar
    }
}

/// The three SLA targets of a severity, in seconds: round the clock, or working time of a calendar.
public struct SLATargets: Hashable, Sendable, Codable {
    /// Time allowed from the record's creation to the first update by the manager.
    public var response: TimeSpan
    /// Time allowed between two updates after the first.
    public var update: TimeSpan
    /// Time allowed from creation to de-escalation.
    public var resolution: TimeSpan

    public init(response: TimeSpan, update: TimeSpan, resolution: TimeSpan) {
        self.response = response
        self.update = update
        self.resolution = resolution
    }
}
