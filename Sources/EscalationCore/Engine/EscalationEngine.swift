import Foundation

/// The escalation state machine: `(state, command, now) → decision`. Pure: it reads the
/// directory through a lookup, takes the time as a value, and performs no I/O.
public struct EscalationEngine: Sendable {
    public let configuration: EscalationConfiguration

    public init(configuration: EscalationConfiguration) {
        self.configuration = configuration
    }

    /// Decides what one command does to one case or account.
    public func decide(_ mail: CommandMail, state: SubjectState, directory: some DirectoryLookup, now: Date) -> Decision {
        guard let context = Context(mail: mail, state: state, directory: directory, engine: self, now: now) else {
            return Decision(
                outcome: .refused(.unknownSender), state: state,
                notices: [Notice(kind: .unknownSender, to: [mail.sender], source: nil)])
        }
        guard context.participants.isKnown else {
            return context.refuse(.unknownSender, notice: Notice(kind: .unknownSender, to: [mail.sender], source: nil))
        }
        switch mail.command {
        case .escalate(let arguments): return context.escalate(arguments)
        case .approve: return context.decideApproval(.approved, reason: nil)
        case .reject(let reason): return context.decideApproval(.rejected, reason: reason)
        case .deescalate(let reason): return context.deescalate(reason: reason)
        case .withdraw: return context.withdraw()
        case .severity, .trend, .watch, .unwatch, .link, .unlink, .assign, .comment: return context.manage(mail.command)
        }
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
            let supportCase: SupportCase?
            let accountNumber: AccountNumber
            switch mail.source {
            case .supportCase(let number):
                guard let found = directory.supportCase(number) else { return nil }
                supportCase = found
                accountNumber = found.account
            case .account(let number):
                supportCase = nil
                accountNumber = number
            }
            guard let account = directory.account(accountNumber) else { return nil }
            self.mail = mail
            self.engine = engine
            self.directory = directory
            self.state = state
            self.now = now
            self.participants = Participants(
                sender: mail.sender, account: account, supportCase: supportCase, directory: directory,
                policy: engine.configuration.policy)
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
        func answer(_ kind: Notice.Kind, details: [String: String] = [:]) -> Notice {
            Notice(
                kind: kind, to: [sender], source: mail.source, escalation: state.escalation, request: state.requests.last,
                details: details)
        }

        /// Everyone told about updates of an escalation: watch list, manager, requester and case contact.
        func stakeholders(of escalation: Escalation) -> [EmailAddress] {
            var people = escalation.watchList + [escalation.requester]
            if let owner = participants.supportCase?.owner { people.append(owner) }
            if let contact = participants.supportCase?.contact { people.append(contact) }
            if let assignee = escalation.assignedTo { people.append(assignee) }
            return people
        }

        /// Appends a case work note and mails it to the owner, for case escalations only (seed 001).
        mutating func addWorkNote(_ text: String, escalation: Escalation) {
            guard case .supportCase(let number) = escalation.source, let owner = participants.supportCase?.owner else { return }
            workNotes.append(WorkNote(supportCase: number, at: now, author: sender.value, text: text))
            notices.append(
                Notice(
                    kind: .workNote, to: [owner], source: escalation.source, escalation: escalation,
                    details: ["note": text, "actor": sender.value]))
        }
    }
}
