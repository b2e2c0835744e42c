import Crypto
import Foundation
import Gateway
import GatewayTestSupport
import MailMessage
import MailTransport
import Testing

@testable import EscalationStore

/// Outsiders cannot silence or block the gateway (issue 18): one test per attack, each asserting
/// that state is unchanged and what is sent, and to whom.
@Suite struct OutsiderTests {
    private let duty = "duty-manager@support.example"
    private let groupManager = "t2-manager@support.example"
    private let owner = "agent1@support.example"

    private func pendingCase(extraConfig: String = "") throws -> (SecurityHarness, Mail) {
        var harness = try SecurityHarness(extraConfig: extraConfig)
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        return (harness, approval)
    }

    private func suppressed(_ harness: SecurityHarness) throws -> [String] {
        try harness.gateway.store.read { session in try session.values("SELECT address FROM suppression ORDER BY address") }
    }

    // MARK: Finding 1: forged bounces

    @Test func outgoingMessageIDsCannotBeComputedFromTheCause() throws {
        var (harness, _) = try pendingCase()
        defer { harness.remove() }
        let forged = try harness.write(
            from: "mallory@evil.example", subject: "Re: [CS0001234] Login fails", body: "APPROVE [ref:r1xaaaaaaaaaaaaaaaaaaaaaaaa]")
        #expect(forged.outcome == .refused)
        let told = try #require(forged.sent.first { $0.to == [duty] })
        let guessable = (0..<3).map { index in
            SHA256.hash(data: Array("<new-1@test.example>#\(index)#decision-not-accepted".utf8)).map { String(format: "%02x", $0) }.joined().prefix(
                32)
        }
        #expect(!guessable.contains { told.messageId.hasPrefix($0) })
        for (index, guess) in guessable.enumerated() {
            let bounce = try harness.send(
                SecurityHarness.deliveryStatus(index, messageID: "\(guess)@support.example", recipient: duty, status: "5.1.1"))
            #expect(bounce.outcome == .ignored)
            #expect(bounce.reason == "bounce for mail the gateway did not send")
        }
        #expect(try suppressed(harness).isEmpty)
    }

