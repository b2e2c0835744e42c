/// Where and how to log in to a mail server. The password comes from a file or the
/// environment at start-up; it is never logged.
public struct ServerCredentials: Sendable {
    public enum Security: String, Sendable {
        /// `imaps://` or `smtps://`: TLS from the first byte.
        case implicitTLS
        /// `imap://` or `smtp://` upgraded with STARTTLS, which is required.
        case startTLS
        /// No TLS at all: only for loopback tests, set explicitly with `tls = "none"`.
        case none
    }

    public var url: String
    public var user: String?
    public var password: String?
    public var caFile: String?
    public var security: Security

    public init(url: String, user: String?, password: String?, caFile: String?, security: Security) {
        self.url = url
        self.user = user
        self.password = password
        self.caFile = caFile
        self.security = security
    }
}
