import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Logging
import MailComposing
import MailMessage
import MailReading
import MailTransport

/// Applies inbound mail: parse → read → classify → decide → store, with the outbox rows the
/// decisions cause (`OutboxWriter`), one transaction per batch. It only performs effects: what
/// a mail changes is the core's decision (`EscalationEngine`), what it sends the writer's.
struct MailProcessor: Sendable {
    let config: GatewayConfig
    let store: Store
    let engine: EscalationEngine
    /// The directory, read from the store record by record; a new import takes effect at the next batch.
    let directory: StoreDirectory
    let signer: TokenSigner
    let ownMail: OwnMailCheck
    /// Where the notices of every decision become outbox rows; in a batch, one that renders
    /// beside it (`rendering(beside:)`).
    var outbox: OutboxWriter
    let composer: Composer
    /// The signer's part in every outgoing mail, applied where the mail is rendered.
    let signature: OutgoingSignature
    /// The worker threads a batch runs at most beside the applying thread (`BatchExecutor`).
    let workers: Int
    let metrics: GatewayMetrics
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Processes one inbound mail exactly once: its receipt, state change, journal and outbox
    /// rows commit in one transaction. A mail seen before (same identity) changes nothing.
    func process(_ inbound: InboundMail) throws -> MailOutcome {
        try processBatch([inbound])[0].get()
    }

    /// Processes a batch in one transaction (one fsync) in which a mail failing on a database
    /// error fails alone: its result is the error, and the caller leaves it on its source for the
    /// next attempt. The batch is first applied as a whole; should any mail fail, that
    /// transaction rolls back and the batch is applied again with each mail in its own savepoint
    /// (a savepoint per mail costs ~15% of applying one, for failures that are rare). The
    /// batch's mails are parsed and read on the other cores while the transaction applies those
    /// already read, and the mail the batch writes to the outbox is rendered there too and
    /// filled into its rows between mails and before the commit (`BatchExecutor`): the commit
    /// then waits for little but the last renderings and the fsync. Once `stop` is
    /// requested, no further mail is begun: the mails applied so far commit, and the results
    /// cover only them, the batch's first ones (the caller leaves the rest on its source).
    /// `observe`, when given, learns each mail's own processing time (parse through applying) in
    /// nanoseconds, by batch position. With `lease`, each transaction renews it, and fails
    /// with `StoreLeaseLost` (committing nothing) once another instance took the mailbox over.
    func processBatch(
        _ batch: [InboundMail], lease: StoreLease? = nil, until stop: StopRequest? = nil,
        observe: ((_ index: Int, _ nanoseconds: UInt64) -> Void)? = nil
    ) throws -> [Result<MailOutcome, any Error>] {
        let now = clock()
        try directory.refresh()
        if !store.outboxCompression.isSettled {
            do {
                try store.useOutboxDictionary(madeFrom: composer.dictionarySamples, now: now)
            } catch {
                logger.warning("outbox mail is compressed without a dictionary", metadata: ["error": "\(error)"])
            }
        }
        let results: [Result<MailOutcome, any Error>]
        do {
            results = try apply(batch, now: now, lease: lease, isolatingFailures: false, until: stop, observe: observe)
        } catch let failure as MailFailedInBatch {
            logger.notice(
                "a mail of the batch failed; applying the batch again, each mail on its own",
                metadata: ["mail.position": "\(failure.position)", "error": "\(failure.error)"])
            results = try apply(batch, now: now, lease: lease, isolatingFailures: true, until: stop, observe: observe)
        }
        FaultPoint.afterCommit.reach()
        return results
    }

    /// A mail's failure that ends a batch applied as a whole, so that it is applied again with
    /// each mail on its own.
    private struct MailFailedInBatch: Error {
        var position: String
        var error: any Error
    }

