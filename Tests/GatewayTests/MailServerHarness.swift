import Foundation
import GatewayTestSupport
import MailMessage
import MailTransport
import MailTransportCurl

/// The loopback Dovecot and Postfix that `Tests/scripts/test.sh` starts (their ports arrive in
/// `EG_*` variables), a world of fresh addresses for one test, and the gateway binary running
/// against them as a separate process.
struct MailServerHarness {
    let imapPort: Int
    let smtpPort: Int
    let caFile: String
    /// A suffix that makes every address of this test fresh, so that tests never share mailboxes.
    let run: String
    let workspace: URL
    private var process: Process?

    /// Nil when the servers are not running (outside the test script); the caller skips, saying so.
    init?() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let imap = environment["EG_IMAP_PORT"].flatMap(Int.init), let smtp = environment["EG_SMTP_PORT"].flatMap(Int.init),
            let ca = environment["EG_CA_FILE"]
        else { return nil }
        imapPort = imap
        smtpPort = smtp
        caFile = ca
        run = String(UUID().uuidString.prefix(8)).lowercased()
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("eg-e2e-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        try writeConfig()
    }

    /// `name-<run>@example.test`.
    func address(_ name: String) -> String { "\(name)-\(run)@example.test" }

    var configPath: String { workspace.appendingPathComponent("gateway.toml").path }

    private func writeConfig() throws {
        let sample = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/gateway.toml"), encoding: .utf8)
        let rules = String(sample[sample.range(of: "[[severity]]")!.lowerBound...])
            .replacingOccurrences(of: "duty-manager@support.example", with: address("duty-manager"))
            .replacingOccurrences(of: "vp-support@support.example", with: address("vp-support"))
            .replacingOccurrences(of: "reescalation_cooldown = \"30m\"", with: "reescalation_cooldown = \"0s\"")
        let config = """
            [gateway]
            address = "\(address("escalations"))"
            domain = "example.test"
            database = "state/gateway.sqlite"
            templates = "\(TestWorkspace.repository.path)/MailTemplates"
            poll_interval = "1s"

            [inbound]
            kind = "imap"
            url = "imap://127.0.0.1:\(imapPort)/INBOX"
            user = "\(address("escalations"))"
            password_env = "EG_TEST_PASSWORD"
            ca_file = "\(caFile)"

            [outbound]
            kind = "smtp"
            url = "smtp://127.0.0.1:\(smtpPort)"
            ca_file = "\(caFile)"
            helo = "gateway.example.test"

            \(rules)
            """
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        var directory = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/directory.json"), encoding: .utf8)
        for name in ["jane", "raj", "bob", "agent1", "agent2", "duty-manager", "vp-support", "t2-manager", "em", "am", "am2"] {
            for domain in ["acme.example", "globex.example", "support.example"] {
                directory = directory.replacingOccurrences(of: "\"\(name)@\(domain)\"", with: "\"\(address(name))\"")
            }
        }
        directory = directory.replacingOccurrences(of: "\"acme.example\"", with: "\"example.test\"")
        try directory.write(to: workspace.appendingPathComponent("directory.json"), atomically: true, encoding: .utf8)
    }

    var binary: URL { GatewayCLI.binary }

    /// Runs a CLI command of the gateway to completion; returns its standard output.
    @discardableResult
    func cli(_ arguments: [String]) throws -> String {
        try GatewayCLI.run(arguments + ["--config", configPath], environment: ["EG_TEST_PASSWORD": "secret"]).output
    }

    /// Starts `escalation-gateway run` as its own process.
    mutating func startGateway() throws {
        try cli(["import", workspace.appendingPathComponent("directory.json").path])
        let process = Process()
        process.executableURL = binary
        process.arguments = ["run", "--config", configPath]
        process.environment = ["EG_TEST_PASSWORD": "secret", "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Stops the gateway with SIGTERM and waits for it.
    func stopGateway() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    private func credentials(url: String, user: String?) -> ServerCredentials {
        ServerCredentials(url: url, user: user, password: user == nil ? nil : "secret", caFile: caFile, security: .startTLS)
    }

    /// The SMTP transport pointed at the loopback Postfix.
    func smtpSink() -> SMTPSink {
        SMTPSink(credentials: credentials(url: "smtp://127.0.0.1:\(smtpPort)", user: nil), helo: "client.example.test", envelopeFrom: nil)
    }

    /// Submits a mail over SMTP, as a mail client would.
    func submit(from: String, to: [String], raw: String) throws {
        let sink = SMTPSink(credentials: credentials(url: "smtp://127.0.0.1:\(smtpPort)", user: nil), helo: "client.example.test", envelopeFrom: nil)
        _ = try sink.deliver(Envelope(sequence: 0, messageID: "", from: from, recipients: to, raw: Array(raw.utf8)))
    }

    /// The mail in a user's folder (read without flags changing).
    func mails(of user: String, folder: String = "INBOX") throws -> [Mail] {
        let source = IMAPSource(
            credentials: credentials(url: "imap://127.0.0.1:\(imapPort)/\(folder)", user: user), mailbox: folder, processedFolder: "Processed",
            failedFolder: "Failed")
        return try source.fetch(limit: 1000).map { try Mail(parsing: $0.raw) }
    }

    /// Waits (up to `seconds`) for a mail in the user's INBOX that satisfies `match`.
    func waitForMail(to user: String, seconds: Double = 20, where match: (Mail) -> Bool) throws -> Mail? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let mail = try mails(of: user).last(where: match) { return mail }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    /// A reply to `original` as a mail client writes it: to its Reply-To, `Re:` subject,
    /// In-Reply-To and References, the original quoted below.
    func reply(to original: Mail, from: String, body: String, id: String) -> (raw: String, to: String) {
        let target = original.replyTo.first?.address ?? original.from?.address ?? ""
        let references = (original.references + [original.messageID ?? ""]).map { "<\($0)>" }.joined(separator: " ")
        let quoted = (original.textBody ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }.joined(separator: "\r\n")
        let raw = """
            From: \(from)\r
            To: \(target)\r
            Subject: \(EncodedWord.encodeIfNeeded("Re: " + original.subject))\r
            Date: \(MailDate.format(Date()))\r
            Message-ID: <\(id)@example.test>\r
            In-Reply-To: <\(original.messageID ?? "")>\r
            References: \(references)\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            \r
            On \(MailDate.format(Date())), Escalations wrote:\r
            \(quoted)\r

            """
        return (raw, target)
    }

    func remove() {
        stopGateway()
        try? FileManager.default.removeItem(at: workspace)
    }
}
