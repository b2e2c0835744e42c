import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// DE-ESCALATE: the configured roles, with a reason; the mark goes, the SLA stops, everyone is told.
    func deescalate(reason: String?) -> Decision {
        var context = self
        guard var escalation = state.activeEscalation else {
            // "Please cancel my escalation" while it only awaits approval: its requester withdraws it.
            if state.pendingRequest?.requester == sender { return withdraw() }
            return refuse(.nothingToDo, notice: answer(.nothingToDo(understood: "de-escalate")))
        }
        guard participants.mayDeescalate(escalation, roles: configuration.policy.deescalationRoles) else {
            return refuse(.notPermitted, notice: answer(.notPermitted(understood: "de-escalate")))
        }
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            return refuse(.reasonNeeded, notice: answer(.reasonNeeded(understood: "de-escalate")))
        }
        escalation.state = .deescalated
        escalation.deescalatedAt = now
        escalation.deescalationReason = reason
        escalation.sla.stop(at: now)
        context.state.escalation = escalation
        context.record("escalation.deescalated", "\(escalation.number) de-escalated by \(sender): \(reason)")
        if let notice = context.event(.deescalated(by: sender, reason: reason), escalation: escalation, also: [sender]) {
            context.notices.append(notice)
        }
        context.addWorkNote("Escalation \(escalation.number) de-escalated by \(sender): \(reason)", escalation: escalation)
        return context.applied()
    }

    /// SEVERITY, TREND, WATCH, UNWATCH, LINK, UNLINK and ASSIGN on the active escalation.
    func manage(_ command: Command) -> Decision {
        var context = self
        guard var escalation = state.activeEscalation else {
            return refuse(.nothingToDo, notice: answer(.nothingToDo(understood: command.name)))
        }
        let removesSelf = command == .unwatch(sender) && escalation.watchList.contains(sender)
        guard participants.mayManage(escalation) || removesSelf else {
            return refuse(.notPermitted, notice: answer(.notPermitted(understood: command.name)))
        }
        let change: Change
        switch context.apply(command, to: &escalation) {
        case .success(let applied): change = applied
        case .failure(let refusal): return refusal
        }
        context.recordManagerUpdate(on: &escalation)
        context.state.escalation = escalation
        context.record(change.action, change.summary)
        // On a case escalation the owner reads the change in the work note rather than twice.
        let owner = escalation.type == .case ? participants.supportCase.map { [$0.owner] } ?? [] : []
        if let notice = context.event(change.event, escalation: escalation, also: change.alsoTell, excluding: owner + [sender]) {
            context.notices.append(notice)
        }
        context.addWorkNote(change.summary, escalation: escalation)
        return context.applied()
    }

    /// Counts the sender's mail as an update for the SLA when they manage the escalation.
    func recordManagerUpdate(on escalation: inout Escalation) {
        guard participants.isSLAManager(of: escalation) else { return }
        let severity = configuration.severity(named: escalation.severity)
        escalation.sla.recordManagerUpdate(
            at: now, updateTarget: severity?.targets.update ?? TimeSpan(seconds: 86_400), calendar: slaCalendar(of: escalation, severity: severity),
            warningShare: configuration.policy.slaWarningShare)
    }

    /// The calendar new clocks of this escalation count in: its request's template's, else the
    /// severity's (`EscalationConfiguration.calendar(severity:template:)`).
    func slaCalendar(of escalation: Escalation, severity: Severity?) -> WorkingCalendar? {
        let templateName = state.requests.last { $0.number == escalation.request }?.template
        let template = templateName.flatMap { name in configuration.templates.first { $0.name == name } }
        return configuration.calendar(severity: severity, template: template)
    }

    /// One applied management change, described for the journal, the work note and the notice.
    struct Change {
        var action: String
        var summary: String
        var event: Notice.Event
        var alsoTell: [EmailAddress] = []
    }

    /// A change to apply, or the refusal that replaces it.
    enum ChangeResult {
        case success(Change)
        case failure(Decision)
    }

    private func unclear(_ command: Command, hint: String) -> ChangeResult {
        .failure(refuse(.notUnderstood, notice: answer(.notUnderstood(understood: command.name, hint: hint))))
    }

    /// Staff of the support organisation: listed as staff, or the account's team or escalation manager.
    private func isStaff(_ address: EmailAddress) -> Bool {
        audience(escalation: nil, request: nil).isStaff(address)
    }

    private func apply(_ command: Command, to escalation: inout Escalation) -> ChangeResult {
        let number = escalation.number
        switch command {
        case .severity(let name):
            guard let severity = configuration.severity(named: name) else {
                return unclear(command, hint: "SEVERITY " + configuration.severities.map(\.name).joined(separator: "|"))
            }
            let old = escalation.severity
            escalation.severity = severity.name
            escalation.sla.retarget(
                severity.targets, at: now, calendar: slaCalendar(of: escalation, severity: severity),
                warningShare: configuration.policy.slaWarningShare)
            return .success(
                Change(
                    action: "escalation.severity_changed", summary: "\(number) severity changed from \(old) to \(severity.name)",
                    event: .severityChanged(by: sender, from: old, to: severity.name)))
        case .trend(let trend):
            let old = escalation.trend
            escalation.trend = trend
            return .success(
                Change(
                    action: "escalation.trend_changed", summary: "\(number) trend changed from \(old.rawValue) to \(trend.rawValue)",
                    event: .trendChanged(by: sender, from: old.rawValue, to: trend.rawValue)))
        case .watch(let address):
            guard isStaff(address) || directory.contact(address)?.account == escalation.account else {
                return unclear(command, hint: "only support staff and contacts of this account can watch it; \(address) is neither")
            }
            if !escalation.watchList.contains(address) { escalation.watchList.append(address) }
            return .success(
                Change(
                    action: "escalation.watch_added", summary: "\(address) added to the watch list of \(number)",
                    event: .watchListChanged(by: sender, .added(address)), alsoTell: [address]))
        case .unwatch(let address):
            guard escalation.watchList.contains(address) else {
                return unclear(command, hint: "\(address) is not on the watch list")
            }
            escalation.watchList.removeAll { $0 == address }
            return .success(
                Change(
                    action: "escalation.watch_removed", summary: "\(address) removed from the watch list of \(number)",
                    event: .watchListChanged(by: sender, .removed(address)), alsoTell: [address]))
        case .link(let supportCase), .unlink(let supportCase):
            guard escalation.type == .account else { return unclear(command, hint: "LINK and UNLINK apply to account escalations") }
            let linking: Bool
            if case .link = command { linking = true } else { linking = false }
            if linking, namedCases([supportCase]).valid.isEmpty {
                return unclear(command, hint: "No case \(supportCase) is on account \(participants.account.name); LINK names a case of this account.")
            }
            if linking {
                if !escalation.linkedCases.contains(supportCase) { escalation.linkedCases.append(supportCase) }
            } else {
                escalation.linkedCases.removeAll { $0 == supportCase }
            }
            return .success(
                Change(
                    action: linking ? "escalation.case_linked" : "escalation.case_unlinked",
                    summary: "\(supportCase) \(linking ? "linked to" : "unlinked from") \(number)",
                    event: .linkedCasesChanged(by: sender, linking ? .added(supportCase) : .removed(supportCase))))
        case .assign(let address):
            guard escalation.type == .account else { return unclear(command, hint: "case escalations are managed by the case owner") }
            guard isStaff(address) else { return unclear(command, hint: "only support staff can be assigned; \(address) is not") }
            let old = escalation.assignedTo
            escalation.assignedTo = address
            return .success(
                Change(
                    action: "escalation.assigned", summary: "\(number) assigned to \(address) (was \(old?.value ?? "nobody"))",
                    event: .assignmentChanged(by: sender, from: old, to: address), alsoTell: [address]))
        case .escalate, .approve, .reject, .deescalate, .withdraw, .comment, .note, .unclear:
            return unclear(command, hint: "")
        }
    }
}
