public import EscalationValues
public import Foundation

extension Notice {
    /// What a notice tells, one case per `Kind`, with the facts its template shows beyond the
    /// notice's case or account, escalation and request. People are addresses; the composer
    /// names them from the directory.
    public enum Event: Hashable, Sendable {
        /// To the requester and whom the table says: the request awaits approval; the cases an
        /// account request named that are not on the account, each with why (`CS0001240 (…)`).
        case requestReceived(leftOut: [String] = [])
        /// To one approver: the earlier requests, one line each (`REQ0000001: Lack of Progress`),
        /// and, for a backup approver, the request's lapsed approval.
        case approvalRequested(history: [String] = [], overdue: Overdue? = nil)
        /// The escalation was created without approval; the cases left out as for `requestReceived`.
        case escalated(leftOut: [String] = [])
        /// The escalation was created on its request's approval.
        case approved
        /// To the requester and whom the table says: the approver's reason, in full.
        case rejected(reason: String)
        /// To the requester: a request after earlier ones was received.
        case reescalationReceived
        /// A request within the cooldown after a rejection: that rejection's reason, and from when
        /// a new request is possible.
        case reescalationCooldown(reason: String, until: Date)
        /// An approval that does not settle the request yet: the approvers it still waits for.
        case decisionRecorded(waitingFor: [EmailAddress])
        /// The sender had decided the request already, or it was settled.
        case alreadyDecided
        /// Who ended the escalation, and why.
        case deescalated(by: EmailAddress, reason: String)
        /// Who changed the severity, from and to which (names as configured).
        case severityChanged(by: EmailAddress, from: String, to: String)
        /// Who changed the trend, from and to which (`improving`, `unchanged`, `worsening`).
        case trendChanged(by: EmailAddress, from: String, to: String)
        /// Who added or removed whom.
        case watchListChanged(by: EmailAddress, ListChange<EmailAddress>)
        /// Who linked or unlinked which case.
        case linkedCasesChanged(by: EmailAddress, ListChange<CaseNumber>)
        /// Who assigned the escalation, its assignee before (nil: nobody) and after.
        case assignmentChanged(by: EmailAddress, from: EmailAddress?, to: EmailAddress)
        /// A customer's words relayed to the staff of the case or account (dialog).
        case customerMessage(RelayedMessage)
        /// The owner's, assignee's or escalation manager's words relayed to the customer (dialog).
        case staffMessage(RelayedMessage)
        /// The one sentence back to whoever wrote a relayed message or a note: whom it reached
        /// (`Sam Agent, who owns CS0001234`) and what was passed.
        case messagePassed(to: String, PassedText)
        /// Staff text kept for the staff on the escalation only (`NOTE`, or other staff's words).
        case internalNote(RelayedMessage)
        /// A known sender named a case or account that is not theirs, or none that exists.
        case noSuchCase
        /// A work note kept on the case: its author and text.
        case workNote(by: EmailAddress, text: String)
        /// An SLA clock reached its warning share.
        case slaWarning(SLAEvent)
        /// An SLA clock passed its deadline.
        case slaBreached(SLAEvent)
        /// What the gateway read (`SEVERITY high`), how to say it instead, and whether the text
        /// was kept as an internal note.
        case notUnderstood(understood: String, hint: String? = nil, keptAsNote: Bool = false)
        /// The command the sender may not give here (`de-escalate`), and why or what to do.
        case notPermitted(understood: String, hint: String? = nil)
        /// A sender the directory does not know: nothing about any case or account.
        case unknownSender
        /// The command that needs a reason; for an escalation, the configured reasons.
        case reasonNeeded(understood: String, reasons: [String]? = nil)
        /// The case or account has an active escalation or a pending request already.
        case alreadyEscalated
        /// The command that found nothing in the state it needs, and what to do instead.
        case nothingToDo(understood: String, hint: String? = nil)
        /// To a real approver: a decision in their name could not be verified and was not applied.
        case decisionNotAccepted
        /// Whose answers are held back: `sender jane@acme.example` or `thread CS0001234`.
        case answersPaused(what: String)
        /// The address no longer sent to, after this many permanent bounces.
        case addressSuppressed(address: String, bounces: Int)
        /// The addresses the mail server refused for good, its answer, and the mail's subject.
        case deliveryFailed(addresses: [String], error: String, subject: String)
        /// The command as written, waiting for its sender's `CONFIRM`, and why it did not pass the gate.
        case confirmationRequired(understood: String, why: String)
        /// To every other approver of a decided request: who decided, the outcome, the reason.
        case requestDecided(Settlement)
        /// To the approver whose decision settled a request: one line, naming the other approvers told.
        case decisionConfirmed(Settlement, othersTold: [EmailAddress])
        /// To an undecided approver, once per `approval_reminder`: how long the request has waited
        /// (`2d 3h`); the one-click links come with the mail.
        case approvalReminder(age: String)
        /// To the case owner or escalation manager: a request outlived its `approval_timeout`
        /// and its template has no backup approvers.
        case approvalOverdue(Overdue, age: String)
        /// To the case owner or escalation manager: a request was refused as nobody could approve it.
        case noApprover(requester: EmailAddress, why: String, template: String)
        /// To the approvers, the requester and the support team: the requester withdrew the request.
        case requestWithdrawn(by: EmailAddress)
        /// The answer to `PENDING`: the requests waiting for the sender's decision, one text each.
        case pendingApprovals(items: [String])

