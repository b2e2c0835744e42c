import EscalationStore
import EscalationValues
import MailMessage

/// Recognises the gateway's own mail: from its address (or a plus-address of it), with a loop
/// header it signed for that Message-ID, or with a Message-ID it stored when sending. Never by
/// domain alone: staff share the domain. It is the first question of a mail's classification
/// (`AutomationClassifier.classify`), asked where the store can answer it.
struct OwnMailCheck: Sendable {
    /// The header that marks the gateway's own mail, signed over its Message-ID.
    static let loopHeader = "X-Escalation-Loop"

    let address: EmailAddress
    let signer: TokenSigner

    /// Why `mail` is the gateway's own, or nil when it is not; `session` knows the Message-IDs
    /// sent. A failed lookup is thrown, not taken for "not ours": on PostgreSQL it also ends the
    /// transaction, which must then not go on as if nothing happened.
    func reason(for mail: Mail, session: StoreSession) throws -> String? {
        if let from = mail.from.flatMap({ EmailAddress($0.address) }), from.withoutPlusTag == address { return "from the gateway's address" }
        if let mark = mail.header.raw(Self.loopHeader), let id = mail.messageID, signer.verifyLoopMark(mark, messageID: id) {
            return "signed loop header"
        }
        if let id = mail.messageID, try session.isOwnMessageID(id) { return "Message-ID sent by the gateway" }
        return nil
    }
}
