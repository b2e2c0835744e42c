import EscalationCore
import EscalationStore
import Foundation
import MailComposing
import MailMessage
import MailReading

extension Gateway {
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

    /// One recipient's mail of a notice, placed in their conversation about its case or account:
    ///
    /// - Subject: `Re: ` and the thread's subject; mail back to the cause's sender keeps the
    ///   subject of the mail it answers. Mail that names no case keeps the template's line.
    /// - In-Reply-To the cause (an approval request: the thread's latest); References the
    ///   thread's root, the latest mail this recipient got under the thread's subject, and the
    ///   parent (`ThreadPlacement.answering`), so that the mail joins a conversation the
    ///   recipient has, under Gmail's rule (a reference and the subject) and under References.
    /// - `X-Escalation-Case`, `X-Escalation-Number` and `X-Escalation-Reason`, for filters.
    ///
    /// The rendering signs it (`OutgoingSignature`).
    func conversationJob(
        _ notice: Notice, messageID: String, cause: MailCause, sender: EmailAddress?, session: StoreSession, now: Date
    ) throws -> RenderQueue.Job {
        let limits = config.limits
        guard let source = notice.source else {
            let placement = ThreadPlacement.answering(
                parent: cause.messageID, root: nil, latestToRecipient: nil, maxIDBytes: limits.maxMessageIDBytes, maxReferences: limits.maxReferences)
            return RenderQueue.Job(
                notice: notice, messageID: messageID, subject: nil, placement: placement, replyTo: nil, context: [:], extraHeaders: [], date: now)
        }
        let thread = source.description
        let recipient = notice.to[0]
        let ends = try session.threadReferences(source: thread)
        let threadSubject: String
        var subject: String
        if let stored = try session.threadSubject(source: thread) {
            threadSubject = stored
            subject = ConversationSubject.reply(to: stored)
        } else {
            threadSubject = self.threadSubject(startedByGateway: source)
            subject = ends.isEmpty ? threadSubject : ConversationSubject.reply(to: threadSubject)
            if ends.isEmpty { try session.startThread(source: thread, subject: threadSubject) }
        }
        let latest = try session.latestInConversation(source: thread, recipient: recipient.value)
        if recipient == sender, let answered = cause.subject, answered != threadSubject {
            subject = ConversationSubject.reply(to: answered)
        } else {
            try session.recordConversationMail(messageID, source: thread, recipient: recipient.value)
        }
        let placement = ThreadPlacement.answering(
            parent: notice.kind == .approvalRequested ? ends.last : cause.messageID, root: ends.first, latestToRecipient: latest,
            maxIDBytes: limits.maxMessageIDBytes, maxReferences: limits.maxReferences)
        var headers = [(name: "X-Escalation-Case", value: thread)]
        if let number = notice.escalation?.number.value ?? notice.request?.number.value { headers.append(("X-Escalation-Number", number)) }
        if let reason = RecipientReason.of(recipient, notice: notice, directory: directory) { headers.append(("X-Escalation-Reason", reason.rawValue)) }
        return RenderQueue.Job(
            notice: notice, messageID: messageID, subject: subject, placement: placement, replyTo: nil, context: [:], extraHeaders: headers, date: now)
    }
}