        /// The kind, which names the template.
        public var kind: Kind {
            switch self {
            case .requestReceived: .requestReceived
            case .approvalRequested: .approvalRequested
            case .escalated: .escalated
            case .approved: .approved
            case .rejected: .rejected
            case .reescalationReceived: .reescalationReceived
            case .reescalationCooldown: .reescalationCooldown
            case .decisionRecorded: .decisionRecorded
            case .alreadyDecided: .alreadyDecided
            case .deescalated: .deescalated
            case .severityChanged: .severityChanged
            case .trendChanged: .trendChanged
            case .watchListChanged: .watchListChanged
            case .linkedCasesChanged: .linkedCasesChanged
            case .assignmentChanged: .assignmentChanged
            case .customerMessage: .customerMessage
            case .staffMessage: .staffMessage
            case .messagePassed: .messagePassed
            case .internalNote: .internalNote
            case .noSuchCase: .noSuchCase
            case .workNote: .workNote
            case .slaWarning: .slaWarning
            case .slaBreached: .slaBreached
            case .notUnderstood: .notUnderstood
            case .notPermitted: .notPermitted
            case .unknownSender: .unknownSender
            case .reasonNeeded: .reasonNeeded
            case .alreadyEscalated: .alreadyEscalated
            case .nothingToDo: .nothingToDo
            case .decisionNotAccepted: .decisionNotAccepted
            case .answersPaused: .answersPaused
            case .addressSuppressed: .addressSuppressed
            case .deliveryFailed: .deliveryFailed
            case .confirmationRequired: .confirmationRequired
            case .requestDecided: .requestDecided
            case .decisionConfirmed: .decisionConfirmed
            case .approvalReminder: .approvalReminder
            case .approvalOverdue: .approvalOverdue
            case .noApprover: .noApprover
            case .requestWithdrawn: .requestWithdrawn
            case .pendingApprovals: .pendingApprovals
            }
        }

        /// The words a customer, staff or note event relays; nil for the gateway's own notices.
        public var relayedMessage: RelayedMessage? {
            switch self {
            case .customerMessage(let message), .staffMessage(let message), .internalNote(let message): message
            default: nil
            }
        }

        /// The event with `files` and `leftOut` named in its relayed message, as they travel with
        /// it; any other event as it is.
        public func relaying(files: [String], leftOut: [String]) -> Event {
            guard var message = relayedMessage else { return self }
            message.attached = files
            message.leftOut = leftOut
            switch self {
            case .customerMessage: return .customerMessage(message)
            case .staffMessage: return .staffMessage(message)
            default: return .internalNote(message)
            }
        }
    }
}