    /// Applies the batch in one transaction; with `isolatingFailures`, each mail in a savepoint
    /// whose failure becomes the mail's result, else any mail's failure ends the transaction.
    /// `stop` is read before each mail: once requested, the mails applied so far commit alone.
    private func apply(
        _ batch: [InboundMail], now: Date, lease: StoreLease?, isolatingFailures: Bool, until stop: StopRequest?,
        observe: ((_ index: Int, _ nanoseconds: UInt64) -> Void)?
    ) throws -> [Result<MailOutcome, any Error>] {
        let dictionary = store.outboxCompression.current
        return try BatchExecutor.run(
            mails: batch.count, workers: workers,
            prepare: { index in
                let mail = PreparedMail(inbound: batch[index], limits: config.limits, gatewayAddress: config.address)
                mail.warm(directory)
                return mail
            },
            render: { job in RenderJob.render(job, with: composer, directory: directory, signature: signature, dictionary: dictionary) },
            body: { executor in
                try rendering(beside: executor).applyInOneTransaction(
                    batch.count, in: executor, now: now, lease: lease, isolatingFailures: isolatingFailures, until: stop, observe: observe)
            })
    }

    /// The applying thread's part of `apply`: the transaction, in which the `count` mails of
    /// `executor`'s batch are recorded in order, and the renderings its workers made are filled
    /// in between mails and, the rest, before the commit.
    private func applyInOneTransaction(
        _ count: Int, in executor: BatchExecutor, now: Date, lease: StoreLease?, isolatingFailures: Bool, until stop: StopRequest?,
        observe: ((_ index: Int, _ nanoseconds: UInt64) -> Void)?
    ) throws -> [Result<MailOutcome, any Error>] {
        try store.transaction(renewing: lease) { session in
            var subjects: [String: String] = [:]
            func fill(_ row: RenderedRow) throws {
                let rendered = row.rendered
                try session.setRendered(outboxID: row.outboxID, subject: rendered.subjectStored ? nil : rendered.subject, body: rendered.body)
                subjects[row.messageID] = rendered.subject
            }
            var recorded: [Result<MailOutcome, any Error>] = []
            recorded.reserveCapacity(count)
            for index in 0..<count {
                if stop?.isRequested == true { break }
                let mail = executor.mail(at: index)
                let start = DispatchTime.now().uptimeNanoseconds
                defer { observe?(index, mail.nanoseconds + DispatchTime.now().uptimeNanoseconds - start) }
                recorded.append(try record(mail, in: executor, session: session, now: now, isolatingFailures: isolatingFailures))
                try executor.takeRendered(fill)
            }
            try executor.finish(fill)
            return Self.withSubjects(recorded, subjects)
        }
    }

    /// This processor with its outbox mail rendered beside `batch` instead of where it is written.
    private func rendering(beside batch: BatchExecutor) -> MailProcessor {
        var processor = self
        processor.outbox = outbox.rendering(beside: batch)
        return processor
    }

    /// Applies one mail of the batch: in a savepoint whose failure becomes its result when
    /// `isolatingFailures`, else throwing `MailFailedInBatch`. A savepoint that rolls back drops
    /// the render jobs it added to `batch`.
    private func record(
        _ mail: PreparedMail, in batch: BatchExecutor, session: StoreSession, now: Date, isolatingFailures: Bool
    ) throws -> Result<MailOutcome, any Error> {
        guard isolatingFailures else {
            do {
                return .success(try record(mail, session: session, now: now))
            } catch {
                throw MailFailedInBatch(position: mail.inbound.position, error: error)
            }
        }
        let mark = batch.jobMark
        let result = Result { try session.savepoint { inner in try self.record(mail, session: inner, now: now) } }
        guard case .failure(let error) = result else { return result }
        batch.dropJobs(since: mark)
        return try setAsideAfterRepeatedFailures(mail, error: error, session: session, now: now) ?? result
    }

