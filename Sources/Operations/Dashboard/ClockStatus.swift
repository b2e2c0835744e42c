import EscalationCore
import EscalationStore
import Foundation

/// Where an SLA clock stands at a moment, as the dashboard shows it: time left, in its warning
/// share, breached, met, replaced (by a severity change) or stopped (with the escalation). A
/// running clock on a calendar also says when it is due, in the calendar's zone: its time left
/// is wall-clock time, which a weekend or a holiday lengthens.
struct ClockStatus: Equatable {
    enum Kind: String {
        case running = "ok"
        case warning = "warn"
        case breached = "breach"
        case met
        case replaced
        case stopped
    }

    let kind: Kind
    let text: String

    init(_ clock: DashboardClock, stoppedAt: Date?, configuration: EscalationConfiguration, now: Date) {
        let target = Self.targetName(clock.target)
        let warningShare = configuration.policy.slaWarningShare
        let due = clock.calendar.flatMap(configuration.calendar(named:)).map { ", due " + $0.displayTime(clock.dueAt) } ?? ""
        if let breached = clock.breachedAt {
            kind = .breached
            text = "✕ \(target) breached \(DashboardTime.span(now.timeIntervalSince(breached))) ago"
        } else if let met = clock.metAt {
            kind = .met
            text = "✓ \(target) met, \(DashboardTime.span(clock.dueAt.timeIntervalSince(met))) to spare"
        } else if clock.replacedAt != nil {
            kind = .replaced
            text = "\(target) replaced"
        } else if stoppedAt != nil {
            kind = .stopped
            text = "\(target) stopped"
        } else if now >= clock.dueAt {
            kind = .breached
            text = "✕ \(target) breached \(DashboardTime.span(now.timeIntervalSince(clock.dueAt))) ago"
        } else if clock.warnedAt != nil || now >= clock.warningAt(share: warningShare) {
            kind = .warning
            text = "⚠ \(target): \(DashboardTime.span(clock.dueAt.timeIntervalSince(now))) left\(due)"
        } else {
            kind = .running
            text = "\(target): \(DashboardTime.span(clock.dueAt.timeIntervalSince(now))) left\(due)"
        }
    }

    /// The clock as a coloured chip.
    var html: String { "<span class=\"clock clock-\(kind.rawValue)\">\(HTML.escape(text))</span>" }

    static func targetName(_ target: String) -> String {
        switch target {
        case "response": "Response"
        case "update": "Update"
        case "resolution": "Resolution"
        default: target
        }
    }
}
