import CCurl
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One untagged IMAP response (RFC 3501 §7): its text with literals cut out, and the literals.
struct IMAPResponse {
    var text: String
    var literals: [[UInt8]]
}

/// An IMAP session over libcurl's connect-only mode: curl does TCP, TLS or STARTTLS,
/// certificate checks and the login; the commands and responses (with literals) are ours,
/// so nothing is clipped, nothing is flagged `\Seen` behind our back, and IDLE is possible.
final class IMAPConnection {
    private let handle: UnsafeMutableRawPointer
    private var socket: curl_socket_t = -1
    private var buffer: [UInt8] = []
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
    /// - Throws: `CurlError` with the server's words on NO or BAD, or on a broken connection.
    @discardableResult
    func command(_ text: String) throws -> [IMAPResponse] {
        tags += 1
        let tag = "G\(tags)"
        try send("\(tag) \(text)\r\n")
        var responses: [IMAPResponse] = []
        while true {
            let response = try readResponse()
            if response.text.hasPrefix(tag + " ") {
                let status = response.text.dropFirst(tag.count + 1)
                guard status.hasPrefix("OK") else { throw CurlError(message: "IMAP \(text.split(separator: " ").first ?? ""): \(status)") }
                return responses
            }
            responses.append(response)
        }
    }

    /// IMAP IDLE (RFC 2177): waits until the server reports new mail (`EXISTS`), `seconds`
    /// pass, or a signal interrupts; then ends the IDLE. Returns whether new mail was reported.
    func idle(seconds: Double) throws -> Bool {
        tags += 1
        let tag = "G\(tags)"
        try send("\(tag) IDLE\r\n")
        guard try readResponse().text.hasPrefix("+") else { throw CurlError(message: "IMAP server refused IDLE") }
        let deadline = Date().addingTimeInterval(seconds)
        var newMail = false
        while !newMail, Date() < deadline {
            if buffer.isEmpty {
                var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                let wait = Int32(max(1, min(1000, deadline.timeIntervalSinceNow * 1000)))
                if poll(&descriptor, 1, wait) <= 0 { continue }
            }
            let response = try readResponse()
            newMail = response.text.hasSuffix(" EXISTS") || response.text.hasSuffix(" RECENT")
        }
        try send("DONE\r\n")
        while true {
            let response = try readResponse()
            if response.text.hasPrefix(tag + " ") {
                guard response.text.dropFirst(tag.count + 1).hasPrefix("OK") else { throw CurlError(message: "IMAP IDLE: \(response.text)") }
                return newMail
            }
            // Ending IDLE makes the server look at the mailbox: new mail may be told here.
            newMail = newMail || response.text.hasSuffix(" EXISTS") || response.text.hasSuffix(" RECENT")
        }
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

    /// Reads one response line, with any literals (`{n}`) it carries.
    private func readResponse() throws -> IMAPResponse {
        var text = ""
        var literals: [[UInt8]] = []
        while true {
            let line = try readLine()
            if let size = Self.literalSize(line) {
                let openBrace = line.lastIndex(of: UInt8(ascii: "{")) ?? line.endIndex
                text += String(decoding: line[..<openBrace], as: UTF8.self) + "{}"
                literals.append(try readBytes(size))
            } else {
                text += String(decoding: line, as: UTF8.self)
                return IMAPResponse(text: text, literals: literals)
            }
        }
    }

    /// `{123}` or `{123+}` at the end of a line.
    private static func literalSize(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        let digits = line[(open + 1)..<(line.count - 1)].filter { $0 != UInt8(ascii: "+") }
        return Int(String(decoding: digits, as: UTF8.self))
    }

    private func readLine() throws -> [UInt8] {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<end])
                buffer.removeFirst(end + 1)
                if line.last == 0x0D { line.removeLast() }
                return line
            }
            try fill()
        }
    }

    private func readBytes(_ count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Receives what curl has (TLS may hold decrypted bytes the socket no longer shows), and
    /// waits on the socket only when curl has nothing.
    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            var received = 0
            let code = chunk.withUnsafeMutableBytes { curl_easy_recv(handle, $0.baseAddress, $0.count, &received) }
            if code == CURLE_AGAIN {
                try wait(for: Int16(POLLIN))
                continue
            }
            guard code == CURLE_OK else { throw CurlError(code, context: "IMAP receive") }
            guard received > 0 else { throw CurlError(message: "IMAP server closed the connection") }
            buffer.append(contentsOf: chunk[..<received])
            return
        }
    }

    private func wait(for events: Int16) throws {
        var descriptor = pollfd(fd: socket, events: events, revents: 0)
        let ready = poll(&descriptor, 1, timeoutMilliseconds)
        guard ready > 0 else { throw CurlError(message: ready == 0 ? "IMAP server did not answer within \(timeoutMilliseconds / 1000) s" : "IMAP poll failed") }
    }
}
