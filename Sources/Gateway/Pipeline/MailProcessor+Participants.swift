import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

extension MailProcessor {
    /// Whether the sender takes part in the case's or account's conversation: support staff, a
    /// contact of its account, or (where `[policy] allow_domain_contacts` says so) a sender of
    /// the account's domain. Only their mail enters the thread's records: a stranger's
    /// Message-ID would otherwise travel in the References of every later mail on the thread,
    /// or become its root.
    func isParticipant(_ sender: EmailAddress, of source: EscalationSource) -> Bool {
        engine.isKnown(sender, about: source, directory: directory)
    }
}

extension MailProcessor {
    /// Whether the sender is a participant of any case or account: a listed contact or staff
    /// member, or a sender of an account's domain where the policy allows domain contacts.
    func isKnownSomewhere(_ sender: EmailAddress?) -> Bool {
        guard let sender else { return false }
        if directory.contact(sender) != nil || directory.staffMember(sender) != nil { return true }
        return config.escalation.policy.allowDomainContacts && !directory.accounts(withDomain: sender.domain).isEmpty
    }
}