    /// Counts a failed attempt at a mail; once it has failed `[limits] max_attempts` times, records
    /// it as failed with its reason, so that its source moves it to Failed and no mail can block
    /// the inbox. Nil while it may be tried again.
    private func setAsideAfterRepeatedFailures(_ mail: PreparedMail, error: any Error, session: StoreSession, now: Date) throws -> Result<
        MailOutcome, any Error
    >? {
        let attempts = try session.recordFailedAttempt(receiptKey: mail.receiptKey, error: "\(error)", at: now)
        guard attempts >= config.maxAttempts else { return nil }
        let reason = "failed \(attempts) times, last: \(error)"
        let inbound = mail.inbound
        try session.insert(
            Receipt(
                dedupeKey: mail.receiptKey, messageID: mail.messageID, rawSHA256: mail.rawSHA256, mailbox: inbound.mailbox,
                uidValidity: inbound.uidValidity, uid: inbound.uid, position: inbound.position, receivedAt: now, outcome: .failed,
                reason: reason, intent: "", escalation: nil, raw: inbound.raw))
        logger.error(
            "mail set aside as failed", metadata: ["mail.position": "\(inbound.position)", "mail.attempts": "\(attempts)", "error": "\(error)"])
        return .success(MailOutcome(file: nil, messageId: mail.messageID, outcome: .failed, reason: reason, intent: "", escalation: nil, sent: []))
    }

    /// Puts the rendered subjects (by Message-ID) into the outcomes' sent mail.
    private static func withSubjects(_ results: [Result<MailOutcome, any Error>], _ subjects: [String: String]) -> [Result<MailOutcome, any Error>] {
        results.map { result in
            result.map { outcome in
                var outcome = outcome
                for index in outcome.sent.indices {
                    outcome.sent[index].subject = subjects[outcome.sent[index].messageId] ?? outcome.sent[index].subject
                }
                return outcome
            }
        }
    }

    private func record(_ prepared: PreparedMail, session: StoreSession, now: Date) throws -> MailOutcome {
        let inbound = prepared.inbound
        if let validity = inbound.uidValidity, let uid = inbound.uid,
            let previous = try session.recordMailboxPosition(mailbox: inbound.mailbox, uidValidity: validity, uid: uid)
        {
            logger.warning(
                "UIDVALIDITY changed: the folder is read again; receipts skip what was applied",
                metadata: ["imap.mailbox": "\(inbound.mailbox)", "imap.uidvalidity.old": "\(previous)", "imap.uidvalidity.new": "\(validity)"])
        }
        if let previous = try session.receipt(key: prepared.receiptKey, legacyKey: prepared.legacyKey) {
            let reason = previous.rawSHA256 == prepared.rawSHA256 ? "already processed" : "same Message-ID and sender as a mail already processed"
            if previous.rawSHA256 != prepared.rawSHA256 {
                try session.insertDuplicate(
                    Receipt(
                        dedupeKey: "d:" + prepared.rawSHA256, messageID: prepared.messageID, rawSHA256: prepared.rawSHA256, mailbox: inbound.mailbox,
                        uidValidity: inbound.uidValidity, uid: inbound.uid, position: inbound.position, receivedAt: now, outcome: .duplicate,
                        reason: reason, intent: "", escalation: nil, raw: inbound.raw))
            }
            return MailOutcome(file: nil, messageId: prepared.messageID, outcome: .duplicate, reason: reason, intent: "", escalation: nil, sent: [])
        }
        var result: MailOutcome
        switch prepared.contents {
        case .failure(let error):
            result = MailOutcome(
                file: nil, messageId: prepared.messageID, outcome: .failed, reason: error.reason, intent: "", escalation: nil, sent: [])
        case .success(let contents):
            let understood = try UnderstoodMail(contents, isOwn: { try ownMail.reason(for: $0, session: session) })
            let cause = MailCause(messageID: prepared.messageID, key: prepared.receiptKey, subject: ConversationSubject.of(understood.mail.subject))
            result = try apply(understood, cause: cause, session: session, now: now)
        }
        try session.insert(
            Receipt(
                dedupeKey: prepared.receiptKey, messageID: prepared.messageID, rawSHA256: prepared.rawSHA256, mailbox: inbound.mailbox,
                uidValidity: inbound.uidValidity, uid: inbound.uid, position: inbound.position, receivedAt: now, outcome: result.outcome,
                reason: result.reason, intent: result.intent, escalation: result.escalation, raw: inbound.raw))
        FaultPoint.afterReceipt.reach()
        return result
    }

