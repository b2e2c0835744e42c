public import EscalationStore

/// What processing one mail did, as `process --json` prints it.
public struct MailOutcome: Encodable, Sendable, Equatable {
    /// One mail the gateway queued because of this one.
    public struct SentMail: Encodable, Sendable, Equatable {
        public var to: [String]
        public var subject: String
        public var template: String
        public var messageId: String
    }

    public var file: String?
    public var messageId: String
    public var outcome: ReceiptOutcome
    public var reason: String
    public var intent: String
    public var escalation: String?
    public var sent: [SentMail]
    /// How the mail's case or account was found (`ThreadMatch.Method`), when it was; for
    /// metrics and the log, not printed.
    public var matchMethod: String?

    private enum CodingKeys: String, CodingKey {
        case file, messageId, outcome, reason, intent, escalation, sent
    }

    public init(file: String?, messageId: String, outcome: ReceiptOutcome, reason: String, intent: String, escalation: String?, sent: [SentMail]) {
        self.file = file
        self.messageId = messageId
        self.outcome = outcome
        self.reason = reason
        self.intent = intent
        self.escalation = escalation
        self.sent = sent
    }
}
