import Foundation

/// An escalation reason with the words that name it in mail (seed 004).
public struct EscalationReason: Hashable, Sendable, Codable {
    public var name: String
    public var aliases: [String]

    public init(name: String, aliases: [String]) {
        self.name = name
        self.aliases = aliases
    }
}

/// The configured reasons, matched against free text.
public struct ReasonCatalog: Sendable, Hashable {
    public let reasons: [EscalationReason]
    /// Each reason's name and aliases as words (` lack of progress `), made once.
    private let phrases: [(reason: EscalationReason, words: String)]

    public init(_ reasons: [EscalationReason]) {
        self.reasons = reasons
        phrases = reasons.flatMap { reason in
            ([reason.name] + reason.aliases).map(Self.words).filter { !$0.isEmpty }.map { (reason, " \($0) ") }
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.reasons == rhs.reasons }
    public func hash(into hasher: inout Hasher) { hasher.combine(reasons) }

    /// The reason whose name or alias appears in the text as whole words; the longest match wins
    /// so that "lack of progress" beats "progress".
    public func reason(in text: String) -> EscalationReason? {
        let haystack = " " + Self.words(text) + " "
        var best: (reason: EscalationReason, length: Int)?
        for (reason, needle) in phrases where haystack.firstRange(of: needle) != nil {
            if needle.count > best?.length ?? 0 { best = (reason, needle.count) }
        }
        return best?.reason
    }

    /// The reason with exactly this name (case-insensitive).
    public func reason(named name: String) -> EscalationReason? {
        reasons.first { $0.name.lowercased() == name.lowercased() }
    }

    private static func words(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }
}