    private func apply(_ understood: UnderstoodMail, cause: MailCause, session: StoreSession, now: Date) throws -> MailOutcome {
        let messageID = cause.messageID
        let intentName = understood.reading.name
        func outcome(_ outcome: ReceiptOutcome, _ reason: String, escalation: String? = nil, sent: [MailOutcome.SentMail] = []) -> MailOutcome {
            MailOutcome(file: nil, messageId: messageID, outcome: outcome, reason: reason, intent: intentName, escalation: escalation, sent: sent)
        }
        if let automation = understood.automated, !(automation.restsOnSubjectOnly && isKnownSomewhere(understood.sender)) {
            if case .bounce(let bounce) = automation {
                return outcome(.ignored, try recordBounce(bounce, cause: cause, session: session, now: now))
            }
            return outcome(.ignored, "\(automation.kind): \(automation.because)")
        }
        guard let sender = understood.sender else { return outcome(.refused, "no usable From address") }
        if case .pending = understood.reading.request {
            let answer = try answerPending(sender: sender, cause: cause, session: session, now: now)
            return outcome(answer.outcome, answer.reason, sent: answer.sent)
        }
        let match = try ThreadMatch.find(
            understood.hints, reading: understood.reading, sender: sender, directory: directory, signer: signer, session: session)
        guard let match else {
            let known = isKnownSomewhere(sender)
            let event: Notice.Event =
                known
                ? .notUnderstood(understood: intentName, hint: "Name the case number (CS…) in the subject or the first line.") : .unknownSender
            let sent = try outbox.enqueue([Notice(event, to: [sender], source: nil)], cause: cause, sender: sender, session: session, now: now)
            return outcome(.refused, known ? "no case or account found" : "unknown sender", sent: sent)
        }
        if isParticipant(sender, of: match.source) {
            try session.startThread(source: match.source.description, subject: cause.subject ?? outbox.threadSubject(startedByGateway: match.source))
            try session.recordThreadMessage(messageID, source: match.source.description, request: nil, recipient: nil, outbound: false)
        }
        if let confirmed = try applyConfirmed(by: understood, sender: sender, match: match, cause: cause, session: session, now: now) {
            return confirmed
        }
        guard let command = understood.reading.command else {
            let state = try session.subjectState(match.source)
            let (understoodText, hint) = understood.reading.explanation
            let decision = engine.refusal(
                .notUnderstood, sender: sender, source: match.source, cause: messageID, state: state, directory: directory, now: now,
                understood: understoodText, hint: hint)
            try session.save(
                decision, from: state, warningShare: config.escalation.policy.slaWarningShare, approvalDue: engine.nextApprovalEvent(of:))
            let sent = try outbox.enqueue(decision.notices, cause: cause, sender: sender, session: session, now: now)
            var refused = outcome(.refused, "not understood (\(match.method))", escalation: state.escalation?.number.value, sent: sent)
            refused.matchMethod = match.method.rawValue
            return refused
        }
        return try apply(
            command.applied(to: match.source), from: understood, sender: sender, match: match, cause: cause, confirmed: false, session: session,
            now: now)
    }

