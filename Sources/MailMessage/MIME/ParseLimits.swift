import Foundation

/// Bounds on what the parser accepts, so hostile mail costs bounded time and memory.
public struct ParseLimits: Hashable, Sendable {
    /// The raw size of a mail, and the content its parts decode to (together), in bytes.
    public var maxBytes: Int
    public var maxParts: Int
    public var maxDepth: Int
    /// The longest Message-ID read (RFC 5322 §3.6.4 sets none; a line holds 998 octets): a
    /// longer one counts as absent, for the mail's own ID and in In-Reply-To and References.
    public var maxMessageIDBytes: Int
    /// How many References are read, the newest: a thread is found by its latest mail.
    public var maxReferences: Int

    public init(maxBytes: Int = 64 << 20, maxParts: Int = 2_000, maxDepth: Int = 40, maxMessageIDBytes: Int = 250, maxReferences: Int = 20) {
        self.maxBytes = maxBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
        self.maxMessageIDBytes = maxMessageIDBytes
        self.maxReferences = maxReferences
    }
}

/// A mail the parser refuses: a limit was hit. The reason names the limit.
public struct MailParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
