import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An IMAP session over libcurl's connect-only mode: curl does TCP, TLS or STARTTLS,
/// certificate checks and the login; the commands and responses (with literals) are ours,
/// so nothing is clipped, nothing is flagged `\Seen` behind our back, and IDLE is possible.
/// The connection only moves bytes: `IMAPResponseParser` reads what arrives.
final class IMAPConnection {
    private let handle: UnsafeMutableRawPointer
    private var socket: curl_socket_t = -1
    private var parser = IMAPResponseParser()
    /// Where received bytes land before the parser takes them; one buffer for the session.
    private var chunk = [UInt8](repeating: 0, count: 65_536)
    private var tags = 0
    private let timeoutMilliseconds: Int32

    /// Connects and logs in. - Throws: `CurlError` with curl's words (refused, TLS, login).
    init(credentials: ServerCredentials, timeoutSeconds: Int = 30) throws {
        _ = CurlGlobal.initialized
        guard let handle = curl_easy_init() else { throw CurlError(message: "curl_easy_init failed") }
        self.handle = handle
        timeoutMilliseconds = Int32(timeoutSeconds * 1000)
        ccurl_setopt_string(handle, CURLOPT_URL, credentials.url)
        ccurl_setopt_long(handle, CURLOPT_CONNECT_ONLY, 1)
        ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, timeoutSeconds)
        if credentials.security == .startTLS { ccurl_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let caFile = credentials.caFile { ccurl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        if let user = credentials.user { ccurl_setopt_string(handle, CURLOPT_USERNAME, user) }
        if let password = credentials.password { ccurl_setopt_string(handle, CURLOPT_PASSWORD, password) }
        let code = curl_easy_perform(handle)
        // Every stored property is set: a throw from here on runs deinit, which cleans the handle up.
        guard code == CURLE_OK else { throw CurlError(code, context: "IMAP connect to \(credentials.url)") }
        ccurl_getinfo_socket(handle, &socket)
    }

    deinit {
        _ = try? send("ZZ LOGOUT\r\n")
        curl_easy_cleanup(handle)
    }

    /// Runs one tagged command and returns its untagged responses.
    /// - Throws: `CurlError` with the server's words on NO or BAD, or on a broken connection;
    ///   `IMAPParseError` for a response that does not follow the grammar.
    @discardableResult
    func command(_ text: String) throws -> [IMAPUntaggedResponse] {
        let tag = nextTag()
        let verb = text.split(separator: " ").prefix(text.hasPrefix("UID ") ? 2 : 1).joined(separator: " ")
        try send("\(tag) \(text)\r\n")
        var responses: [IMAPUntaggedResponse] = []
        while true {
            switch try nextResponse() {
            case .untagged(let response):
                responses.append(response)
            case .tagged(tag, let status):
                guard status.status == .ok else { throw CurlError(message: "IMAP \(verb): \(status)") }
                return responses
            case .tagged(let other, let status):
                throw CurlError(message: "IMAP \(verb): the server answered a command it was not given (\(other) \(status))")
            case .continuation(let text):
                throw CurlError(message: "IMAP \(verb): the server asked for more (+ \(text)) where no literal was sent")
            }
        }
    }

    /// IMAP IDLE (RFC 2177): waits until the server reports new mail (`EXISTS`), `seconds`
    /// pass, or a signal interrupts; then ends the IDLE. Returns whether new mail was reported.
    func idle(seconds: Double) throws -> Bool {
        let tag = nextTag()
        try send("\(tag) IDLE\r\n")
        var newMail = false
        waitingForIdle: while true {
            switch try nextResponse() {
            case .continuation: break waitingForIdle
            case .untagged(let response): newMail = newMail || response.announcesNewMail
            case .tagged(_, let status): throw CurlError(message: "IMAP server refused IDLE: \(status)")
            }
        }
        let deadline = Date().addingTimeInterval(seconds)
        while !newMail, Date() < deadline {
            if let response = try parser.next() {
                if case .untagged(let untagged) = response { newMail = untagged.announcesNewMail }
                continue
            }
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let wait = Int32(max(1, min(1000, deadline.timeIntervalSinceNow * 1000)))
            if poll(&descriptor, 1, wait) > 0 { try fill() }
        }
        try send("DONE\r\n")
        while true {
            switch try nextResponse() {
            case .tagged(tag, let status):
                guard status.status == .ok else { throw CurlError(message: "IMAP IDLE: \(status)") }
                return newMail
            case .untagged(let response):
                // Ending IDLE makes the server look at the mailbox: new mail may be told here.
                newMail = newMail || response.announcesNewMail
            case .tagged, .continuation:
                continue
            }
        }
    }

    private func nextTag() -> String {
        tags += 1
        return "G\(tags)"
    }

    private func send(_ text: String) throws {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            var sent = 0
            let code = bytes.withUnsafeMutableBytes { buffer in
                curl_easy_send(handle, buffer.baseAddress?.advanced(by: offset), buffer.count - offset, &sent)
            }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLOUT))
                continue
            }
            guard code == CURLE_OK else { throw CurlError(code, context: "IMAP send") }
            offset += sent
        }
    }

    /// The next response, receiving until one is complete.
    private func nextResponse() throws -> IMAPResponse {
        while true {
            if let response = try parser.next() { return response }
            try fill()
        }
    }

    /// Receives what curl has (TLS may hold decrypted bytes the socket no longer shows), and
    /// waits on the socket only when curl has nothing.
    private func fill() throws {
        while true {
            var received = 0
            let code = chunk.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress, $0.count, &received) }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLIN))
                continue
            }
            guard code == CURLE_OK else { throw CurlError(code, context: "IMAP receive") }
            guard received > 0 else {
                try parser.finish()
                throw CurlError(message: "IMAP server closed the connection")
            }
            parser.append(chunk[..<received])
            return
        }
    }

    private func wait(for events: Int16) throws {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        guard ready > 0 else {
            throw CurlError(message: ready == 0 ? "IMAP server did not answer within \(timeoutMilliseconds / 1000) s" : "IMAP poll failed")
        }
    }
}
