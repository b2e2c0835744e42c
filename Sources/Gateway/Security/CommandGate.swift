import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailMessage
import MailReading

/// The one gate every state-changing command passes besides a new escalation request (whose
/// plain new mail keeps working): SEVERITY, TREND, WATCH, UNWATCH, LINK, UNLINK, ASSIGN,
/// DE-ESCALATE and WITHDRAW. With `require_authentication` the mail must pass authentication as decisions
/// do; without it, it must prove that its sender received the gateway's mail on that thread:
/// the sender's reply token, or In-Reply-To/References naming a mail the gateway sent to them.
/// Mail with several From addresses, or a Sender other than its From, never passes.
struct CommandGate {
    enum Verdict: Equatable {
        case passed
        /// Not applied; the sender (at the directory address) is asked to confirm. The reason says why.
        case confirmationRequired(String)
    }

    let signer: TokenSigner
    let security: SecurityPolicy

    /// Whether `command` is gated.
    static func isGated(_ command: Command) -> Bool {
        switch command {
        case .severity, .trend, .watch, .unwatch, .link, .unlink, .assign, .deescalate, .withdraw: true
        case .escalate, .approve, .reject, .comment, .note, .unclear: false
        }
    }

    func check(_ understood: UnderstoodMail, sender: EmailAddress, source: EscalationSource, session: StoreSession) throws -> Verdict {
        if let problem = Self.addressProblem(of: understood.mail, sender: sender) { return .confirmationRequired(problem) }
        if security.requireAuthentication, let authservID = security.authservID {
            return AuthenticationResults.failure(of: understood.mail, authservID: authservID).map(Verdict.confirmationRequired) ?? .passed
        }
        return try hasReceived(understood.hints, sender: sender, source: source, session: session)
            ? .passed : .confirmationRequired("it answers no mail the gateway sent to this address")
    }

    /// Several From addresses, or a Sender other than the From: who wrote the mail is unclear.
    static func addressProblem(of mail: Mail, sender: EmailAddress) -> String? {
        let from = mail.header.rawValues("From").flatMap(MailAddress.parseList)
        if from.count != 1 { return "the mail has \(from.count) From addresses" }
        if let declared = mail.sender, EmailAddress(declared.address) != sender { return "its Sender (\(declared.address)) is not its From" }
        return nil
    }

    /// How many Message-IDs the mail answers are looked up at most.
    private static let referencesChecked = 20

    /// The sender's reply token for this thread (or an approval token signed for them on one of
    /// its requests), or a reference to a mail the gateway sent to them.
    func hasReceived(_ hints: ThreadHints, sender: EmailAddress, source: EscalationSource, session: StoreSession) throws -> Bool {
        for token in hints.tokens {
            if signer.verifyReplyToken(token, source: source.description, recipient: sender) { return true }
            if let request = TokenSigner.request(in: token), try session.requestSource(request) == source,
                signer.verify(token, request: request, approver: sender)
            {
                return true
            }
        }
        for id in hints.answeredIDs.prefix(Self.referencesChecked) {
            if let sent = try session.sentMessage(id), sent.recipients.contains(sender.value) { return true }
        }
        return false
    }
}
