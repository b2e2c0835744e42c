import EscalationValues
public import Foundation

/// The escalation state machine: `(state, command, now) → decision`. Pure: it reads the
/// directory through a lookup, takes the time as a value, and performs no I/O.
public struct EscalationEngine: Sendable {
    public let configuration: EscalationConfiguration

    public init(configuration: EscalationConfiguration) {
        self.configuration = configuration
    }

    /// Decides what one command does to one case or account.
    public func decide(_ mail: CommandMail, state: SubjectState, directory: some DirectoryLookup, now: Date) -> Decision {
        guard let context = Context(mail: mail, state: state, directory: directory, engine: self, now: now), context.participants.isKnown else {
            return Self.notTheirs(mail.sender, state: state, directory: directory)
        }
        switch mail.command {
        case .escalate(let arguments): return context.escalate(arguments)
        case .approve: return context.decideApproval(.approved, reason: nil)
        case .reject(let reason): return context.decideApproval(.rejected, reason: reason)
        case .deescalate(let reason): return context.deescalate(reason: reason)
        case .withdraw: return context.withdraw()
        case .severity, .trend, .watch, .unwatch, .link, .unlink, .assign: return context.manage(mail.command)
        case .comment(let text): return context.converse(text, unclear: nil)
        case .unclear(let text, let understood, let hint): return context.converse(text, unclear: (understood, hint))
        case .note(let text): return context.note(text)
        }
    }

    /// The answer to a sender who is not known on the case or account the mail names: a contact
    /// or staff member is told that no such case is on their account (nothing about any other
    /// account); a stranger learns nothing.
    static func notTheirs(_ sender: EmailAddress, state: SubjectState, directory: some DirectoryLookup) -> Decision {
        guard directory.contact(sender) != nil || directory.staffMember(sender) != nil else {
            return Decision(outcome: .refused(.unknownSender), state: state, notices: [Notice(.unknownSender, to: [sender], source: nil)])
        }
        let notice = Notice(.noSuchCase, to: [sender], source: nil)
        return Decision(outcome: .refused(.noSuchCase), state: state, notices: [notice])
    }
}

extension EscalationEngine {
    /// The working set of one decision: inputs, and the changes gathered so far.
    struct Context {
        let mail: CommandMail
        let engine: EscalationEngine
        let participants: Participants
        let directory: any DirectoryLookup
        let now: Date
        var state: SubjectState
        var journal: [JournalEntry] = []
        var workNotes: [WorkNote] = []
        var notices: [Notice] = []

        init?(mail: CommandMail, state: SubjectState, directory: some DirectoryLookup, engine: EscalationEngine, now: Date) {
            guard let participants = Participants(sender: mail.sender, source: mail.source, directory: directory, policy: engine.configuration.policy)
            else { return nil }
            self.mail = mail
            self.engine = engine
            self.directory = directory
            self.state = state
            self.now = now
            self.participants = participants
        }

        var configuration: EscalationConfiguration { engine.configuration }
        var sender: EmailAddress { mail.sender }

        /// Records a journal entry caused by this mail.
        mutating func record(_ action: String, _ detail: String, escalation: EscalationNumber? = nil, request: RequestNumber? = nil) {
            journal.append(
                JournalEntry(
                    at: now, actor: sender.value, cause: mail.cause, source: mail.source,
                    escalation: escalation ?? state.escalation?.number, request: request, action: action, detail: detail))
        }

        func refuse(_ refusal: Refusal, notice: Notice) -> Decision {
            var journal = self.journal
            journal.append(
                JournalEntry(
                    at: now, actor: sender.value, cause: mail.cause, source: mail.source,
                    escalation: state.escalation?.number, action: "refused.\(refusal.rawValue)",
                    detail: "\(mail.command.name) refused: \(refusal.rawValue)"))
            return Decision(outcome: .refused(refusal), state: state, journal: journal, notices: [notice])
        }

        func applied() -> Decision {
            Decision(outcome: .applied, state: state, journal: journal, workNotes: workNotes, notices: notices)
        }

        /// A reply to the sender only, about this case or account.
        func answer(_ event: Notice.Event) -> Notice {
            Notice(event, to: [sender], source: mail.source, escalation: state.escalation, request: state.requests.last)
        }

        /// The holders of the `[notify]` roles around this case or account.
        func audience(escalation: Escalation?, request: EscalationRequest?) -> Audience {
            Audience(
                account: participants.account, supportCase: participants.supportCase, escalation: escalation, request: request,
                directory: directory)
        }

        /// The notice of an event to the table's recipients of its kind (and `also`, but customers only
        /// for customer events), without `excluding`: the first as To, the rest as Cc. Nil when nobody gets it.
        func event(
            _ event: Notice.Event, escalation: Escalation? = nil, request: EscalationRequest? = nil, also: [EmailAddress] = [],
            excluding: [EmailAddress] = []
        ) -> Notice? {
            let kind = event.kind
            let audience = audience(escalation: escalation, request: request)
            let extra = NotifyTable.customerEvents.contains(kind) ? also : also.filter(audience.isStaff)
            let recipients = (audience.recipients(of: kind, table: configuration.notify) + extra).filter { !excluding.contains($0) }
            guard let first = recipients.first else { return nil }
            return Notice(
                event, to: [first], cc: Array(recipients.dropFirst()), source: escalation?.source ?? request?.source ?? mail.source,
                escalation: escalation, request: request)
        }

        /// Keeps a work note on the case (case escalations only, seed 001) and, when `mailed`, mails
        /// it to whom the table says (the owner by default), never to the sender.
        mutating func addWorkNote(_ text: String, escalation: Escalation, mailed: Bool = true) {
            guard case .supportCase(let number) = escalation.source else { return }
            workNotes.append(WorkNote(supportCase: number, at: now, author: sender.value, text: text))
            guard mailed, let notice = event(.workNote(by: sender, text: text), escalation: escalation, excluding: [sender])
            else { return }
            notices.append(notice)
        }
    }
}
