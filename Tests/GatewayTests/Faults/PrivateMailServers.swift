import Foundation
import GatewayTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A Dovecot and Postfix of one test's own (`Tests/mailserver/start.sh` into a fresh folder),
/// so that the test may stop, restart and misconfigure them without touching other tests.
/// Its state is fixed at start; the servers it drives are the shared part, and one test at a
/// time drives them.
final class PrivateMailServers: @unchecked Sendable {
    let state: URL
    let imapPort: Int
    let smtpPort: Int
    let caFile: String

    /// Nil outside the test script (which installs the servers); the caller skips, saying so.
    init?() throws {
        guard ProcessInfo.processInfo.environment["EG_MAIL_STATE"] != nil else { return nil }
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("eg-servers-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        state = parent.appendingPathComponent("mail")
        let exports = try Self.shell(["bash", TestWorkspace.repository.appendingPathComponent("Tests/mailserver/start.sh").path, state.path])
        var values: [String: String] = [:]
        for pair in exports.split(whereSeparator: { $0 == " " || $0 == "\n" }) where pair.contains("=") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            values[String(parts[0])] = String(parts[1])
        }
        guard let imap = values["EG_IMAP_PORT"].flatMap(Int.init), let smtp = values["EG_SMTP_PORT"].flatMap(Int.init), let ca = values["EG_CA_FILE"]
        else {
            throw HarnessError("start.sh printed no ports: \(exports)")
        }
        imapPort = imap
        smtpPort = smtp
        caFile = ca
    }

    deinit {
        _ = try? Self.shell(["bash", TestWorkspace.repository.appendingPathComponent("Tests/mailserver/stop.sh").path, state.path])
        try? FileManager.default.removeItem(at: state.deletingLastPathComponent())
    }

    var postfixConfig: String { state.appendingPathComponent("postfix").path }
    var dovecotConfig: String { state.appendingPathComponent("dovecot.conf").path }

