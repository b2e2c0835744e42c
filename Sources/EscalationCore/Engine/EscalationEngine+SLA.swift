import EscalationValues
public import Foundation

extension EscalationEngine {
    /// Advances an escalation's SLA clocks to `now`: a warning at the configured share of each
    /// open clock's target (on a calendar, of its working time), a breach at its deadline, each sent once to whom the `[notify]` table
    /// says (the owner or assignee and the staff on the watch list by default; never a customer).
    /// Returns nil when nothing fell due. Breach times are the deadlines, so a late tick records
    /// the same facts as a punctual one.
    public func tick(_ escalation: Escalation, directory: some DirectoryLookup, now: Date) -> (
        escalation: Escalation, journal: [JournalEntry], notices: [Notice]
    )? {
        guard escalation.state == .active else { return nil }
        var updated = escalation
        var journal: [JournalEntry] = []
        var notices: [Notice] = []
        let share = configuration.policy.slaWarningShare
        let supportCase: SupportCase? = if case .supportCase(let number) = escalation.source { directory.supportCase(number) } else { nil }
        let audience = directory.account(escalation.account).map { account in
            Audience(account: account, supportCase: supportCase, escalation: escalation, request: nil, directory: directory)
        }
        let warned = audience?.recipients(of: .slaWarning, table: configuration.notify) ?? []
        let breachedTo = audience?.recipients(of: .slaBreached, table: configuration.notify) ?? []
        for (name, clock) in escalation.sla.openClocks {
            var changed = clock
            if clock.breachedAt == nil, now >= clock.dueAt {
                changed.breachedAt = clock.dueAt
                if changed.warnedAt == nil { changed.warnedAt = clock.warningAt(share: share) }
                journal.append(
                    entry(
                        escalation, "sla.breached", "\(name) target \(clock.target) breached at \(EscalationEngine.Context.timestamp(clock.dueAt))",
                        clock.dueAt))
                notices.append(
                    Notice(
                        .slaBreached(Notice.SLAEvent(clock: name, target: clock.target, due: clock.dueAt, calendar: clock.calendar)), to: breachedTo,
                        source: escalation.source, escalation: escalation))
            } else if clock.warnedAt == nil, clock.breachedAt == nil, now >= clock.warningAt(share: share) {
                changed.warnedAt = clock.warningAt(share: share)
                journal.append(
                    entry(
                        escalation, "sla.warning", "\(name) target \(clock.target) due \(EscalationEngine.Context.timestamp(clock.dueAt))",
                        changed.warnedAt ?? now))
                notices.append(
                    Notice(
                        .slaWarning(Notice.SLAEvent(clock: name, target: clock.target, due: clock.dueAt, calendar: clock.calendar)), to: warned,
                        source: escalation.source, escalation: escalation))
            }
            guard changed != clock else { continue }
            switch name {
            case "response": updated.sla.response = changed
            case "update": updated.sla.update = changed
            default: updated.sla.resolution = changed
            }
        }
        guard !journal.isEmpty else { return nil }
        for index in notices.indices { notices[index].escalation = updated }
        return (updated, journal, notices)
    }

    private func entry(_ escalation: Escalation, _ action: String, _ detail: String, _ at: Date) -> JournalEntry {
        JournalEntry(
            at: at, actor: "gateway", cause: "sla-ticker", source: escalation.source, escalation: escalation.number,
            action: action, detail: detail)
    }
}
