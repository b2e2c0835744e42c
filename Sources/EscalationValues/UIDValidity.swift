/// The UIDVALIDITY of an IMAP mailbox (RFC 3501 §2.3.1.1): a nonzero 32-bit number that names
/// one numbering of its messages. A UID means the same message only under the same validity;
/// a new validity (the mailbox was recreated or renumbered) makes every UID a new one. On the
/// wire: `* OK [UIDVALIDITY 1700000000] UIDs valid`. Validities are compared only for equality.
public struct UIDValidity: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    /// Nil for 0, which RFC 3501 §9 (`nz-number`) does not allow.
    public init?(rawValue: UInt32) {
        guard rawValue != 0 else { return nil }
        self.rawValue = rawValue
    }

    /// The number as the server wrote it, `1700000000`.
    public var description: String { String(rawValue) }
}
