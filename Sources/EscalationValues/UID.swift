/// The unique identifier of a message in an IMAP mailbox (RFC 3501 §2.3.1.1, `uniqueid =
/// nz-number`): a nonzero 32-bit number that grows in the order mail arrives, valid for as long
/// as the mailbox keeps its `UIDValidity`. On the wire: `* 3 FETCH (UID 17 BODY[] {512}…)`.
public struct UID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    /// Nil for 0, which no message has.
    public init?(rawValue: UInt32) {
        guard rawValue != 0 else { return nil }
        self.rawValue = rawValue
    }

    public static func < (lhs: UID, rhs: UID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The number as IMAP commands write it, `17`.
    public var description: String { String(rawValue) }
}
