/// A status response (RFC 3501 §7.1, `resp-cond-state`, `resp-cond-bye`, `resp-cond-auth`):
/// `NO [ALREADYEXISTS] Mailbox already exists`.
package struct IMAPStatusResponse: Equatable, Sendable, CustomStringConvertible {
    package var status: IMAPStatus
    /// The bracketed response code, `[UIDVALIDITY 1700000000]`, when the server gave one.
    package var code: IMAPResponseCode?
    /// The human-readable text after the status and code; may be empty.
    package var text: String

    package init(status: IMAPStatus, code: IMAPResponseCode? = nil, text: String) {
        self.status = status
        self.code = code
        self.text = text
    }

    /// The server's words as it sent them: `NO [ALREADYEXISTS] Mailbox already exists`.
    package var description: String {
        [status.rawValue, code?.description, text.isEmpty ? nil : text].compactMap { $0 }.joined(separator: " ")
    }
}

/// The status word of a status response (RFC 3501 §7.1).
package enum IMAPStatus: String, Sendable {
    case ok = "OK"
    case no = "NO"
    case bad = "BAD"
    case preauth = "PREAUTH"
    case bye = "BYE"
}
