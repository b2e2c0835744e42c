import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// APPROVE or REJECT: only an approver (or, once asked, a backup approver) of the pending
    /// request, only once; a rejection needs a reason; rule `any` lets the first decision count,
    /// rule `all` needs every approver's approval (or one backup approver's). A decision that
    /// settles the request is confirmed to its decider and told to every other approver.
    func decideApproval(_ verdict: ApprovalDecision.Verdict, reason: String?) -> Decision {
        var context = self
        let target = mail.request.flatMap { number in state.requests.first { $0.number == number } } ?? state.pendingRequest
        guard var request = target, request.state == .pending else {
            if let decided = target ?? state.requests.last, decided.deciders.contains(sender) {
                return refuse(
                    .alreadyDecided,
                    notice: Notice(
                        .alreadyDecided, to: [sender], source: mail.source,
                        escalation: state.escalation, request: decided))
            }
            return refuse(.nothingToDo, notice: answer(.nothingToDo(understood: mail.command.name)))
        }
        guard request.deciders.contains(sender), request.requester != sender else {
            return refuse(.notPermitted, notice: answer(.notPermitted(understood: mail.command.name)))
        }
        if request.decisions.contains(where: { $0.approver == sender }) {
            return refuse(.alreadyDecided, notice: Notice(.alreadyDecided, to: [sender], source: mail.source, request: request))
        }
        let trimmedReason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if verdict == .rejected, trimmedReason?.isEmpty ?? true {
            return refuse(.reasonNeeded, notice: Notice(.reasonNeeded(understood: "reject"), to: [sender], source: mail.source, request: request))
        }
        request.decisions.append(ApprovalDecision(approver: sender, decision: verdict, reason: trimmedReason, at: now))
        context.record(
            verdict == .approved ? "approval.approved" : "approval.rejected",
            "\(sender) \(verdict.rawValue) \(request.number)" + (trimmedReason.map { ": \($0)" } ?? ""), request: request.number)

        switch verdict {
        case .rejected:
            request.state = .rejected
            request.decidedAt = now
            context.state.upsert(request)
            context.record("request.rejected", "\(request.number) rejected: \(trimmedReason ?? "")", request: request.number)
            if let notice = context.event(.rejected(reason: trimmedReason ?? ""), request: request) { context.notices.append(notice) }
            context.tellApprovers(of: request, outcome: .rejected, reason: trimmedReason)
        case .approved:
            let approvedBy = Set(request.decisions.filter { $0.decision == .approved }.map(\.approver))
            let backupApproved = !approvedBy.isDisjoint(with: request.backupApprovers.filter { !request.approvers.contains($0) })
            let complete = request.approvalRule == .any || backupApproved || Set(request.approvers).isSubset(of: approvedBy)
            context.state.upsert(request)
            if complete {
                context.approve(request, approvalDetail: "approved by \(approvedBy.sorted().map(\.value).joined(separator: ", "))")
                let approved = context.state.requests.first { $0.number == request.number } ?? request
                context.tellApprovers(of: approved, outcome: .approved, reason: nil)
            } else {
                let waiting = request.approvers.filter { !approvedBy.contains($0) }
                context.notices.append(
                    Notice(.decisionRecorded(waitingFor: waiting), to: [sender], source: mail.source, request: request))
            }
        }
        return context.applied()
    }

    /// The sender settled `request`: a one-line confirmation to them, and to every other
    /// approver (each on their own mail, so that each reply lands on their own thread) who
    /// decided, the outcome and the reason.
    mutating func tellApprovers(of request: EscalationRequest, outcome: ApprovalDecision.Verdict, reason: String?) {
        let settlement = Notice.Settlement(by: sender, outcome: outcome, reason: reason, escalation: request.escalation)
        let others = request.deciders.filter { $0 != sender && $0 != request.requester }
        notices.append(Notice(.decisionConfirmed(settlement, othersTold: others), to: [sender], source: request.source, request: request))
        for approver in others {
            notices.append(Notice(.requestDecided(settlement), to: [approver], source: request.source, request: request))
        }
    }
}
