package import EscalationValues

/// The bracketed code of a status response (RFC 3501 §7.1, `resp-text-code`). The codes the
/// gateway acts on are typed; every other one keeps its name and text.
package enum IMAPResponseCode: Equatable, Sendable, CustomStringConvertible {
    /// `[UIDVALIDITY 1700000000]` (RFC 3501 §7.1): the selected mailbox's numbering of UIDs.
    case uidValidity(UIDValidity)
    /// `[UIDNEXT 18]` (RFC 3501 §7.1): the UID the next mail to arrive will at least have.
    case uidNext(UID)
    /// Any other code, its name upper-cased: `[READ-WRITE]`, `[PERMANENTFLAGS (\Seen \*)]`.
    case other(name: String, text: String)

    /// The code as the server wrote it, with its brackets.
    package var description: String {
        switch self {
        case .uidValidity(let validity): "[UIDVALIDITY \(validity)]"
        case .uidNext(let uid): "[UIDNEXT \(uid)]"
        case .other(let name, let text): text.isEmpty ? "[\(name)]" : "[\(name) \(text)]"
        }
    }
}
