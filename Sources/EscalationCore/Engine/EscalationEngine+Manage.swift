import Foundation

extension EscalationEngine.Context {
    /// DE-ESCALATE: the configured roles, with a reason; the mark goes, the SLA stops, everyone is told.
    func deescalate(reason: String?) -> Decision {
        var context = self
        guard var escalation = state.activeEscalation else {
            // "Please cancel my escalation" while it only awaits approval: its requester withdraws it.
            if state.pendingRequest?.requester == sender { return withdraw() }
            return refuse(.nothingToDo, notice: answer(.nothingToDo, details: ["understood": "de-escalate"]))
        }
        guard participants.mayDeescalate(escalation, roles: configuration.policy.deescalationRoles) else {
            return refuse(.notPermitted, notice: answer(.notPermitted, details: ["understood": "de-escalate"]))
        }
        guard let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty else {
            return refuse(.reasonNeeded, notice: answer(.reasonNeeded, details: ["understood": "de-escalate"]))
        }
        escalation.state = .deescalated
        escalation.deescalatedAt = now
        escalation.deescalationReason = reason
        escalation.sla.stop(at: now)
        context.state.escalation = escalation
        context.record("escalation.deescalated", "\(escalation.number) de-escalated by \(sender): \(reason)")
        context.notices.append(
            Notice(kind: .deescalated, to: [escalation.requester], cc: context.stakeholders(of: escalation) + [sender],
                source: escalation.source, escalation: escalation, details: ["reason": reason, "actor": sender.value]))
        context.addWorkNote("Escalation \(escalation.number) de-escalated by \(sender): \(reason)", escalation: escalation)
        return context.applied()
    }

    /// SEVERITY, TREND, WATCH, UNWATCH, LINK, UNLINK, ASSIGN and COMMENT on the active escalation.
    func manage(_ command: Command) -> Decision {
        var context = self
        guard var escalation = state.activeEscalation else {
            if case .comment = command {
                return refuse(.notUnderstood, notice: answer(.notUnderstood))
            }
            return refuse(.nothingToDo, notice: answer(.nothingToDo, details: ["understood": command.name]))
        }
        let isComment: Bool
        if case .comment = command { isComment = true } else { isComment = false }
        let removesSelf = command == .unwatch(sender) && escalation.watchList.contains(sender)
        let mayAct = isComment ? context.isParticipant(of: escalation) : participants.mayManage(escalation) || removesSelf
        guard mayAct else {
            return refuse(.notPermitted, notice: answer(.notPermitted, details: ["understood": command.name]))
        }
        let change: Change
        switch context.apply(command, to: &escalation) {
        case .success(let applied): change = applied
        case .failure(let refusal): return refusal
        }
        if participants.isSLAManager(of: escalation) {
            let updateTarget = configuration.severity(named: escalation.severity)?.targets.update ?? TimeSpan(seconds: 86_400)
            escalation.sla.recordManagerUpdate(at: now, updateTarget: updateTarget)
        }
        context.state.escalation = escalation
        context.record(change.action, change.summary)
        var recipients = context.stakeholders(of: escalation) + change.alsoTell
        if escalation.type == .case, let owner = participants.supportCase?.owner { recipients.removeAll { $0 == owner } }
        recipients.removeAll { $0 == sender }
        if !recipients.isEmpty {
            context.notices.append(
                Notice(kind: change.notice, to: recipients, source: escalation.source, escalation: escalation,
                    details: change.details.merging(["actor": sender.value]) { first, _ in first }))
        }
        context.addWorkNote(change.summary, escalation: escalation)
        if escalation.type == .case, participants.isCaseOwner { context.notices.removeAll { $0.kind == .workNote } }
        return context.applied()
    }

    /// Requester, case contact, watchers and staff of the case or account may comment.
    func isParticipant(of escalation: Escalation) -> Bool {
        escalation.requester == sender || escalation.watchList.contains(sender) || escalation.assignedTo == sender
            || participants.isAccountContact || participants.isSupportStaff
    }

