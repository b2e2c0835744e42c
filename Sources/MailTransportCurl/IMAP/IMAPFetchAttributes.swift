package import EscalationValues

/// What a `FETCH` response carries of one message (RFC 3501 §7.4.2, `msg-att`): the attributes
/// the gateway asks for, each nil when the response did not carry it. Other attributes
/// (`ENVELOPE`, `BODYSTRUCTURE`, sections such as `BODY[HEADER]`) are read over and dropped.
package struct IMAPFetchAttributes: Equatable, Sendable {
    /// `UID 17`.
    package var uid: UID?
    /// `FLAGS (\Seen \Answered)`.
    package var flags: [String]?
    /// `RFC822.SIZE 512`: the message's size in bytes.
    package var size: Int?
    /// `INTERNALDATE "17-Jul-2026 02:44:25 -0700"`: the date as the server wrote it.
    package var internalDate: String?
    /// `BODY[] {512}…` or `RFC822 {512}…`: the whole message, byte for byte.
    package var message: [UInt8]?

    package init(uid: UID? = nil, flags: [String]? = nil, size: Int? = nil, internalDate: String? = nil, message: [UInt8]? = nil) {
        self.uid = uid
        self.flags = flags
        self.size = size
        self.internalDate = internalDate
        self.message = message
    }
}
