import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailReading

/// The case or account a mail is about, how that was found, and the request it answers.
struct ThreadMatch {
    var source: EscalationSource
    var request: RequestNumber?
    /// How a mail's case or account was found, strongest first; `read --json` prints it.
    enum Method: String, CustomStringConvertible {
        /// A reply token the gateway signed, in the address replied to or the subject.
        case replyToken = "reply-token"
        /// A Message-ID of the thread the mail answers.
        case inReplyTo = "in-reply-to"
        /// A `[CS…]` tag in the subject.
        case subjectTag = "subject-tag"
        /// A number in the subject or the first lines.
        case bodyNumber = "body-number"
        /// An account escalation request: the sender's account.
        case senderAccount = "sender-account"

        var description: String { rawValue }
    }

    var method: Method
    /// The request whose approval mail this one answers (In-Reply-To/References), whatever matched.
    var answeredRequest: RequestNumber? = nil

    /// Matches strongest first: a reply token the gateway signed (an approval token is checked
    /// later, a thread's reply token here against the sender), a stored Message-ID the mail answers, a subject tag, a number in
    /// the subject or the first lines. Numbers alone are checked against the sender later by the core.
    /// An account escalation request made on a case's thread or naming cases is about the case's account.
    static func find(
        _ hints: ThreadHints, reading: Reading, sender: EmailAddress?, directory: some DirectoryLookup, signer: TokenSigner, session: StoreSession
    ) throws -> ThreadMatch? {
        guard var match = try findSubject(hints, reading: reading, sender: sender, directory: directory, signer: signer, session: session) else {
            return nil
        }
        match.answeredRequest = try session.threadMessage(amongst: hints.answeredIDs)?.request.flatMap(RequestNumber.init)
        if reading.asksForAccount, case .supportCase(let number) = match.source, let supportCase = directory.supportCase(number) {
            match.source = .account(supportCase.account)
            match.request = nil
        }
        return match
    }

    private static func findSubject(
        _ hints: ThreadHints, reading: Reading, sender: EmailAddress?, directory: some DirectoryLookup, signer: TokenSigner, session: StoreSession
    ) throws -> ThreadMatch? {
        if reading.asksForAccount, let sender, let contact = directory.contact(sender), hints.answeredIDs.isEmpty, hints.subjectTags.isEmpty {
            return ThreadMatch(source: .account(contact.account), request: nil, method: .senderAccount)
        }
        for token in hints.tokens {
            if let number = TokenSigner.request(in: token), let source = try session.requestSource(number) {
                return ThreadMatch(source: source, request: number, method: .replyToken)
            }
            if let record = TokenSigner.source(in: token), let source = EscalationSource(record), let sender,
                signer.verifyReplyToken(token, source: record, recipient: sender)
            {
                return ThreadMatch(source: source, request: nil, method: .replyToken)
            }
        }
        if let message = try session.threadMessage(amongst: hints.answeredIDs), let source = EscalationSource(message.source) {
            return ThreadMatch(source: source, request: message.request.flatMap(RequestNumber.init), method: .inReplyTo)
        }
        for (records, method) in [(hints.subjectTags, Method.subjectTag), (hints.mentionedNumbers, .bodyNumber)] {
            for record in records {
                if let source = try resolve(record, session: session) { return ThreadMatch(source: source, request: nil, method: method) }
            }
        }
        return nil
    }

    private static func resolve(_ record: RecordReference, session: StoreSession) throws -> EscalationSource? {
        switch record {
        case .source(let source): source
        case .escalation(let number): try session.escalation(number)?.source
        }
    }
}
