import Foundation

/// Bounds on what the parser accepts, so hostile mail costs bounded time and memory.
public struct ParseLimits: Hashable, Sendable {
    public var maxBytes: Int
    public var maxParts: Int
    public var maxDepth: Int

    public init(maxBytes: Int = 64 << 20, maxParts: Int = 2_000, maxDepth: Int = 40) {
        self.maxBytes = maxBytes
        self.maxParts = maxParts
        self.maxDepth = maxDepth
    }
}

/// A mail the parser refuses: a limit was hit. The reason names the limit.
public struct MailParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}