    /// Stops Dovecot as a crash or a reboot would: every process of it, open sessions included
    /// (`doveadm stop` leaves running sessions, and their listeners, alive).
    func stopIMAP() throws {
        let pid = try String(contentsOf: state.appendingPathComponent("dovecot-run/master.pid"), encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
        try Self.shell(["bash", "-c", "kill -9 -$(ps -o pgid= -p \(pid) | tr -d ' ')"])
        try waitForPort(imapPort, open: false)
    }

    func startIMAP() throws {
        try Self.shell(["dovecot", "-c", dovecotConfig])
        try waitForPort(imapPort, open: true)
    }

    func stopSMTP() throws {
        try Self.shell(["postfix", "-c", postfixConfig, "stop"])
        try waitForPort(smtpPort, open: false)
    }

    func startSMTP() throws {
        try Self.shell(["postfix", "-c", postfixConfig, "start"])
        try waitForPort(smtpPort, open: true)
    }

    /// Makes Postfix answer every client with `reply` (e.g. `421 4.3.2 Try again later`) at
    /// RCPT, or answer normally again with nil.
    func answerEveryClient(with reply: String?) throws {
        let restriction = reply.map { "check_client_access inline:{ { 127.0.0.1 = \($0) } }" } ?? ""
        try Self.shell(["postconf", "-c", postfixConfig, "-e", "smtpd_client_restrictions = \(restriction)"])
        try Self.shell(["postfix", "-c", postfixConfig, "reload"])
        Thread.sleep(forTimeInterval: 1)
        // Sessions already open keep the old rules: end them, as a restarting server does.
        let master = try String(contentsOf: URL(fileURLWithPath: postfixConfig).appendingPathComponent("spool/pid/master.pid"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try? Self.shell(["pkill", "-TERM", "-P", master, "smtpd"])
    }

    /// Postfix's queue listing (`postqueue -p`), for a failure message.
    func queueListing() -> String {
        (try? Self.shell(["postqueue", "-c", postfixConfig, "-p"])) ?? ""
    }

    /// The Maildir of a mailbox.
    func maildir(of user: String) -> URL {
        state.appendingPathComponent("mail").appendingPathComponent(user.lowercased())
    }

    /// Delivers mail straight into a user's Maildir (`new/`), as LMTP would, owned by the mail user.
    func drop(_ raw: [UInt8], into user: String, name: String) throws {
        let new = maildir(of: user).appendingPathComponent("new")
        let temporary = maildir(of: user).appendingPathComponent("tmp/\(name)")
        try Data(raw).write(to: temporary)
        try Self.shell(["chown", "mail:mail", temporary.path])
        try FileManager.default.moveItem(at: temporary, to: new.appendingPathComponent("\(name):2,"))
    }

    /// The Message-IDs of every mail in a user's mailbox folders (INBOX and the rest), one per copy.
    func messageIDs(of user: String) -> [String] {
        guard let files = FileManager.default.enumerator(at: maildir(of: user), includingPropertiesForKeys: nil) else { return [] }
        var ids: [String] = []
        for case let file as URL in files where ["new", "cur"].contains(file.deletingLastPathComponent().lastPathComponent) {
            guard let data = try? Data(contentsOf: file) else { continue }
            let head = String(decoding: data.prefix(8192), as: UTF8.self)
            let lines = head.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
            for line in lines.prefix(while: { !$0.isEmpty }) where line.lowercased().hasPrefix("message-id:") {
                ids.append(line.dropFirst(11).trimmingCharacters(in: CharacterSet(charactersIn: " <>\t")))
            }
        }
        return ids
    }

    /// How many times Postfix took each Message-ID into its queue (the client's final dot
    /// accepted: `qmgr` picked the queue file up), read from its log. This counts what a client
    /// sent; a copy Postfix itself delivers twice (an LMTP session cut after Dovecot stored the
    /// mail) shows in the mailbox but not here.
    func acceptedSubmissions() -> [String: Int] {
        guard let log = try? String(contentsOf: state.appendingPathComponent("postfix/maillog"), encoding: .utf8) else { return [:] }
        var messageIDOfQueueFile: [Substring: String] = [:]
        var counts: [String: Int] = [:]
        var queued: Set<Substring> = []
        for line in log.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 6)
            guard fields.count == 7 else { continue }
            let queueFile = fields[5].dropLast()
            if fields[4].hasPrefix("postfix/cleanup"), fields[6].hasPrefix("message-id=") {
                messageIDOfQueueFile[queueFile] = fields[6].dropFirst(11).trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            } else if fields[4].hasPrefix("postfix/qmgr"), fields[6].hasPrefix("from="), !queued.contains(queueFile),
                let messageID = messageIDOfQueueFile[queueFile]
            {
                queued.insert(queueFile)
                counts[messageID, default: 0] += 1
            }
        }
        return counts
    }

    /// Mail Postfix still has to deliver: queue entries with a recipient. An entry without one
    /// is a reception cut off mid-transaction (a session ended by `answerEveryClient`), which
    /// Postfix discards later and which holds no mail.
    func queuedMails() -> Int {
        queueListing().components(separatedBy: "\n\n").filter { block in
            let lines = block.split(separator: "\n").filter { !$0.hasPrefix("-") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            return lines.count >= 2 && !block.contains("Mail queue is empty")
        }.count
    }

    private func waitForPort(_ port: Int, open: Bool) throws {
        for _ in 0..<100 {
            if Self.portIsOpen(port) == open { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError("port \(port) did not \(open ? "open" : "close")")
    }

    private static func portIsOpen(_ port: Int) -> Bool {
        (try? shell(["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\(port)"])) != nil
    }

    /// Runs a command to completion (posix_spawn and waitpid: Foundation's `Process` can miss
    /// the exit of a script that starts daemons); returns its output, throws on a non-zero exit.
    @discardableResult
    static func shell(_ arguments: [String]) throws -> String {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("eg-shell-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        let environment: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/sbin:/usr/bin:/sbin:/bin"), nil]
        defer { for variable in environment { free(variable) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/usr/bin/env", &actions, nil, argv, environment) == 0 else { throw HarnessError("cannot start \(arguments[0])") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        guard status == 0 else { throw HarnessError("\(arguments.joined(separator: " ")) exited with status \(status)") }
        return text
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
