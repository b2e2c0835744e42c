import EscalationValues
import Foundation

extension EscalationEngine.Context {
    /// A request that would have no approver at all (its template names none besides the
    /// requester, or relies on a case assignment group manager the case does not have) is
    /// refused at once (fail closed): the requester learns why, and the case owner or the
    /// account's escalation manager is told, so that someone can act on it.
    func refuseWithoutApprover(template: EscalationTemplate, requesterWasApprover: Bool) -> Decision {
        let why: String
        if requesterWasApprover {
            why =
                "You are the only approver of template \(template.name), and nobody approves their own request; another approver must be configured."
        } else if template.addCaseGroupManager, participants.supportCase?.groupManager == nil {
            why =
                "Template \(template.name) asks the case's assignment group manager to approve, and \(mail.source) has none; an approver must be configured."
        } else {
            why = "Template \(template.name) names no approver; an approver must be configured."
        }
        var decision = refuse(.noApprover, notice: answer(.notPermitted(understood: "escalate", hint: why)))
        if let manager = participants.dialogContact, manager != sender {
            decision.notices.append(
                Notice(.noApprover(requester: sender, why: why, template: template.name), to: [manager], source: mail.source))
        }
        return decision
    }
}
