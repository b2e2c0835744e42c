import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway
import GatewayTestSupport
import MailTransport
import MailTransportCurl
import Testing

@Suite struct ConfigTests {
    private func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("eg-config-\(UUID().uuidString).toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    private var sample: String {
        get throws { try String(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/gateway.toml"), encoding: .utf8) }
    }

    @Test func theSampleConfigLoadsAsItIs() throws {
        let config = try GatewayConfig.load(path: TestWorkspace.repository.appendingPathComponent("Samples/gateway.toml").path)
        #expect(config.escalation.severities.map(\.name) == ["high", "medium"])
        #expect(config.escalation.policy.reescalationCooldown.seconds == 1800)
        #expect(config.sqlitePath!.hasSuffix("Samples/state/gateway.sqlite"))
    }

    @Test(arguments: [
        ("response = \"1h\"", "response = \"1 hour\"", "severity[0].response"),
        ("approval_rule = \"any\"\nadd_account_team", "approval_rule = \"most\"\nadd_account_team", "template[1].approval_rule"),
        ("kind = \"directory\"\npath = \"inbox\"", "kind = \"pop3\"\npath = \"inbox\"", "inbound.kind"),
        ("approvers = [\"vp-support@support.example\"]", "approvers = []", "template[1].approvers"),
        ("default_severity = \"high\"", "default_severity = \"critical\"", "template[1].default_severity"),
    ])
    func brokenConfigNamesTheKey(_ original: String, _ broken: String, _ key: String) throws {
        let text = try sample.replacingOccurrences(of: original, with: broken)
        #expect(text != (try sample))
        let url = try write(text)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ConfigError.self) { try GatewayConfig.load(path: url.path) }
        #expect(error.key == key)
        #expect(error.file == url.path)
    }

    @Test func tomlSyntaxErrorsGiveTheLine() throws {
        let url = try write("[gateway]\naddress = \"x@y.example\"\ndomain = \n")
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: ConfigError.self) { try GatewayConfig.load(path: url.path) }
        #expect(error.line == 3)
    }

    @Test func aBrokenDirectoryNamesTheKeyAndImportsNothing() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        _ = try gateway.importDirectory(path: workspace.directoryFile)
        let broken = workspace.folder.appendingPathComponent("broken.json")
        try
            #"{"accounts": [{"number": "ACC0000009", "name": "New"}], "contacts": [{"email": "x@new.example", "name": "X", "account": "ACC0000042"}]}"#
            .write(to: broken, atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigError.self) { try gateway.importDirectory(path: broken.path) }
        #expect(error.key == "contacts[0].account")
        #expect(try workspace.gateway().showReport("ACC0001001") != nil)
    }
}

@Suite struct MailboxStateTests {
    @Test func aChangedUIDValidityIsNoticedAndReceiptsStillSkipWhatWasApplied() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let raw = try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml")
        #expect(
            try gateway.process(InboundMail(raw: raw, mailbox: "INBOX", position: "a", imapPosition: try Self.position(validity: 7, uid: 3))).outcome
                == .applied)
        let renumbered = try gateway.process(
            InboundMail(raw: raw, mailbox: "INBOX", position: "b", imapPosition: try Self.position(validity: 9, uid: 1)))
        #expect(renumbered.outcome == .duplicate)
        let changed = try gateway.store.transaction { try $0.recordMailboxPosition(mailbox: "INBOX", uidValidity: 9, uid: 2) }
        #expect(changed == nil)
    }

    private static func position(validity: UInt32, uid: UInt32) throws -> IMAPPosition {
        IMAPPosition(uidValidity: try #require(UIDValidity(rawValue: validity)), uid: try #require(UID(rawValue: uid)))
    }
}

@Suite struct MailServerConfigTests {
    @Test func imapAndSMTPSectionsLoadWithPasswordsFromTheEnvironmentOrAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-mailcfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "s3cret\n".write(to: folder.appendingPathComponent("smtp.password"), atomically: true, encoding: .utf8)
        var text = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("Samples/gateway.toml"), encoding: .utf8)
        text = text.replacingOccurrences(
            of: "[inbound]\nkind = \"directory\"\npath = \"inbox\"",
            with: """
                [inbound]
                kind = "imap"
                url = "imaps://imap.support.example:993/Escalations"
                user = "escalations@support.example"
                password_env = "HOME"
                processed = "Done"
                poll_interval = "30s"
                batch_size = 50
                """)
        text = text.replacingOccurrences(
            of: "[outbound]\nkind = \"directory\"\npath = \"outbox\"",
            with: """
                [outbound]
                kind = "smtp"
                url = "smtp://smtp.support.example:587"
                user = "escalations@support.example"
                password_file = "smtp.password"
                helo = "gateway.support.example"
                """)
        let url = folder.appendingPathComponent("gateway.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let config = try GatewayConfig.load(path: url.path)
        guard case .imap(let imap) = config.inbound[0].source, case .smtp(let smtp) = config.outbound else {
            Issue.record("not imap and smtp")
            return
        }
        #expect(imap.mailbox == "Escalations")
        #expect(imap.processedFolder == "Done" && imap.failedFolder == "Failed")
        #expect(imap.credentials.security == .implicitTLS)
        #expect(smtp.credentials.security == .startTLS)
        #expect(smtp.credentials.password == "s3cret")
        #expect(config.pollInterval.seconds == 30 && config.batchSize == 50)

        let inline = text.replacingOccurrences(of: "password_file = \"smtp.password\"", with: "password = \"s3cret\"")
        try inline.write(to: url, atomically: true, encoding: .utf8)
        let error = try #require(throws: ConfigError.self) { try GatewayConfig.load(path: url.path) }
        #expect(error.key == "outbound.password")
    }
}