    /// Applies one command of a mail on its case or account: decisions through the approval
    /// gate, state-changing commands through the command gate (unless `confirmed` by a reply to
    /// the gateway's confirmation mail), then the core's decision.
    func apply(
        _ command: Command, from understood: UnderstoodMail, sender: EmailAddress, match: ThreadMatch, cause: MailCause, confirmed: Bool,
        session: StoreSession, now: Date
    ) throws -> MailOutcome {
        let messageID = cause.messageID
        func outcome(_ outcome: ReceiptOutcome, _ reason: String, escalation: String? = nil, sent: [MailOutcome.SentMail] = []) -> MailOutcome {
            var result = MailOutcome(
                file: nil, messageId: messageID, outcome: outcome, reason: reason, intent: understood.reading.name, escalation: escalation, sent: sent
            )
            result.matchMethod = match.method.rawValue
            return result
        }
        let state = try session.subjectState(match.source)
        var request = match.request
        var cause = cause
        if command == .approve || { if case .reject = command { return true } else { return false } }() {
            switch ApprovalGate(signer: signer, security: config.security).check(understood, sender: sender, match: match, state: state) {
            case .notApplicable: break
            case .verified(let number):
                request = number
                // Through the approval mail's mailto link: a new mail, the token in its subject.
                // Its answers go on the case thread, not under that subject.
                if understood.hints.answeredIDs.isEmpty { cause.subject = nil }
            case .refused(let refusal):
                let sent = try refuseDecision(refusal, sender: sender, source: match.source, cause: cause, state: state, session: session, now: now)
                return outcome(.refused, "decision not accepted: \(refusal.reason)", escalation: state.escalation?.number.value, sent: sent)
            }
        }
        if !confirmed, CommandGate.isGated(command), engine.isKnown(sender, about: match.source, directory: directory),
            case .confirmationRequired(let why) = try CommandGate(signer: signer, security: config.security)
                .check(understood, sender: sender, source: match.source, session: session)
        {
            let sent = try askConfirmation(
                of: command, why: why, sender: sender, source: match.source, cause: cause, state: state, session: session, now: now)
            return outcome(.refused, "\(Refusal.confirmationRequired.rawValue): \(why)", escalation: state.escalation?.number.value, sent: sent)
        }
        var deciding = state
        if case .escalate(let arguments) = command, arguments.type == .account {
            deciding.rejectionsOfNamedCases = try arguments.linkedCases.compactMap { try session.subjectState(.supportCase($0)).lastRejection }
        }
        let decision = engine.decide(
            CommandMail(command: command, sender: sender, source: match.source, request: request, cause: messageID),
            state: deciding, directory: directory, now: now)
        try session.save(decision, from: state, warningShare: config.escalation.policy.slaWarningShare, approvalDue: engine.nextApprovalEvent(of:))
        let attachments =
            decision.notices.contains(where: \.isRelayed) ? RelayedAttachments(understood.mail, maxBytes: config.maxAttachmentBytes) : .none
        let sent = try outbox.enqueue(decision.notices, cause: cause, sender: sender, session: session, now: now, attachments: attachments)
        let escalation = [.refused(.unknownSender), .refused(.noSuchCase)].contains(decision.outcome) ? nil : decision.state.escalation?.number.value
        switch decision.outcome {
        case .applied: return outcome(.applied, "\(command.name) (\(match.method))", escalation: escalation, sent: sent)
        case .refused(let refusal): return outcome(.refused, "\(refusal.rawValue) (\(match.method))", escalation: escalation, sent: sent)
        }
    }

    /// Journals a refused decision with its exact reason and tells the real approvers in general
    /// terms: at once when the sender is one of them, else once per request within the rate
    /// window, so that forged decisions from others cannot flood the approvers.
    private func refuseDecision(
        _ refusal: ApprovalGate.Refusal, sender: EmailAddress, source: EscalationSource, cause: MailCause, state: SubjectState, session: StoreSession,
        now: Date
    ) throws -> [MailOutcome.SentMail] {
        let since = now.addingTimeInterval(-TimeInterval(config.security.rateWindowSeconds))
        var toldRecently = false
        if !refusal.tell.contains(sender), let request = refusal.request {
            toldRecently = try session.journalHas(
                action: EscalationEngine.approversToldAction, source: source.description, request: request.number.value, since: since)
        }
        let decision = engine.unverifiedDecision(
            refusal.reason, request: refusal.request, tell: refusal.tell, sender: sender, source: source, cause: cause.messageID, state: state,
            toldRecently: toldRecently, now: now)
        try session.append(decision.journal)
        return try outbox.enqueue(decision.notices, cause: cause, sender: sender, session: session, now: now)
    }
}