    /// One applied management change, described for the journal, the work note and the notice.
    struct Change {
        var action: String
        var summary: String
        var notice: Notice.Kind
        var details: [String: String] = [:]
        var alsoTell: [EmailAddress] = []
    }

    /// A change to apply, or the refusal that replaces it.
    enum ChangeResult {
        case success(Change)
        case failure(Decision)
    }

    private func unclear(_ command: Command, hint: String) -> ChangeResult {
        .failure(refuse(.notUnderstood, notice: answer(.notUnderstood, details: ["understood": command.name, "hint": hint])))
    }

    /// Staff of the support organisation: listed as staff, or the account's team or escalation manager.
    private func isStaff(_ address: EmailAddress) -> Bool {
        directory.staffMember(address) != nil || participants.account.team.contains(address) || participants.account.escalationManager == address
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
            escalation.sla.retarget(severity.targets, at: now)
            return .success(Change(action: "escalation.severity_changed", summary: "\(number) severity changed from \(old) to \(severity.name)",
                notice: .severityChanged, details: ["old": old, "new": severity.name]))
        case .trend(let trend):
            let old = escalation.trend
            escalation.trend = trend
            return .success(Change(action: "escalation.trend_changed", summary: "\(number) trend changed from \(old.rawValue) to \(trend.rawValue)",
                notice: .trendChanged, details: ["old": old.rawValue, "new": trend.rawValue]))
        case .watch(let address):
            guard isStaff(address) || directory.contact(address)?.account == escalation.account else {
                return unclear(command, hint: "only support staff and contacts of this account can watch it; \(address) is neither")
            }
            if !escalation.watchList.contains(address) { escalation.watchList.append(address) }
            return .success(Change(action: "escalation.watch_added", summary: "\(address) added to the watch list of \(number)",
                notice: .watchListChanged, details: ["added": address.value], alsoTell: [address]))
        case .unwatch(let address):
            guard escalation.watchList.contains(address) else {
                return unclear(command, hint: "\(address) is not on the watch list")
            }
            escalation.watchList.removeAll { $0 == address }
            return .success(Change(action: "escalation.watch_removed", summary: "\(address) removed from the watch list of \(number)",
                notice: .watchListChanged, details: ["removed": address.value], alsoTell: [address]))
        case .link(let supportCase), .unlink(let supportCase):
            guard escalation.type == .account else { return unclear(command, hint: "LINK and UNLINK apply to account escalations") }
            let linking: Bool
            if case .link = command { linking = true } else { linking = false }
            if linking {
                if !escalation.linkedCases.contains(supportCase) { escalation.linkedCases.append(supportCase) }
            } else {
                escalation.linkedCases.removeAll { $0 == supportCase }
            }
            return .success(Change(action: linking ? "escalation.case_linked" : "escalation.case_unlinked",
                summary: "\(supportCase) \(linking ? "linked to" : "unlinked from") \(number)", notice: .linkedCasesChanged,
                details: [linking ? "linked" : "unlinked": supportCase.value]))
        case .assign(let address):
            guard escalation.type == .account else { return unclear(command, hint: "case escalations are managed by the case owner") }
            guard isStaff(address) else { return unclear(command, hint: "only support staff can be assigned; \(address) is not") }
            let old = escalation.assignedTo?.value ?? "nobody"
            escalation.assignedTo = address
            return .success(Change(action: "escalation.assigned", summary: "\(number) assigned to \(address) (was \(old))",
                notice: .assignmentChanged, details: ["old": old, "new": address.value], alsoTell: [address]))
        case .comment(let text):
            return .success(Change(action: "escalation.comment", summary: "Comment on \(number) by \(sender): \(text)",
                notice: .escalationUpdated, details: ["comment": text]))
        case .escalate, .approve, .reject, .deescalate, .withdraw:
            return unclear(command, hint: "")
        }
    }
}
