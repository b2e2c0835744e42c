import EscalationCore
import Foundation

extension EscalationEngine {
    /// A refusal decided at the edge (nothing understood): journaled on the case or account,
    /// answered to the sender only when they are known there; a contact of another account is
    /// told that no such case is on their account, and strangers learn nothing.
    func refusal(
        _ refusal: Refusal, sender: EmailAddress, source: EscalationSource, cause: String, state: SubjectState, directory: Directory,
        now: Date, details: [String: String]
    ) -> Decision {
        let known = Self.isKnown(sender, about: source, directory: directory)
        if !known, directory.contact(sender) != nil {
            let notice = Notice(kind: .noSuchCase, to: [sender], source: nil)
            return Decision(outcome: .refused(.noSuchCase), state: state, notices: [notice])
        }
        let notice = known
            ? Notice(kind: .notUnderstood, to: [sender], source: source, escalation: state.escalation, details: details)
            : Notice(kind: .unknownSender, to: [sender], source: nil)
        let entry = JournalEntry(
            at: now, actor: sender.value, cause: cause, source: source, escalation: state.escalation?.number, action: "refused.\(refusal.rawValue)",
            detail: "\(details["understood"] ?? "") refused: \(refusal.rawValue)")
        return Decision(outcome: .refused(known ? refusal : .unknownSender), state: state, journal: [entry], notices: [notice])
    }

    static func isKnown(_ sender: EmailAddress, about source: EscalationSource, directory: Directory) -> Bool {
        if directory.staffMember(sender) != nil { return true }
        let account: AccountNumber?
        switch source {
        case .supportCase(let number): account = directory.supportCase(number)?.account
        case .account(let number): account = number
        }
        return account != nil && directory.contact(sender)?.account == account
    }
}
