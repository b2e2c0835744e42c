import Foundation

extension EscalationEngine {
    /// Advances an escalation's SLA clocks to `now`: a warning at the configured share of each
    /// open clock's target, a breach at its deadline, each sent once to the manager and watch list.
    /// Returns nil when nothing fell due. Breach times are the deadlines, so a late tick records
    /// the same facts as a punctual one.
    public func tick(_ escalation: Escalation, owner: EmailAddress?, now: Date) -> (escalation: Escalation, journal: [JournalEntry], notices: [Notice])? {
        guard escalation.state == .active else { return nil }
        var updated = escalation
        var journal: [JournalEntry] = []
        var notices: [Notice] = []
        let share = configuration.policy.slaWarningShare
        let manager = escalation.assignedTo ?? owner
        let recipients = (manager.map { [$0] } ?? []) + escalation.watchList
        for (name, clock) in escalation.sla.openClocks {
            var changed = clock
            if clock.breachedAt == nil, now >= clock.dueAt {
                changed.breachedAt = clock.dueAt
                if changed.warnedAt == nil { changed.warnedAt = clock.warningAt(share: share) }
                journal.append(entry(escalation, "sla.breached", "\(name) target \(clock.target) breached at \(EscalationEngine.Context.timestamp(clock.dueAt))", clock.dueAt))
                notices.append(Notice(kind: .slaBreached, to: recipients, source: escalation.source, escalation: escalation,
                    details: ["clock": name, "due": EscalationEngine.Context.timestamp(clock.dueAt), "target": clock.target.description]))
            } else if clock.warnedAt == nil, clock.breachedAt == nil, now >= clock.warningAt(share: share) {
                changed.warnedAt = clock.warningAt(share: share)
                journal.append(entry(escalation, "sla.warning", "\(name) target \(clock.target) due \(EscalationEngine.Context.timestamp(clock.dueAt))", changed.warnedAt ?? now))
                notices.append(Notice(kind: .slaWarning, to: recipients, source: escalation.source, escalation: escalation,
                    details: ["clock": name, "due": EscalationEngine.Context.timestamp(clock.dueAt), "target": clock.target.description]))
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
        JournalEntry(at: at, actor: "gateway", cause: "sla-ticker", source: escalation.source, escalation: escalation.number,
            action: action, detail: detail)
    }
}