    /// The same mail processed afresh under the same secret gets the same Message-IDs (a resend
    /// after a crash is the same mail); under another secret, other ones.
    @Test func messageIDsAreStableUnderOneSecretAndDifferUnderAnother() throws {
        let secretFolder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-secret-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: secretFolder) }
        try FileManager.default.createDirectory(at: secretFolder, withIntermediateDirectories: true)
        let shared = "[security]\ntoken_secret_file = \"\(secretFolder.path)/token.secret\"\n"
        var runs: [[String]] = []
        for extra in [shared, shared, ""] {
            var harness = try SecurityHarness(extraConfig: extra)
            defer { harness.remove() }
            runs.append(try harness.escalate().sent.map(\.messageId))
        }
        #expect(runs[0].count == 4)
        #expect(runs[0] == runs[1])
        #expect(Set(runs[0]).isDisjoint(with: runs[2]))
    }

    @Test func aGenuineBounceWithoutStatusIsTemporary() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let id = try #require(approval.messageID)
        for index in 0..<4 {
            let outcome = try harness.send(SecurityHarness.deliveryStatus(index, messageID: id, recipient: duty, status: nil))
            #expect(outcome.outcome == .ignored)
            #expect(outcome.reason.contains("(temporary)"))
        }
        #expect(try suppressed(harness).isEmpty)
        _ = try harness.escalate("CS0001235", from: "raj@acme.example")
        #expect(try harness.allSent().first { $0.kind == "approval-requested" && $0.recipients == [duty] && $0.subject.contains("CS0001235") } != nil)
    }

    @Test func aBounceWithA4xxStatusIsTemporary() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        for index in 0..<4 {
            _ = try harness.send(SecurityHarness.deliveryStatus(index, messageID: try #require(approval.messageID), recipient: duty, status: "4.2.2"))
        }
        #expect(try suppressed(harness).isEmpty)
    }

    @Test func aBounceNamingNoneOfTheRecipientsCountsAgainstNobody() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let acknowledgement = try #require(try harness.allSent().first { $0.kind == "request-received" })
        for (index, id) in [try #require(approval.messageID), acknowledgement.messageID, acknowledgement.messageID].enumerated() {
            let outcome = try harness.send(
                SecurityHarness.deliveryStatus(index, messageID: id, recipient: "someone-else@elsewhere.example", status: "5.1.1"))
            #expect(outcome.outcome == .ignored)
            #expect(outcome.reason.hasPrefix("bounce names none of the recipients"))
        }
        #expect(try suppressed(harness).isEmpty)
        #expect(try harness.allSent().filter { $0.kind == "address-suppressed" }.isEmpty)
    }

    @Test func onlyTheNamedRecipientIsCountedAndTheOwnerIsToldOfASuppressedApprover() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        for index in 0..<2 {
            _ = try harness.send(SecurityHarness.deliveryStatus(index, messageID: try #require(approval.messageID), recipient: duty, status: "5.1.1"))
        }
        #expect(try suppressed(harness) == [duty])
        let told = try harness.allSent().filter { $0.kind == "address-suppressed" }
        #expect(told.map(\.recipients) == [[owner]])
    }

    @Test func subjectWordsAloneDoNotMakeABounce() throws {
        var (harness, _) = try pendingCase()
        defer { harness.remove() }
        for subject in ["Undeliverable: your mail", "Returned mail: see transcript", "Delivery failure on our side"] {
            let outcome = try harness.write(
                from: "jane@acme.example", subject: "\(subject) [CS0001234]", body: "Our mail server lost your last mail, please call me.")
            #expect(
                outcome.outcome != .ignored && !outcome.reason.contains("bounce"), "\(subject) made a customer's mail a bounce: \(outcome.reason)")
            #expect(outcome.sent.contains { $0.to == ["jane@acme.example"] }, "the customer is answered")
        }
    }

    // MARK: Finding 2: poison duplicates

    @Test func theSameMessageIDFromTheSameSenderIsADuplicateWhateverItsBody() throws {
        var (harness, _) = try pendingCase()
        defer { harness.remove() }
        let raw = { (body: String) in
            "From: jane@acme.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] update\r\nMessage-ID: <same@acme.example>\r\n\r\n\(body)\r\n"
        }
        let first = try harness.send(raw("We still see the errors."))
        #expect(first.outcome != .duplicate && !first.sent.isEmpty)
        let before = try harness.allSent().count
        let second = try harness.send(raw("We still see the errors.\r\n--\r\nSent through the Acme list server"))
        #expect(second.outcome == .duplicate)
        #expect(second.sent.isEmpty)
        #expect(try harness.allSent().count == before)
        #expect(try harness.subject("CS0001234").journal.filter { $0.cause == "same@acme.example" }.count == 1)
        let copies = try harness.gateway.store.read { session in
            try session.values("SELECT outcome FROM receipt WHERE message_id = 'same@acme.example' ORDER BY id") as [String]
        }
        #expect(copies == [first.outcome.rawValue, "duplicate"])
    }

    @Test func theSameMessageIDFromAnotherSenderIsItsOwnMail() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let stolen = try #require(approval.messageID)
        let own = try harness.send(
            "From: jane@acme.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] news\r\nMessage-ID: <taken@acme.example>\r\n\r\nAny news?\r\n"
        )
        let forged = try harness.send(
            "From: mallory@evil.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] news\r\nMessage-ID: <taken@acme.example>\r\n\r\nAPPROVE\r\n"
        )
        #expect(own.outcome != .duplicate && forged.outcome != .duplicate)
        #expect(forged.outcome == .refused)
        #expect(Set(own.sent.map(\.messageId)).isDisjoint(with: forged.sent.map(\.messageId)))
        let echo = try harness.send(
            "From: raj@acme.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] news\r\nMessage-ID: <\(stolen)>\r\n\r\nHello\r\n")
        #expect(echo.outcome != .failed)
    }

    @Test func aBatchFullOfSameIDMailFromOthersNeverBlocksRealMail() throws {
        var harness = try SecurityHarness(extraConfig: "")
        defer { harness.remove() }
        _ = try harness.write(from: "jane@acme.example", subject: "[CS0001234] first", body: "We need help.")
        let inbox = harness.workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for index in 0..<6 {
            let raw =
                "From: forger\(index)@evil.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] x\r\nMessage-ID: <new-1@test.example>\r\n\r\nAPPROVE \(index)\r\n"
            try Data(raw.utf8).write(to: inbox.appendingPathComponent("a\(index).eml"))
        }
        try Data(
            "From: jane@acme.example\r\nTo: escalations@support.example\r\nSubject: Escalation CS0001234\r\nMessage-ID: <real@acme.example>\r\n\r\nESCALATE CS0001234\r\nReason: Lack of Progress\r\nUsers are blocked.\r\n"
                .utf8
        )
        .write(to: inbox.appendingPathComponent("z-real.eml"))
        let outcomes = try harness.gateway.drain(try harness.gateway.config.makeSource(), batchSize: 3)
        #expect(outcomes.count == 7)
        #expect(!outcomes.contains { $0.outcome == .failed })
        #expect(outcomes.last?.messageId == "real@acme.example" && outcomes.last?.outcome == .applied)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".eml") }.isEmpty)
    }

    @Test func aMailThatFailsAgainAndAgainIsSetAsideAndTheNextOneIsRead() throws {
        let harness = try SecurityHarness(extraConfig: "[limits]\nmax_attempts = 3\n")
        defer { harness.remove() }
        try harness.gateway.store.transaction { session in
            if session.sqlite != nil {
                try session.execute(
                    "CREATE TRIGGER poison BEFORE INSERT ON journal WHEN NEW.cause = 'poison@acme.example' BEGIN SELECT RAISE(ABORT, 'poisoned for the test'); END"
                )
            } else {
                try session.execute(
                    """
                    CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.cause = 'poison@acme.example' THEN RAISE EXCEPTION 'poisoned for the test'; END IF; RETURN NEW; END $$
                    """)
                try session.execute("CREATE TRIGGER poison BEFORE INSERT ON journal FOR EACH ROW EXECUTE FUNCTION poison()")
            }
        }
        let inbox = harness.workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (name, id) in [("a-poison", "poison"), ("b-real", "real")] {
            try Data(
                "From: jane@acme.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] \(name)\r\nMessage-ID: <\(id)@acme.example>\r\n\r\nAny news?\r\n"
                    .utf8
            )
            .write(to: inbox.appendingPathComponent("\(name).eml"))
        }
        let source = try harness.gateway.config.makeSource()
        var cycles: [[String]] = []
        for _ in 0..<3 { cycles.append(try harness.gateway.drain(source, batchSize: 1).map { "\($0.messageId) \($0.outcome)" }) }
        #expect(cycles[0] == [], "the poisoned mail is tried again before it is set aside")
        #expect(cycles[1] == [])
        #expect(cycles[2].first == "poison@acme.example failed")
        #expect(cycles[2].count == 2 && cycles[2].last?.hasPrefix("real@acme.example") == true && cycles[2].last?.hasSuffix("failed") == false)
        let failed = try harness.gateway.failedMail()
        #expect(failed.map(\.messageID) == ["poison@acme.example"])
        #expect(failed.first?.reason.contains("failed 3 times") == true && failed.first?.reason.contains("poisoned for the test") == true)
        #expect(FileManager.default.fileExists(atPath: inbox.appendingPathComponent("failed/a-poison.eml").path))
    }

    @Test func processHandlesEveryFileAndExitsOneWhenAMailFailed() throws {
        let harness = try SecurityHarness()
        defer { harness.remove() }
        let folder = harness.workspace.folder
        let good = folder.appendingPathComponent("good.eml")
        try Data(
            "From: jane@acme.example\r\nTo: escalations@support.example\r\nSubject: [CS0001234] hello\r\nMessage-ID: <good@acme.example>\r\n\r\nAny news?\r\n"
                .utf8
        ).write(to: good)
        let missing = folder.appendingPathComponent("missing.eml").path
        let config = harness.workspace.configURL.path
        let failing = try GatewayCLI.run(["process", "--config", config, "--json", missing, good.path])
        #expect(failing.status == 1)
        let lines = failing.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("\"failed\"") == true)
        #expect(lines.last?.contains("good@acme.example") == true && lines.last?.contains("\"failed\"") == false)
        let again = try GatewayCLI.run(["process", "--config", config, good.path])
        #expect(again.status == 0)
        #expect(again.output.contains("duplicate"))
    }

    // MARK: Finding 3: thread floods

    @Test func forgedDecisionsFromStrangersNeitherFloodApproversNorSilenceTheThread() throws {
        var (harness, approval) = try pendingCase(extraConfig: "[security]\nanswers_per_thread = 10\n")
        defer { harness.remove() }
        for index in 0..<26 {
            let outcome = try harness.reply(
                to: approval, from: "stranger\(index)@evil.example", body: "APPROVE", to: "escalations+r1xforged\(index)@support.example")
            #expect(outcome.outcome == .refused)
        }
        let toApprovers = try harness.allSent().filter { $0.kind == "decision-not-accepted" }
        #expect(toApprovers.count == 2, "each approver is told once per request within the window")
        #expect(Set(toApprovers.flatMap(\.recipients)) == [duty, groupManager])
        #expect(try harness.subject("CS0001234").requests.map(\.state) == ["pending"])
        let real = try harness.reply(to: approval, from: duty, body: "APPROVE")
        #expect(real.outcome == .applied)
        #expect(real.sent.contains { $0.template == "approved" && $0.to.contains("jane@acme.example") })
    }

    @Test func notificationsToOthersAreNeverDroppedByAThreadLimit() throws {
        var (harness, approval) = try pendingCase(extraConfig: "[security]\nanswers_per_thread = 2\n")
        defer { harness.remove() }
        for index in 0..<4 {
            _ = try harness.write(from: "jane@acme.example", subject: "Re: [CS0001234] your mail", body: "Thanks \(index), we will get back to you.")
        }
        let decision = try harness.reply(to: approval, from: duty, body: "APPROVE")
        #expect(decision.outcome == .applied)
        #expect(decision.sent.contains { $0.template == "approved" && $0.to.contains("jane@acme.example") })
        #expect(decision.sent.contains { $0.template == "work-note" && $0.to == [owner] })
    }

    // MARK: Finding 4: backscatter

    @Test func strangersGetOneAnswerPerWindowPlusTagsFolded() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        var answered = 0
        for index in 0..<8 {
            let outcome = try harness.write(
                from: "victim+\(index)@elsewhere.example", subject: "Escalation CS0001234", body: "ESCALATE CS0001234\r\nReason: no progress")
            #expect(outcome.outcome == .refused)
            answered += outcome.sent.count
        }
        #expect(answered == 1)
        let other = try harness.write(from: "someone@elsewhere.example", subject: "hello", body: "hello")
        #expect(other.sent.count == 1, "another stranger has a budget of their own")
    }

    // MARK: Finding 5: cooldown bypass

    @Test func anAccountEscalationNamingARejectedCaseWaitsForTheCooldown() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        #expect(try harness.reply(to: approval, from: duty, body: "REJECT the fix ships Friday").outcome == .applied)
        let before = try harness.allSent().filter { $0.kind == "approval-requested" }.count
        let bypass = try harness.write(
            from: "jane@acme.example", subject: "Account escalation",
            body: "ESCALATE ACCOUNT\r\nReason: Lack of Progress\r\nCases: CS0001234\r\nNothing moves.")
        #expect(bypass.outcome == .refused)
        #expect(bypass.reason.hasPrefix("cooldown"))
        #expect(bypass.sent.map(\.template) == ["reescalation-cooldown"])
        #expect(try harness.allSent().filter { $0.kind == "approval-requested" }.count == before)
        #expect(try harness.subject("ACC0001001").requests.isEmpty)
    }
}
