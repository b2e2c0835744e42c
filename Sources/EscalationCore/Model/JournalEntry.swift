public import EscalationValues
public import Foundation

/// One line of the audit journal: who changed what, when, and which message caused it.
/// Nothing is ever deleted from the journal.
public struct JournalEntry: Hashable, Sendable, Codable {
    public var at: Date
    /// The sender's address, or `gateway` for the gateway's own actions (SLA ticks).
    public var actor: String
    /// The Message-ID of the mail that caused the change, or a label such as `sla-ticker`.
    public var cause: String
    public var source: EscalationSource
    public var escalation: EscalationNumber?
    public var request: RequestNumber?
    /// A stable dotted name, e.g. `request.created`, `escalation.severity_changed`.
    public var action: String
    public var detail: String

    public init(
        at: Date, actor: String, cause: String, source: EscalationSource, escalation: EscalationNumber? = nil,
        request: RequestNumber? = nil, action: String, detail: String
    ) {
        self.at = at
        self.actor = actor
        self.cause = cause
        self.source = source
        self.escalation = escalation
        self.request = request
        self.action = action
        self.detail = detail
    }
}

/// A work note on a case: every update of a case escalation is copied here (seed 003).
public struct WorkNote: Hashable, Sendable, Codable {
    public var supportCase: CaseNumber
    public var at: Date
    public var author: String
    public var text: String

    public init(supportCase: CaseNumber, at: Date, author: String, text: String) {
        self.supportCase = supportCase
        self.at = at
        self.author = author
        self.text = text
    }
}
