extension Notice {
    /// A notice's kind, named like its template in `MailTemplates/`.
    public enum Kind: String, Sendable, CaseIterable {
        case requestReceived = "request-received"
        case approvalRequested = "approval-requested"
        case escalated
        case approved
        case rejected
        case reescalationReceived = "reescalation-received"
        case reescalationCooldown = "reescalation-cooldown"
        case decisionRecorded = "decision-recorded"
        case alreadyDecided = "already-decided"
        case deescalated
        case severityChanged = "severity-changed"
        case trendChanged = "trend-changed"
        case watchListChanged = "watch-list-changed"
        case linkedCasesChanged = "linked-cases-changed"
        case assignmentChanged = "assignment-changed"
        /// A customer's words relayed to the staff of the case or account (dialog).
        case customerMessage = "customer-message"
        /// The owner's, assignee's or escalation manager's words relayed to the customer (dialog).
        case staffMessage = "staff-message"
        /// The one sentence back to whoever wrote a relayed message or a note.
        case messagePassed = "message-passed"
        /// Staff text kept for the staff on the escalation only (`NOTE`, or other staff's words).
        case internalNote = "internal-note"
        /// A known sender named a case or account that is not theirs, or none that exists.
        case noSuchCase = "no-such-case"
        case workNote = "work-note"
        case slaWarning = "sla-warning"
        case slaBreached = "sla-breached"
        case notUnderstood = "not-understood"
        case notPermitted = "not-permitted"
        case unknownSender = "unknown-sender"
        case reasonNeeded = "reason-needed"
        case alreadyEscalated = "already-escalated"
        case nothingToDo = "nothing-to-do"
        case decisionNotAccepted = "decision-not-accepted"
        case answersPaused = "answers-paused"
        case addressSuppressed = "address-suppressed"
        case deliveryFailed = "delivery-failed"
        case confirmationRequired = "confirmation-required"
        /// To every other approver of a decided request: who decided, the outcome, the reason.
        case requestDecided = "request-decided"
        /// To the approver whose decision settled a request: one line.
        case decisionConfirmed = "decision-confirmed"
        /// To an undecided approver, once per `approval_reminder`, with the one-click links.
        case approvalReminder = "approval-reminder"
        /// To the case owner or escalation manager: a request outlived its `approval_timeout`
        /// and its template has no backup approvers.
        case approvalOverdue = "approval-overdue"
        /// To the case owner or escalation manager: a request was refused as nobody could approve it.
        case noApprover = "no-approver"
        /// To the approvers, the requester and the support team: the requester withdrew the request.
        case requestWithdrawn = "request-withdrawn"
        /// The answer to `PENDING`: the requests waiting for the sender's decision.
        case pendingApprovals = "pending-approvals"

        /// Whether this answers the sender's mail (`Auto-Submitted: auto-replied`) rather than
        /// notifying others (`auto-generated`).
        public var isAnswer: Bool {
            switch self {
            case .requestReceived, .reescalationReceived, .reescalationCooldown, .decisionRecorded, .alreadyDecided,
                .notUnderstood, .notPermitted, .unknownSender, .reasonNeeded, .alreadyEscalated, .nothingToDo, .decisionConfirmed,
                .pendingApprovals, .messagePassed, .noSuchCase:
                true
            default: false
            }
        }

        /// Whether the mail carries its first recipient's approval token and one-click links.
        public var carriesApprovalToken: Bool { self == .approvalRequested || self == .approvalReminder }

        /// Whether the mail is caused by no inbound mail it could answer (a request to an
        /// approver, a timer), so that it answers its thread's latest mail.
        public var answersNoMail: Bool { carriesApprovalToken || self == .approvalOverdue }
    }
}
