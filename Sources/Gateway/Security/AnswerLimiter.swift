import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

/// Sliding-window limits on answers to a mail's own sender (`[security] answers_per_sender`,
/// `answers_per_thread` within `rate_window`): beyond them the gateway stops answering that sender
/// or thread. Notices to anyone else (approval requests, decisions, work notes, SLA events) are
/// never limited, so no sender can silence the gateway for others. Unknown senders have a budget
/// of their own (`unknown_sender_answers` per address, plus-tags folded) that no thread counts.
/// Every mail is still recorded and every command applied; a journal entry and one notice to the
/// case owner (or escalation manager) say when a known sender or thread is paused, once per window.
/// Relayed words (dialog and notes) count like answers on their thread: two autoresponders that
/// show no header evidence cannot relay to each other without end.
struct AnswerLimiter {
    let security: SecurityPolicy
    let directory: StoreDirectory
    let session: StoreSession
    let now: Date
    private var paused: [(what: String, source: EscalationSource?)] = []
    /// Each thread's answers within the window, read once: every notice allowed is written to
    /// the outbox next, so later notices of the same mail count it without asking again.
    private var threadCounts: [String: Int] = [:]

    init(security: SecurityPolicy, directory: StoreDirectory, session: StoreSession, now: Date) {
        self.security = security
        self.directory = directory
        self.session = session
        self.now = now
    }

    private var since: Date { now.addingTimeInterval(-TimeInterval(security.rateWindowSeconds)) }

    /// Whether `notice` may go out; the caller writes every notice allowed to the outbox.
    mutating func allows(_ notice: Notice, recipients: [EmailAddress], sender: EmailAddress?) throws -> Bool {
        guard let sender, recipients.contains(sender) else {
            guard notice.isRelayed else {
                if let source = notice.source?.description, let count = threadCounts[source] { threadCounts[source] = count + 1 }
                return true
            }
            return try withinThreadLimit(notice)
        }
        if notice.kind == .unknownSender {
            let folded = sender.withoutPlusTag.value
            guard try session.strangerAnswers(to: folded, since: since) < security.unknownSenderAnswers else { return false }
            try session.recordStrangerAnswer(to: folded, at: now)
            return true
        }
        if try session.mailCount(to: sender.value, since: since, upTo: security.answersPerSender) >= security.answersPerSender {
            paused.append(("sender \(sender.value)", notice.source))
            return false
        }
        return try withinThreadLimit(notice)
    }

    /// Whether the notice's thread has room within `answers_per_thread`; counts it when it has.
    private mutating func withinThreadLimit(_ notice: Notice) throws -> Bool {
        guard let source = notice.source?.description else { return true }
        let count = try threadCounts[source] ?? session.mailCount(thread: source, since: since, upTo: security.answersPerThread)
        guard count < security.answersPerThread else {
            paused.append(("thread \(source)", notice.source))
            return false
        }
        threadCounts[source] = count + 1
        return true
    }

    /// Journals each pause once per window on its thread and returns the notices that tell the case owner or
    /// escalation manager, each with whose answers it pauses; these are not limited themselves.
    func pauseNotices(cause: String) throws -> [(what: String, notice: Notice)] {
        var reported = Set<String>()
        var notices: [(what: String, notice: Notice)] = []
        for pause in paused where reported.insert(pause.what).inserted {
            guard let source = pause.source else { continue }
            let detail = "answers to \(pause.what) paused: more than the limit within \(TimeSpan(seconds: security.rateWindowSeconds))"
            guard try !session.journalHas(action: "answers.paused", source: source.description, detail: detail, since: since) else { continue }
            try session.append([JournalEntry(at: now, actor: "gateway", cause: cause, source: source, action: "answers.paused", detail: detail)])
            if let manager = directory.manager(of: source) {
                notices.append((pause.what, Notice(.answersPaused(what: pause.what), to: [manager], source: source)))
            }
        }
        return notices
    }
}
