public import GRDB

/// What processing one mail did, as its receipt stores it and `process --json` prints it.
public enum ReceiptOutcome: String, Sendable, Hashable, Codable, CaseIterable, DatabaseValueConvertible {
    /// It changed a case or account.
    case applied
    /// Automated mail (auto-reply, bounce, list mail): nothing to act on.
    case ignored
    /// Understood but not acted on; the sender was answered when that is allowed.
    case refused
    /// Processing failed (a database fault); the mail is tried again, then set aside.
    case failed
    /// Processed before: nothing done again.
    case duplicate
}
