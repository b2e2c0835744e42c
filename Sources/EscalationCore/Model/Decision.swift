import Foundation

/// Why a mail changed nothing. A refusal is a value the gateway answers with, never an error.
public enum Refusal: String, Sendable, Hashable {
    case unknownSender = "unknown-sender"
    case notPermitted = "not-permitted"
    case alreadyEscalated = "already-escalated"
    case cooldown
    case reasonNeeded = "reason-needed"
    case notUnderstood = "not-understood"
    case alreadyDecided = "already-decided"
    case nothingToDo = "nothing-to-do"
    case noTemplate = "no-template"
    /// The request's only approver would be its requester.
    case noApprover = "no-approver"
    /// A state-changing command without proof that the sender received the gateway's mail (or
    /// without authentication where it is required): the sender is asked to confirm.
    case confirmationRequired = "confirmation-required"
    /// A known sender named a case or account that is not on their account (or does not exist).
    case noSuchCase = "no-such-case"
    /// An approval or rejection the approval gate could not tie to a real approver.
    case decisionUnverified = "decision_unverified"
}

/// The result of one command or SLA tick: the new state, and everything to record and send.
public struct Decision: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        case applied
        case refused(Refusal)
    }

    public var outcome: Outcome
    public var state: SubjectState
    public var journal: [JournalEntry]
    public var workNotes: [WorkNote]
    public var notices: [Notice]

    public init(outcome: Outcome, state: SubjectState, journal: [JournalEntry] = [], workNotes: [WorkNote] = [], notices: [Notice] = []) {
        self.outcome = outcome
        self.state = state
        self.journal = journal
        self.workNotes = workNotes
        self.notices = notices
    }
}
