import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback IMAP server that answers from a script, for what no real server can be made to
/// send (a UID of 0, a FETCH without its UID, a SELECT without UIDVALIDITY, a UIDVALIDITY that
/// changes between two connections). It takes any login, and answers each command with the
/// script's untagged lines for its verb, then `OK`. Connections are served one after the other,
/// the n-th with the n-th session; every command received is recorded.
final class ScriptedIMAPServer: @unchecked Sendable {
    struct Session {
        /// Untagged lines (each ending in `\r\n`) by verb: `SELECT`, `UID SEARCH`, `UID FETCH`…
        var answers: [String: String]
        /// The verb after whose answer the server closes the connection, as a dropped one does.
        var closesAfter: String?

        init(_ answers: [String: String], closesAfter: String? = nil) {
            self.answers = answers
            self.closesAfter = closesAfter
        }
    }

    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var received: [String] = []

    /// The commands received so far, without their tags.
    var commands: [String] { lock.withLock { received } }

    init(sessions: [Session]) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, address, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in
            for session in sessions {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                serve(client, session)
            }
        }
        thread.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ client: Int32, _ session: Session) {
        defer { close(client) }
        write("* OK scripted IMAP server ready\r\n", to: client)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            guard let lineFeed = pending.firstIndex(of: UInt8(ascii: "\n")) else {
                let count = recv(client, &chunk, chunk.count, 0)
                guard count > 0 else { return }
                pending += chunk[..<count]
                continue
            }
            let line = String(decoding: pending[..<lineFeed], as: UTF8.self).trimmingCharacters(in: .newlines)
            pending.removeFirst(lineFeed + 1)
            let parts = line.split(separator: " ", maxSplits: 1)
            let tag = parts.first.map(String.init) ?? "*"
            let command = parts.count > 1 ? String(parts[1]) : ""
            lock.withLock { received.append(command) }
            let words = command.uppercased().split(separator: " ")
            let verb = words.prefix(words.first == "UID" ? 2 : 1).joined(separator: " ")
            if verb == "LOGOUT" {
                write("* BYE logging out\r\n\(tag) OK done\r\n", to: client)
                return
            }
            let untagged = session.answers[verb] ?? (verb == "CAPABILITY" ? "* CAPABILITY IMAP4rev1 MOVE\r\n" : "")
            write(untagged + "\(tag) OK done\r\n", to: client)
            if verb == session.closesAfter { return }
        }
    }

    private func write(_ text: String, to client: Int32) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }
}
