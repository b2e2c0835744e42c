import Foundation

/// A record number as people write it in mail to name what they mean: a case, an account or
/// an escalation (`CS0001234`, `ACC1001`, `[ESC0001001]`).
public enum RecordReference: Hashable, Sendable {
    /// A case or an account.
    case source(EscalationSource)
    /// An escalation, which stands for the case or account it is about.
    case escalation(EscalationNumber)

    /// Parses `CS…`, `ACC…` or `ESC…` followed by digits.
    public init?(_ text: String) {
        if let number = EscalationNumber(text) {
            self = .escalation(number)
        } else if let source = EscalationSource(text) {
            self = .source(source)
        } else {
            return nil
        }
    }
}
