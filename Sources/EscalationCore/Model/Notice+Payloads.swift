public import EscalationValues
public import Foundation

extension Notice {
    /// Words of a person the gateway passes on, and who wrote them.
    public struct RelayedMessage: Hashable, Sendable {
        /// The words, as written.
        public var text: String
        /// Whose words they are.
        public var author: EmailAddress
        /// The author as the directory names them, else the address; `From` shows it.
        public var authorName: String
        /// The file names of the attachments that travel with the message.
        public var attached: [String] = []
        /// "name (size)" of each attachment left out for its size.
        public var leftOut: [String] = []

        public init(text: String, author: EmailAddress, authorName: String) {
            self.text = text
            self.author = author
            self.authorName = authorName
        }
    }

    /// One addition to or removal from a list of the escalation (watch list, linked cases).
    public enum ListChange<Element: Hashable & Sendable>: Hashable, Sendable {
        case added(Element)
        case removed(Element)
    }

    /// What a `messagePassed` answer confirms.
    public enum PassedText: Hashable, Sendable {
        /// A message, relayed.
        case message
        /// Text read as no command, relayed as a message: nothing was changed.
        case unclearMessage
        /// An internal note, kept for the staff.
        case note
    }

    /// One SLA clock's warning or breach.
    public struct SLAEvent: Hashable, Sendable {
        /// `response`, `update` or `resolution`.
        public var clock: String
        /// The clock's target for the escalation's severity.
        public var target: TimeSpan
        /// The clock's deadline; for a breach, the moment of the breach.
        public var due: Date
        /// The calendar the clock counts in, whose zone shows `due`; nil: round the clock, in UTC.
        public var calendar: String?

        public init(clock: String, target: TimeSpan, due: Date, calendar: String? = nil) {
            self.clock = clock
            self.target = target
            self.due = due
            self.calendar = calendar
        }
    }

    /// A request settled by one approver's decision.
    public struct Settlement: Hashable, Sendable {
        /// The approver whose decision settled it.
        public var by: EmailAddress
        public var outcome: ApprovalDecision.Verdict
        /// The rejection's reason; nil for an approval.
        public var reason: String?
        /// The escalation an approval created.
        public var escalation: EscalationNumber?

        public init(by: EmailAddress, outcome: ApprovalDecision.Verdict, reason: String?, escalation: EscalationNumber?) {
            self.by = by
            self.outcome = outcome
            self.reason = reason
            self.escalation = escalation
        }
    }

    /// A request undecided past its template's `approval_timeout`.
    public struct Overdue: Hashable, Sendable {
        /// The approvers it still waits for.
        public var waitingFor: [EmailAddress]
        /// The template's `approval_timeout`.
        public var timeout: TimeSpan

        public init(waitingFor: [EmailAddress], timeout: TimeSpan) {
            self.waitingFor = waitingFor
            self.timeout = timeout
        }
    }
}
