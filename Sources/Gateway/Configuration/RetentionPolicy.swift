public import EscalationCore

/// `[retention]`: how long the gateway keeps what it need not keep for ever. Off by default:
/// without the section (or with `raw_mail = "none"`) nothing is purged.
public struct RetentionPolicy: Sendable, Equatable {
    /// `raw_mail`: how long after an escalation closed the raw mail of its case's or account's
    /// thread (what came in and went out up to its de-escalation) is kept; nil: for ever.
    public var rawMail: TimeSpan?

    public init(rawMail: TimeSpan? = nil) {
        self.rawMail = rawMail
    }

    /// The policy in a line, as `check-config` prints it.
    public var summary: String {
        guard let rawMail else { return "retention: raw mail kept for ever ([retention] raw_mail not set)" }
        return "retention: raw mail purged \(rawMail) after its escalation closed ([retention] raw_mail = \"\(rawMail)\"); "
            + "journal, decisions and work notes kept"
    }
}
