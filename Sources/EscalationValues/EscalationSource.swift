import Foundation

/// What an escalation is about: one case, or one account (seed 001, "Relationships").
public enum EscalationSource: Hashable, Sendable, CustomStringConvertible {
    case supportCase(CaseNumber)
    case account(AccountNumber)

    public var type: EscalationType {
        switch self {
        case .supportCase: .case
        case .account: .account
        }
    }

    /// The record number as text, `CS0001234` or `ACC0001001`.
    public var description: String {
        switch self {
        case .supportCase(let number): number.value
        case .account(let number): number.value
        }
    }

    /// Parses `CS…` or `ACC…`.
    public init?(_ text: String) {
        if let number = CaseNumber(text) {
            self = .supportCase(number)
        } else if let number = AccountNumber(text) {
            self = .account(number)
        } else {
            return nil
        }
    }
}

/// The two kinds of escalation the seeds describe.
public enum EscalationType: String, Sendable, Codable, CaseIterable {
    case `case`
    case account
}

/// How an escalation is developing (seed 003).
public enum Trend: String, Sendable, Codable, CaseIterable {
    case improving
    case unchanged
    case worsening

    /// Accepts the value names and a few common synonyms.
    public init?(words text: String) {
        let word = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
        switch word {
        case "improving", "better", "improved", "up": self = .improving
        case "unchanged", "same", "stable", "steady", "flat": self = .unchanged
        case "worsening", "worse", "deteriorating", "down": self = .worsening
        default: return nil
        }
    }
}
