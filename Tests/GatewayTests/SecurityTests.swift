import EscalationCore
import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// One test per attack: each asserts that no state changed and what was (and was not) sent.
@Suite struct SecurityTests {
    private let duty = "duty-manager@support.example"
    private let groupManager = "t2-manager@support.example"

    private func pendingCase() throws -> (SecurityHarness, Mail) {
        var harness = try SecurityHarness()
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        return (harness, approval)
    }

    private func expectNothingChanged(_ harness: SecurityHarness, _ outcome: MailOutcome) throws {
        #expect(outcome.outcome == .refused)
        let report = try harness.subject("CS0001234")
        #expect(report.escalated == false)
        #expect(report.requests.map(\.state) == ["pending"])
        #expect(report.requests.first?.approvals.isEmpty == true)
    }

    @Test func forgedFromWithoutToken() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let outcome = try harness.reply(to: approval, from: duty, body: "APPROVE", to: "escalations@support.example", quote: false)
        try expectNothingChanged(harness, outcome)
        #expect(outcome.reason.contains("no approval token"))
        #expect(outcome.sent.map(\.template) == ["decision-not-accepted"])
        #expect(outcome.sent.first?.to == [duty])
    }

    @Test func validTokenReplayedByAnotherSender() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let outcome = try harness.reply(to: approval, from: "jane@acme.example", body: "APPROVE")
        try expectNothingChanged(harness, outcome)
        #expect(outcome.reason.contains("token of \(duty) used by jane@acme.example"))
        #expect(outcome.sent.allSatisfy { $0.to == [duty] && $0.template == "decision-not-accepted" })
        #expect(try harness.subject("CS0001234").journal.contains { $0.action == "refused.decision_unverified" && $0.detail.contains("token of") })
    }

    @Test func tokenForRequestAUsedOnRequestB() throws {
        var (harness, approvalA) = try pendingCase()
        defer { harness.remove() }
        _ = try harness.escalate("CS0002001", from: "bob@globex.example")
        let approvalB = try #require(try harness.sent("approval-requested", to: duty).flatMap { $0.subject.contains("CS0002001") ? $0 : nil })
        let tokenA = SecurityHarness.token(of: approvalA)
        let outcome = try harness.reply(to: approvalB, from: duty, body: "APPROVE", to: "escalations+\(tokenA)@support.example", quote: false)
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0002001").requests.map(\.state) == ["pending"])
        #expect(try harness.subject("CS0001234").requests.map(\.state) == ["pending"])
        #expect(outcome.sent.allSatisfy { $0.template == "decision-not-accepted" })
    }

    @Test func tokenOfApproverXUsedByApproverY() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let outcome = try harness.reply(to: approval, from: groupManager, body: "APPROVE")
        try expectNothingChanged(harness, outcome)
        #expect(outcome.reason.contains("token of \(duty) used by \(groupManager)"))
        #expect(outcome.sent.map(\.to) == [[duty]])
    }

    @Test func tamperedToken() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        var token = SecurityHarness.token(of: approval)
        token = String(token.dropLast()) + (token.hasSuffix("a") ? "b" : "a")
        let outcome = try harness.reply(to: approval, from: duty, body: "APPROVE", to: "escalations+\(token)@support.example", quote: false)
        try expectNothingChanged(harness, outcome)
        #expect(outcome.reason.contains("does not verify"))
        #expect(outcome.sent.map(\.to) == [[duty]])
    }

    @Test func foreignAuthservIDClaimingPassIsIgnored() throws {
        var harness = try SecurityHarness(extraConfig: "[security]\nrequire_authentication = true\nauthserv_id = \"mx.support.example\"\n")
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let forged = "Authentication-Results: mx.evil.example; dmarc=pass header.from=support.example\r\n"
        let outcome = try harness.reply(to: approval, from: duty, body: "APPROVE", headers: forged)
        try expectNothingChanged(harness, outcome)
        #expect(outcome.reason.contains("no Authentication-Results from mx.support.example"))
        let genuine =
            "Authentication-Results: mx.support.example; dkim=pass header.d=support.example; dmarc=pass header.from=support.example\r\n"
            + "Received: from mail.sender.example by mx.support.example; Sat, 5 Dec 2026 10:00:00 +0000\r\n" + forged
        let accepted = try harness.reply(to: approval, from: duty, body: "APPROVE", headers: genuine)
        #expect(accepted.outcome == .applied)
        #expect(try harness.subject("CS0001234").escalated)
    }

    @Test func missingAuthenticationResultsWhenRequired() throws {
        var harness = try SecurityHarness(extraConfig: "[security]\nrequire_authentication = true\nauthserv_id = \"mx.support.example\"\n")
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let outcome = try harness.reply(to: approval, from: duty, body: "APPROVE")
        try expectNothingChanged(harness, outcome)
        let failing = "Authentication-Results: mx.support.example; dkim=pass header.d=evil.example; dmarc=fail\r\n"
        try expectNothingChanged(harness, try harness.reply(to: approval, from: duty, body: "APPROVE", headers: failing))
    }

    @Test func approvalAfterRejectionChangesNothing() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        #expect(try harness.reply(to: approval, from: duty, body: "REJECT the fix ships Friday").outcome == .applied)
        let other = try #require(try harness.sent("approval-requested", to: groupManager))
        let late = try harness.reply(to: other, from: groupManager, body: "APPROVE")
        #expect(late.outcome == .refused)
        #expect(late.sent.map(\.template) == ["already-decided"])
        let report = try harness.subject("CS0001234")
        #expect(report.requests.map(\.state) == ["rejected"])
        #expect(report.escalated == false)
    }

    @Test func decisionOnADeescalatedEscalationChangesNothing() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        #expect(try harness.reply(to: approval, from: duty, body: "APPROVE").outcome == .applied)
        let approved = try #require(try harness.sent("approved", to: "jane@acme.example"))
        #expect(try harness.reply(to: approved, from: "jane@acme.example", body: "All fixed, please de-escalate").outcome == .applied)
        let again = try harness.reply(to: approval, from: duty, body: "APPROVE")
        #expect(again.outcome == .refused)
        #expect(again.sent.map(\.template) == ["already-decided"])
        let report = try harness.subject("CS0001234")
        #expect(report.escalation?.state == "deescalated")
        #expect(report.escalated == false)
    }

    @Test func unknownSenderAskingAboutARealCaseLearnsNothing() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let outcome = try harness.write(
            from: "mallory@elsewhere.example", subject: "CS0001234 status?",
            body: "What is the state of CS0001234 and who owns it? Please escalate CS0001234, no progress.")
        #expect(outcome.outcome == .refused)
        #expect(outcome.escalation == nil)
        let answer = try #require(try harness.allSent().first { $0.recipients == ["mallory@elsewhere.example"] })
        let text = String(decoding: answer.raw, as: UTF8.self)
        for secret in ["CS0001234", "Login fails", "agent1", "Sam Agent", "pending", "REQ", "Acme"] {
            #expect(!text.contains(secret), "leaked \(secret)")
        }
        #expect(try harness.subject("CS0001234").requests.count == 1)
    }

    @Test func contactOfAccountAEscalatingACaseOfAccountB() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let outcome = try harness.escalate("CS0001234", from: "bob@globex.example")
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0001234").requests.isEmpty)
        #expect(outcome.sent.map(\.template) == ["no-such-case"])
        let text = String(decoding: try #require(try harness.allSent().first).raw, as: UTF8.self)
        #expect(text.contains("not a case on your account"))
        #expect(
            !text.contains("CS0001234") && !text.contains("Login fails") && !text.contains("Acme") && !text.contains("agent1")
                && !text.contains("not registered"))
    }

    @Test func autoresponderPingPongStopsAtOneMessage() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let before = try harness.allSent().count
        var mail = approval
        for round in 0..<5 {
            let bounceBack = try harness.reply(
                to: mail, from: duty, body: "I am out of the office until Monday.", quote: false,
                headers: round.isMultiple(of: 2) ? "Auto-Submitted: auto-replied\r\n" : "X-Autoreply: yes\r\n")
            #expect(bounceBack.outcome == .ignored)
            #expect(bounceBack.sent.isEmpty)
            mail = try #require(try harness.sent("approval-requested", to: duty))
        }
        #expect(try harness.allSent().count == before)
        let outgoing = try #require(try harness.allSent().first)
        let parsed = try Mail(parsing: outgoing.raw)
        #expect(parsed.header["Auto-Submitted"] != nil)
        #expect(parsed.header["X-Auto-Response-Suppress"] == "All")
        #expect(parsed.header["X-Escalation-Loop"] != nil)
    }

    /// How many answers Jane gets to `rounds` auto-reply-like mails on her case's thread.
    private func answersToJane(writing rounds: Int, into harness: inout SecurityHarness) throws -> Int {
        var answers = 0
        for round in 0..<rounds {
            let outcome = try harness.write(
                from: "jane@acme.example", subject: "Re: [CS0001234] your mail", body: "Thank you for your message \(round), we will get back to you."
            )
            answers += outcome.sent.filter { $0.to.contains("jane@acme.example") }.count
        }
        return answers
    }

    @Test func unmarkedResponderIsStoppedByTheAnswerLimit() throws {
        var harness = try SecurityHarness(extraConfig: "[security]\nanswers_per_sender = 5\n")
        defer { harness.remove() }
        #expect(try answersToJane(writing: 12, into: &harness) == 5)
        let report = try harness.subject("CS0001234")
        #expect(report.journal.filter { $0.action == "answers.paused" }.count == 1)
        #expect(try harness.allSent().filter { $0.kind == "answers-paused" }.map(\.recipients) == [["agent1@support.example"]])
    }

    @Test func aThreadIsAnsweredUpToItsLimitThenItsOwnerIsToldOnce() throws {
        var harness = try SecurityHarness(extraConfig: "[security]\nanswers_per_sender = 100\nanswers_per_thread = 4\n")
        defer { harness.remove() }
        #expect(try answersToJane(writing: 9, into: &harness) == 4)
        let threadMail = try harness.allSent().filter { $0.source == "CS0001234" }
        #expect(threadMail.filter { $0.kind != "answers-paused" }.count == 4)
        #expect(threadMail.filter { $0.kind == "answers-paused" }.map(\.recipients) == [["agent1@support.example"]])
        #expect(try harness.subject("CS0001234").journal.filter { $0.action == "answers.paused" }.count == 1)
    }

    /// A request's acknowledgement (to the customer and the owner) and its approval requests all count on the thread; the
    /// approval requests, going to others, are sent whatever the count, and the next answer to
    /// the customer is the one paused.
    @Test func theThreadLimitCountsEveryMailButPausesOnlyAnswers() throws {
        var harness = try SecurityHarness(extraConfig: "[security]\nanswers_per_thread = 3\n")
        defer { harness.remove() }
        let outcome = try harness.escalate()
        #expect(outcome.sent.map(\.template).sorted() == ["approval-requested", "approval-requested", "request-received", "request-received"])
        let next = try harness.write(from: "jane@acme.example", subject: "Re: [CS0001234] your mail", body: "Any news?")
        #expect(next.sent.map(\.template) == ["answers-paused"])
        #expect(try harness.subject("CS0001234").journal.contains { $0.action == "dialog.relayed" && $0.detail.contains("Any news?") })
        #expect(try harness.allSent().filter { $0.kind == "answers-paused" }.map(\.recipients) == [["agent1@support.example"]])
    }

    @Test func bounceStormIsNeverAnsweredAndSuppressesTheAddressOnce() throws {
        var (harness, _) = try pendingCase()
        defer { harness.remove() }
        let unclear = (subject: "Re: [CS0001234] your mail", body: "Thank you for your message, we will get back to you.")
        let answered = try harness.write(from: "jane@acme.example", subject: unclear.subject, body: unclear.body)
        #expect(answered.sent.contains { $0.to.contains("jane@acme.example") }, "Jane is answered before her address bounces")
        let original = try #require(try harness.allSent().first { $0.recipients.contains("jane@acme.example") })
        let before = try harness.allSent().count
        for index in 0..<30 {
            let outcome = try harness.send(
                SecurityHarness.deliveryStatus(index, messageID: original.messageID, recipient: "jane@acme.example", status: "5.1.1"))
            #expect(outcome.outcome == .ignored)
        }
        let sent = try harness.allSent()
        #expect(sent.count == before + 1)
        #expect(sent.first?.kind == "address-suppressed")
        #expect(sent.first?.recipients == ["agent1@support.example"])
        #expect(try harness.subject("CS0001234").journal.filter { $0.action == "address.suppressed" }.count == 1)
        let afterwards = try harness.write(from: "jane@acme.example", subject: unclear.subject, body: unclear.body)
        #expect(!afterwards.sent.contains { $0.to.contains("jane@acme.example") }, "a suppressed address is mailed again")
    }

    @Test func headerInjectionThroughSubjectAndRejectionReason() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.write(
            from: "jane@acme.example", subject: "=?utf-8?q?Escalate_CS0001234=0D=0ABcc:_victim@evil.example?=",
            body: "ESCALATE CS0001234\r\nReason: no progress")
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        _ = try harness.reply(to: approval, from: duty, body: "REJECT not now\r\nBcc: victim@evil.example\r\nSubject: hacked")
        for message in try harness.allSent() {
            #expect(!message.recipients.contains("victim@evil.example"))
            let mail = try Mail(parsing: message.raw)
            #expect(mail.header.raw("Bcc") == nil)
            #expect(!mail.subject.contains("hacked"))
        }
        let rejection = try #require(try harness.sent("rejected", to: "jane@acme.example"))
        #expect(rejection.textBody?.contains("Bcc: victim@evil.example") == true)
    }

    @Test func scriptInjectionThroughAJustificationIsEscaped() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate(justification: "<script>alert('x')</script><a href=\"http://evil.example\">click</a>")
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let html = try #require(approval.htmlBody)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(!html.contains("href=\"http://evil.example\""))
        #expect(html.contains("href=\"mailto:escalations@support.example?subject=APPROVE"))
    }

    @Test func theSecretNeverAppearsInMailOrShowOutput() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        _ = try harness.reply(to: approval, from: duty, body: "APPROVE")
        let secretPath = URL(fileURLWithPath: harness.gateway.config.security.tokenSecretFile)
        let secret = try String(contentsOf: secretPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let attributes = try FileManager.default.attributesOfItem(atPath: secretPath.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        for message in try harness.allSent() { #expect(!String(decoding: message.raw, as: UTF8.self).contains(secret)) }
        let shown = try JSONEncoder().encode(try harness.gateway.showReport("CS0001234"))
        #expect(!String(decoding: shown, as: UTF8.self).contains(secret))
    }

    @Test func ownMailIsDroppedAndACopiedLoopHeaderSilencesNothing() throws {
        var (harness, approval) = try pendingCase()
        defer { harness.remove() }
        let own = try #require(try harness.allSent().first)
        let echoed = try harness.send(String(decoding: own.raw, as: UTF8.self))
        #expect(echoed.outcome == .ignored && echoed.reason.hasPrefix("own"))
        let mark = try #require(approval.header.raw("X-Escalation-Loop"))
        let copied = try harness.write(
            from: "jane@acme.example", subject: "Re: [CS0001234] any news?", body: "Any news on this?", headers: "X-Escalation-Loop: \(mark)\r\n")
        #expect(copied.outcome != .ignored)
        let staff = try harness.write(from: "agent1@support.example", subject: "[CS0001234] note", body: "We are on it.")
        #expect(staff.outcome != .ignored)
    }
}
