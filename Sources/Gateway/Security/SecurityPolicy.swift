import Foundation

/// `[security]`: where the token secret lives, how approvals are authenticated, and the
/// limits that stop mail loops and floods.
public struct SecurityPolicy: Sendable, Hashable {
    /// The HMAC secret file; default: `token.secret` beside the database.
    public var tokenSecretFile: String
    /// Put the approval token in the Reply-To plus-address (`escalations+<token>@domain`).
    public var plusAddressing: Bool
    /// Require DMARC pass (or aligned DKIM pass) from `authservID` for APPROVE and REJECT.
    public var requireAuthentication: Bool
    /// The authserv-id of the receiving server whose `Authentication-Results` are trusted.
    public var authservID: String?
    /// Answers allowed per sender address within `rateWindow`.
    public var answersPerSender: Int
    /// Answers allowed per case or account thread within `rateWindow`.
    public var answersPerThread: Int
    /// Answers to a sender the gateway does not know, per address (plus-tags folded) within `rateWindow`.
    public var unknownSenderAnswers: Int
    public var rateWindowSeconds: Int
    /// Permanent bounces after which an address is suppressed for outgoing mail.
    public var bouncesBeforeSuppression: Int

    public init(
        tokenSecretFile: String, plusAddressing: Bool = true, requireAuthentication: Bool = false, authservID: String? = nil,
        answersPerSender: Int = 20, answersPerThread: Int = 50, unknownSenderAnswers: Int = 1, rateWindowSeconds: Int = 600,
        bouncesBeforeSuppression: Int = 2
    ) {
        self.tokenSecretFile = tokenSecretFile
        self.plusAddressing = plusAddressing
        self.requireAuthentication = requireAuthentication
        self.authservID = authservID
        self.answersPerSender = answersPerSender
        self.answersPerThread = answersPerThread
        self.unknownSenderAnswers = unknownSenderAnswers
        self.rateWindowSeconds = rateWindowSeconds
        self.bouncesBeforeSuppression = bouncesBeforeSuppression
    }
}
