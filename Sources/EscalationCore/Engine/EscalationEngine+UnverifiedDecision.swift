public import EscalationValues
public import Foundation

extension EscalationEngine {
    /// The journal action that records that approvers were told of a decision refused from someone else.
    public static let approversToldAction = "approvers.told_of_refusal"

    /// An approval or rejection the approval gate refused (`why`): journaled on the case or
    /// account, and the real approvers (`tell`) told, each by a `decisionNotAccepted` notice.
    /// When the sender is not among them, that telling is journaled too, unless it was within
    /// the rate window already (`toldRecently`): then nobody is told again.
    public func unverifiedDecision(
        _ why: String, request: EscalationRequest?, tell: [EmailAddress], sender: EmailAddress, source: EscalationSource, cause: String,
        state: SubjectState, toldRecently: Bool, now: Date
    ) -> Decision {
        var journal = [
            JournalEntry(
                at: now, actor: sender.value, cause: cause, source: source, escalation: state.escalation?.number, request: request?.number,
                action: "refused.\(Refusal.decisionUnverified.rawValue)", detail: why)
        ]
        var decision = Decision(outcome: .refused(.decisionUnverified), state: state)
        if !tell.contains(sender), let number = request?.number {
            guard !toldRecently else {
                decision.journal = journal
                return decision
            }
            journal.append(
                JournalEntry(
                    at: now, actor: "gateway", cause: cause, source: source, escalation: state.escalation?.number, request: number,
                    action: Self.approversToldAction, detail: "told \(tell.map(\.value).joined(separator: ", ")) of a refused decision by \(sender)"))
        }
        decision.journal = journal
        decision.notices = tell.map { Notice(.decisionNotAccepted, to: [$0], source: source, request: request) }
        return decision
    }
}
