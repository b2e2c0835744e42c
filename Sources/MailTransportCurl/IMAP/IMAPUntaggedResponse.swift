/// An untagged response (`* …`, RFC 3501 §7.2 to §7.4): the kinds the gateway reads are typed,
/// every other one keeps only its name.
package enum IMAPUntaggedResponse: Equatable, Sendable {
    /// `* OK [UIDVALIDITY 1700000000] UIDs valid`, `* BYE Logging out` (RFC 3501 §7.1).
    case condition(IMAPStatusResponse)
    /// `* CAPABILITY IMAP4rev1 IDLE MOVE` (RFC 3501 §7.2.1), each capability upper-cased.
    case capability([String])
    /// `* FLAGS (\Answered \Seen)` (RFC 3501 §7.2.6).
    case flags([String])
    /// `* SEARCH 2 84 882` (RFC 3501 §7.2.5): nonzero numbers, UIDs in answer to `UID SEARCH`
    /// and message sequence numbers in answer to `SEARCH`; empty when nothing matched.
    case search([UInt32])
    /// `* 4 EXISTS` (RFC 3501 §7.3.1): how many messages the mailbox holds.
    case exists(UInt32)
    /// `* 1 RECENT` (RFC 3501 §7.3.2).
    case recent(UInt32)
    /// `* 2 EXPUNGE` (RFC 3501 §7.4.1): the message with that sequence number is gone.
    case expunge(UInt32)
    /// `* 3 FETCH (UID 17 BODY[] {512}…)` (RFC 3501 §7.4.2): what was fetched of the message
    /// with sequence number 3.
    case fetch(sequence: UInt32, IMAPFetchAttributes)
    /// Any other response, by its upper-cased name: `LIST`, `STATUS`, `ENABLED`…
    case other(name: String)

    /// Whether the server tells of mail that arrived (`EXISTS` or `RECENT`), as it does during IDLE.
    package var announcesNewMail: Bool {
        switch self {
        case .exists, .recent: true
        default: false
        }
    }
}
