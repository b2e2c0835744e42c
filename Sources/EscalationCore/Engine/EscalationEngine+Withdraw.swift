import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// WITHDRAW: the requester takes back their pending request. It becomes `withdrawn` (never
    /// approved later), its approvers are told on their threads, and the requester and the
    /// support team get the confirmation (the `[notify]` row `request-withdrawn`).
    func withdraw() -> Decision {
        var context = self
        guard var request = state.pendingRequest else {
            let hint = state.activeEscalation.map { _ in "The escalation is active; write DE-ESCALATE followed by the reason to end it." }
            return refuse(.nothingToDo, notice: answer(.nothingToDo(understood: "withdraw", hint: hint)))
        }
        guard request.requester == sender else {
            return refuse(.notPermitted, notice: answer(.notPermitted(understood: "withdraw", hint: "Only the requester may withdraw a request.")))
        }
        request.state = .withdrawn
        request.decidedAt = now
        context.state.upsert(request)
        context.record("request.withdrawn", "\(request.number) withdrawn by \(sender)", request: request.number)
        if let notice = context.event(.requestWithdrawn(by: sender), request: request) { context.notices.append(notice) }
        for approver in request.deciders where approver != sender {
            context.notices.append(Notice(.requestWithdrawn(by: sender), to: [approver], source: request.source, request: request))
        }
        return context.applied()
    }
}
