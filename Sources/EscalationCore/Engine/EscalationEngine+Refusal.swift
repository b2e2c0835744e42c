public import EscalationValues
public import Foundation

extension EscalationEngine {
    /// Whether `sender` takes part in the case's or account's conversation: support staff, a
    /// contact of its account, or (where `[policy] allow_domain_contacts` says so) a sender of
    /// the account's domain. The one participant model: `decide`, `refusal`, the thread's
    /// records and the command gate all ask it.
    public func isKnown(_ sender: EmailAddress, about source: EscalationSource, directory: some DirectoryLookup) -> Bool {
        guard let participants = Participants(sender: sender, source: source, directory: directory, policy: configuration.policy) else {
            return directory.staffMember(sender) != nil
        }
        return participants.isKnown
    }

    /// A mail on a case or account of which no command was understood (read as `understood`,
    /// with `hint` on how to say it): journaled there and answered with `notUnderstood` when the sender takes part; otherwise answered as `decide`
    /// answers anyone not known there (a contact elsewhere hears of no such case, a stranger
    /// learns nothing), and nothing is written.
    public func refusal(
        _ refusal: Refusal, sender: EmailAddress, source: EscalationSource, cause: String, state: SubjectState,
        directory: some DirectoryLookup, now: Date, understood: String, hint: String
    ) -> Decision {
        guard isKnown(sender, about: source, directory: directory) else { return Self.notTheirs(sender, state: state, directory: directory) }
        let notice = Notice(.notUnderstood(understood: understood, hint: hint), to: [sender], source: source, escalation: state.escalation)
        let entry = JournalEntry(
            at: now, actor: sender.value, cause: cause, source: source, escalation: state.escalation?.number, action: "refused.\(refusal.rawValue)",
            detail: "\(understood) refused: \(refusal.rawValue)")
        return Decision(outcome: .refused(refusal), state: state, journal: [entry], notices: [notice])
    }
}
