/// One response of an IMAP server (RFC 3501 §7, `response` in §9), as `IMAPResponseParser`
/// reads it from the bytes.
package enum IMAPResponse: Equatable, Sendable {
    /// `G7 OK [READ-WRITE] Select completed.`: the end of the command tagged `G7`.
    case tagged(tag: String, IMAPStatusResponse)
    /// `* …`: data the server sends as part of a command's answer or on its own.
    case untagged(IMAPUntaggedResponse)
    /// `+ idling`: the server waits for the client (RFC 3501 §7.5; IDLE, RFC 2177).
    case continuation(text: String)
}
