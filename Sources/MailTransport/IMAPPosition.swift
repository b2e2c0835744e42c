public import EscalationValues

/// Where a mail sits in an IMAP mailbox: its UID under the mailbox's UIDVALIDITY (RFC 3501
/// §2.3.1.1). Together they name one message for as long as the mailbox exists.
public struct IMAPPosition: Hashable, Sendable {
    public var uidValidity: UIDValidity
    public var uid: UID

    public init(uidValidity: UIDValidity, uid: UID) {
        self.uidValidity = uidValidity
        self.uid = uid
    }
}
