import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// ESCALATE: one active escalation per case and account, the re-escalation cooldown, the
    /// reason, the template's approval workflow; the record is created at once when no approval is needed.
    func escalate(_ arguments: EscalateArguments) -> Decision {
        var context = self
        let participants = self.participants
        guard participants.mayEscalate else {
            return refuse(.notPermitted, notice: answer(.notPermitted(understood: mail.command.name)))
        }
        if let active = state.activeEscalation {
            return refuse(.alreadyEscalated, notice: Notice(.alreadyEscalated, to: [sender], source: mail.source, escalation: active))
        }
        if let pending = state.pendingRequest {
            return refuse(.alreadyEscalated, notice: Notice(.alreadyEscalated, to: [sender], source: mail.source, request: pending))
        }
        let earlier = state.requests
        let cooldown = TimeInterval(configuration.policy.reescalationCooldown.seconds)
        if let rejected = state.latestRejection, let until = rejected.decidedAt?.addingTimeInterval(cooldown), now < until {
            let notice = Notice(
                .reescalationCooldown(reason: rejected.rejectionReason ?? "", until: until), to: [sender], source: mail.source, request: rejected)
            return refuse(.cooldown, notice: notice)
        }
        let reasonText = arguments.reason ?? earlier.last?.reason
        guard let reasonText, let reason = configuration.reasons.reason(in: reasonText) ?? configuration.reasons.reason(named: reasonText)
        else {
            let names = configuration.reasons.reasons.map(\.name)
            return refuse(.reasonNeeded, notice: answer(.reasonNeeded(understood: "escalate", reasons: names)))
        }
        guard let template = configuration.template(for: mail.source.type, account: participants.account) else {
            let why =
                "No escalation template covers \(mail.source.type == .case ? "case" : "account") escalations of \(participants.account.number); an administrator must configure one."
            return refuse(.noTemplate, notice: answer(.notPermitted(understood: "escalate", hint: why)))
        }
        let severity = arguments.severity.flatMap(configuration.severity(named:))?.name ?? template.defaultSeverity
        var approvers = template.approvers
        if template.type == .case, template.addCaseGroupManager, let manager = participants.supportCase?.groupManager,
            !approvers.contains(manager)
        {
            approvers.append(manager)
        }
        // Nobody approves their own request: the template's other approvers decide, and when
        // there are none the request is refused (fail closed, never an automatic approval).
        let requesterWasApprover = approvers.contains(sender)
        approvers.removeAll { $0 == sender }
        if template.approvalRequired, approvers.isEmpty {
            return refuseWithoutApprover(template: template, requesterWasApprover: requesterWasApprover)
        }
        let (linkedCases, leftOut) = arguments.type == .account ? namedCases(arguments.linkedCases) : ([], [])
        let justification = arguments.justification.isEmpty ? (earlier.last?.justification ?? "") : arguments.justification
        let request = EscalationRequest(
            number: RequestNumber(sequence: state.nextRequestSequence), source: mail.source, account: participants.account.number,
            state: .pending, requester: sender, reason: reason.name, justification: justification, severity: severity,
            template: template.name, approvers: approvers, approvalRule: template.approvalRule, decisions: [],
            previousRequests: earlier.map(\.number), linkedCases: linkedCases, createdAt: now, decidedAt: nil, escalation: nil)
        context.state.nextRequestSequence += 1
        context.state.upsert(request)
        let again = !earlier.isEmpty
        context.record(
            again ? "request.reescalated" : "request.created",
            "\(request.number) by \(sender) for \(mail.source): \(reason.name)"
                + (again ? " (escalation \(earlier.count + 1), after \(earlier.map(\.number.value).joined(separator: ", ")))" : ""),
            request: request.number)

        guard template.approvalRequired else {
            context.approve(request, approvalDetail: "no approval required by template \(template.name)")
            if !leftOut.isEmpty, let index = context.notices.firstIndex(where: { $0.kind == .escalated }) {
                context.notices[index].event = .escalated(leftOut: leftOut)
            }
            return context.applied()
        }
        let history = earlier.map { "\($0.number): \($0.reason)" + ($0.rejectionReason.map { ", rejected: \($0)" } ?? "") }
        if let notice = context.event(again ? .reescalationReceived : .requestReceived(leftOut: leftOut), request: request) {
            context.notices.append(notice)
        }
        for approver in approvers {
            context.notices.append(Notice(.approvalRequested(history: history), to: [approver], source: mail.source, request: request))
        }
        return context.applied()
    }

    /// The cases an account request names split into those of the escalation's account, and the
    /// others with why they were left out (no such case on this account; nothing about any other).
    func namedCases(_ cases: [CaseNumber]) -> (valid: [CaseNumber], leftOut: [String]) {
        var valid: [CaseNumber] = []
        var leftOut: [String] = []
        for number in cases where !valid.contains(number) {
            if directory.supportCase(number)?.account == participants.account.number {
                valid.append(number)
            } else {
                leftOut.append("\(number) (no such case on account \(participants.account.name))")
            }
        }
        return (valid, leftOut)
    }

    /// Marks the request approved and creates its escalation record with its SLA, assignee and watch list.
    mutating func approve(_ pending: EscalationRequest, approvalDetail: String) {
        var request = pending
        let template = configuration.templates.first { $0.name == request.template }
        let severity = configuration.severity(named: request.severity) ?? configuration.severities[0]
        let number = EscalationNumber(sequence: state.nextEscalationSequence)
        state.nextEscalationSequence += 1
        let account = participants.account
        let assignee: EmailAddress? = request.source.type == .account ? (template?.assignTo ?? account.escalationManager) : nil
        let watchList = request.source.type == .account && template?.addAccountTeam == true ? account.team : []
        let attachedTo = request.source.type == .case ? request.source.description : number.value
        let escalation = Escalation(
            number: number, source: request.source, account: account.number, state: .active, severity: severity.name,
            trend: .unchanged, linkedCases: request.linkedCases, assignedTo: assignee, watchList: watchList,
            requester: request.requester, reason: request.reason, justification: request.justification, request: request.number,
            createdAt: now, deescalatedAt: nil, deescalationReason: nil,
            sla: SLA(
                attachedTo: attachedTo, targets: severity.targets, startedAt: now,
                calendar: configuration.calendar(severity: severity, template: template), warningShare: configuration.policy.slaWarningShare))
        request.state = .approved
        request.decidedAt = now
        request.escalation = number
        state.upsert(request)
        state.escalation = escalation
        record(
            "escalation.created", "\(number) created for \(request.source) (\(approvalDetail)), severity \(severity.name)",
            escalation: number, request: request.number)
        if let notice = event(request.decisions.isEmpty ? .escalated() : .approved, escalation: escalation, request: request) {
            notices.append(notice)
        }
        addWorkNote(
            "Escalation \(number) created: severity \(severity.name), reason \(request.reason). \(request.justification)",
            escalation: escalation)
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
    }
}
