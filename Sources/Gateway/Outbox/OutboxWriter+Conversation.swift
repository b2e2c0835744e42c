import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailComposing
import MailMessage
import MailReading

extension OutboxWriter {
    /// The subject of a thread the gateway starts (or of one started before threads kept their
    /// subject): the tag and the case's subject, or the account's name.
    func threadSubject(startedByGateway source: EscalationSource) -> String {
        let title: String
        switch source {
        case .supportCase(let number): title = directory.supportCase(number)?.subject ?? ""
        case .account(let number): title = directory.account(number)?.name ?? ""
        }
        return ConversationSubject.of("[\(source)] \(title)") ?? "[\(source)]"
    }

    /// What every mail of a notice needs of its thread, read once per notice: the thread's
    /// root and latest Message-IDs, its subject, and whether the notice starts the thread.
    struct ThreadContext {
        var source: EscalationSource
        var ends: [String]
        var subject: String
        var startsThread: Bool
    }

    /// The thread of a notice about a case or account; a thread without mail and without a
    /// subject is started here with the gateway's subject.
    func threadContext(of source: EscalationSource, session: StoreSession) throws -> ThreadContext {
        let thread = source.description
        let ends = try session.threadReferences(source: thread)
        if let stored = try session.threadSubject(source: thread) {
            return ThreadContext(source: source, ends: ends, subject: stored, startsThread: false)
        }
        let subject = threadSubject(startedByGateway: source)
        if ends.isEmpty { try session.startThread(source: thread, subject: subject) }
        return ThreadContext(source: source, ends: ends, subject: subject, startsThread: ends.isEmpty)
    }

    /// One recipient's mail of a notice, placed in their conversation about its case or account:
    ///
    /// - Subject: `Re: ` and the thread's subject (the thread's first mail: the subject alone);
    ///   mail back to the cause's sender keeps the subject of the mail it answers. Mail that
    ///   names no case (`thread` nil) keeps the template's line and answers only the cause.
    /// - In-Reply-To the cause (mail no inbound mail caused, such as an approval request or
    ///   reminder: the thread's latest); References the
    ///   thread's root, the latest mail this recipient got under the thread's subject, and the
    ///   parent (`ThreadPlacement.answering`), so that the mail joins a conversation the
    ///   recipient has, under Gmail's rule (a reference and the subject) and under References.
    /// - `X-Escalation-Case`, `X-Escalation-Number` and `X-Escalation-Reason`, for filters.
    ///
    /// The rendering signs it (`OutgoingSignature`).
    func conversationJob(
        _ notice: Notice, thread: ThreadContext?, messageID: String, cause: MailCause, sender: EmailAddress?, session: StoreSession, now: Date
    ) throws -> RenderJob {
        let limits = config.limits
        guard let thread else {
            let placement = ThreadPlacement.answering(
                parent: cause.messageID, root: nil, latestToRecipient: nil, maxIDBytes: limits.maxMessageIDBytes, maxReferences: limits.maxReferences)
            return RenderJob(
                notice: notice, messageID: messageID, subject: nil, placement: placement, replyTo: nil, context: [:], extraHeaders: [], date: now)
        }
        let source = thread.source.description
        let recipient = notice.to[0]
        let latest = try session.latestInConversation(source: source, recipient: recipient.value)
        let subject: String
        if recipient == sender, let answered = cause.subject, answered != thread.subject {
            subject = ConversationSubject.reply(to: answered)
        } else {
            subject = thread.startsThread ? thread.subject : ConversationSubject.reply(to: thread.subject)
            try session.recordConversationMail(messageID, source: source, recipient: recipient.value)
        }
        let placement = ThreadPlacement.answering(
            parent: notice.kind.answersNoMail ? thread.ends.last : cause.messageID, root: thread.ends.first, latestToRecipient: latest,
            maxIDBytes: limits.maxMessageIDBytes, maxReferences: limits.maxReferences)
        var headers = [(name: "X-Escalation-Case", value: source)]
        if let number = notice.escalation?.number.value ?? notice.request?.number.value { headers.append(("X-Escalation-Number", number)) }
        if let reason = RecipientReason.of(recipient, notice: notice, directory: directory) {
            headers.append(("X-Escalation-Reason", reason.rawValue))
        }
        return RenderJob(
            notice: notice, messageID: messageID, subject: subject, placement: placement, replyTo: nil, context: [:], extraHeaders: headers, date: now
        )
    }
}
