import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// Who is really writing (issue 20): one gate for every state-changing command, no
/// self-approval, Authentication-Results read by RFC 8601, addresses by RFC 5322. Each test
/// asserts the safe outcome: state unchanged, the confirmation mail at the directory address,
/// nothing to the attacker.
@Suite struct WhoIsWritingTests {
    private let duty = "duty-manager@support.example"
    private let groupManager = "t2-manager@support.example"
    private let owner = "agent1@support.example"
    private let attacker = "attacker@evil.test"
    private let authenticated = "[security]\nrequire_authentication = true\nauthserv_id = \"mx.support.example\"\n"
    /// What the receiving server adds below its own Authentication-Results.
    private let receivedByUs = "Received: from mail.sender.example by mx.support.example with ESMTPS; Sat, 5 Dec 2026 10:00:00 +0000\r\n"

    /// CS0001234 escalated (Jane requested, the duty manager approved); returns the harness and
    /// the approval mail the owner received a copy of.
    private func escalatedCase(extraConfig: String = "") throws -> (SecurityHarness, Mail) {
        var harness = try SecurityHarness(extraConfig: extraConfig)
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let auth = extraConfig.isEmpty ? "" : "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n" + receivedByUs
        #expect(try harness.reply(to: approval, from: duty, body: "APPROVE", headers: auth).outcome == .applied)
        let approved = try #require(try harness.sent("approved", to: owner))
        return (harness, approved)
    }

    private func escalation(_ harness: SecurityHarness) throws -> (severity: String, watchList: [String], state: String) {
        let report = try #require(try harness.subject("CS0001234").escalation)
        return (report.severity.name, report.watchList, report.state)
    }

    private func expectConfirmationAsked(_ outcome: MailOutcome, of address: String, harness: SecurityHarness) throws {
        #expect(outcome.outcome == .refused)
        #expect(outcome.reason.hasPrefix("confirmation-required"))
        #expect(outcome.sent.map(\.template) == ["confirmation-required"])
        #expect(outcome.sent.map(\.to) == [[address]])
        #expect(try harness.allSent().allSatisfy { !$0.recipients.contains(attacker) })
    }

    // MARK: Finding 1: spoofed staff and requester commands

    @Test func aSpoofedWatchFromTheOwnerIsNotAppliedEvenWithAuthenticationRequired() throws {
        var (harness, _) = try escalatedCase(extraConfig: authenticated)
        defer { harness.remove() }
        let before = try escalation(harness)
        let outcome = try harness.write(from: owner, subject: "Re: [CS0001234] Login fails", body: "WATCH agent2@support.example")
        try expectConfirmationAsked(outcome, of: owner, harness: harness)
        #expect(try escalation(harness).watchList == before.watchList)
    }

    @Test func aSpoofedSeverityFromTheOwnerWaitsForTheOwnersConfirmation() throws {
        var (harness, _) = try escalatedCase()
        defer { harness.remove() }
        let outcome = try harness.write(from: owner, subject: "Re: [CS0001234] Login fails", body: "SEVERITY high")
        try expectConfirmationAsked(outcome, of: owner, harness: harness)
        #expect(try escalation(harness).severity == "medium")
        let confirmation = try #require(try harness.sent("confirmation-required", to: owner))
        #expect(confirmation.textBody?.contains("SEVERITY high") == true)
        #expect(confirmation.textBody?.contains("it answers no mail the gateway sent to this address") == true)
        let confirmed = try harness.reply(to: confirmation, from: owner, body: "CONFIRM")
        #expect(confirmed.outcome == .applied)
        #expect(try escalation(harness).severity == "high")
        #expect(try harness.subject("CS0001234").journal.contains { $0.action == "command.confirmed" })
        let again = try harness.reply(to: confirmation, from: owner, body: "CONFIRM")
        #expect(again.outcome != .applied || again.reason.hasPrefix("comment"), "a confirmation is used once")
    }

    @Test func aConfirmationAnsweredByAnotherAddressConfirmsNothing() throws {
        var (harness, _) = try escalatedCase()
        defer { harness.remove() }
        _ = try harness.write(from: owner, subject: "Re: [CS0001234] Login fails", body: "SEVERITY high")
        let confirmation = try #require(try harness.sent("confirmation-required", to: owner))
        let forged = try harness.reply(to: confirmation, from: "jane@acme.example", body: "CONFIRM")
        #expect(forged.outcome != .applied || !forged.reason.hasPrefix("severity"))
        #expect(try escalation(harness).severity == "medium")
    }

    @Test func aSpoofedDeescalationFromTheRequesterIsNotApplied() throws {
        var (harness, _) = try escalatedCase()
        defer { harness.remove() }
        let outcome = try harness.write(from: "jane@acme.example", subject: "Re: [CS0001234] Login fails", body: "DE-ESCALATE all fixed")
        try expectConfirmationAsked(outcome, of: "jane@acme.example", harness: harness)
        #expect(try escalation(harness).state == "active")
    }

    @Test func aReplyToTheGatewaysMailPassesTheGate() throws {
        var (harness, approved) = try escalatedCase()
        defer { harness.remove() }
        let outcome = try harness.reply(to: approved, from: owner, body: "SEVERITY high", to: "escalations@support.example")
        #expect(outcome.outcome == .applied)
        #expect(try escalation(harness).severity == "high")
    }

    @Test func theOwnersReplyTokenAlonePassesTheGate() throws {
        var (harness, _) = try escalatedCase()
        defer { harness.remove() }
        _ = try harness.write(from: "jane@acme.example", subject: "Re: [CS0001234] Login fails", body: "We still see errors.")
        let note = try #require(try harness.allSent().first { $0.recipients == [owner] && $0.kind != "confirmation-required" })
        let mail = try Mail(parsing: note.raw)
        let replyTo = try #require(mail.replyTo.first?.address)
        #expect(replyTo.hasPrefix("escalations+tcs0001234x"))
        let outcome = try harness.write(from: owner, subject: "CS0001234", body: "TREND improving", headers: "")
        #expect(outcome.outcome == .refused)
        let tokened = try harness.send(
            "From: \(owner)\r\nTo: \(replyTo)\r\nSubject: CS0001234\r\nMessage-ID: <tok@support.example>\r\n\r\nTREND improving\r\n")
        #expect(tokened.outcome == .applied)
    }

    @Test func anotherRecipientsTokenIsNoProof() throws {
        var (harness, approved) = try escalatedCase()
        defer { harness.remove() }
        let janeMail = try #require(try harness.sent("approved", to: "jane@acme.example"))
        let janeToken = try #require(janeMail.replyTo.first?.address)
        _ = approved
        let outcome = try harness.send(
            "From: \(owner)\r\nTo: \(janeToken)\r\nSubject: [CS0001234] x\r\nMessage-ID: <steal@evil.test>\r\n\r\nSEVERITY high\r\n")
        #expect(outcome.reason.hasPrefix("confirmation-required"))
        #expect(try escalation(harness).severity == "medium")
    }

    // MARK: Finding 2: self-approval

    @Test func aGroupManagerWhoRequestsIsNotTheirOwnApprover() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate(from: groupManager)
        let request = try #require(try harness.subject("CS0001234").requests.first)
        #expect(request.approvers == [duty])
        #expect(try harness.sent("approval-requested", to: groupManager) == nil)
    }

    @Test func theDutyManagerWhoRequestsIsNotTheirOwnApprover() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate("CS0001235", from: duty)
        let request = try #require(try harness.subject("CS0001235").requests.first)
        #expect(request.approvers == [groupManager])
        #expect(try harness.sent("approval-requested", to: duty) == nil)
    }

    @Test func aRequestWhoseOnlyApproverIsItsRequesterIsRefused() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let outcome = try harness.write(
            from: "vp-support@support.example", subject: "Escalate ACC0001001",
            body: "ESCALATE ACCOUNT ACC0001001\r\nReason: Executive Visibility\r\nBoard asks.")
        #expect(outcome.outcome == .refused)
        #expect(outcome.reason.hasPrefix("no-approver"))
        #expect(try harness.subject("ACC0001001").requests.isEmpty)
        #expect(!outcome.sent.contains { $0.template == "approval-requested" })
    }

    // MARK: Finding 3: Authentication-Results read by the RFC

    /// An APPROVE from the duty manager with the real token and `headers`, under required authentication.
    private func approve(with headers: String, from sender: String? = nil) throws -> (SecurityHarness, MailOutcome) {
        var harness = try SecurityHarness(extraConfig: authenticated)
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let outcome = try harness.reply(to: approval, from: sender ?? duty, body: "APPROVE", headers: headers)
        return (harness, outcome)
    }

    @Test(arguments: [
        ("dmarc for another domain", "Authentication-Results: mx.support.example; dmarc=pass header.from=evil.test\r\n"),
        ("DKIM of a parent domain", "Authentication-Results: mx.support.example; dkim=pass header.d=example\r\n"),
        ("dmarc=passive", "Authentication-Results: mx.support.example; dmarc=passive header.from=support.example\r\n"),
        ("no Received below: written by the sender", "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n"),
    ])
    func authenticationThatDoesNotHold(_ name: String, _ header: String) throws {
        let below = name.hasPrefix("no Received") ? "" : "Received: from x by mx.support.example; Sat, 5 Dec 2026 10:00:00 +0000\r\n"
        let (harness, outcome) = try approve(with: header + below)
        defer { harness.remove() }
        #expect(outcome.outcome == .refused, "\(name)")
        #expect(try harness.subject("CS0001234").escalated == false)
    }

    @Test func theServersHeaderIsFoundWithATabAndALeadingComment() throws {
        let ours = "Authentication-Results: (checked by the MX)\r\n\tmx.support.example;\r\n\tdkim=pass (good) header.d=support.example\r\n"
        let (harness, outcome) = try approve(with: ours + receivedByUs)
        defer { harness.remove() }
        #expect(outcome.outcome == .applied)
    }

    @Test func aForgedHeaderBelowTheServersFailingOneDoesNotCount() throws {
        let ours = "Authentication-Results: (checked)\tmx.support.example; dmarc=fail header.from=support.example\r\n"
        let forged = "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n"
        let (harness, outcome) = try approve(with: ours + receivedByUs + forged)
        defer { harness.remove() }
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0001234").escalated == false)
    }

    @Test func aForgedHeaderBelowTheServersReceivedLineDoesNotCount() throws {
        let forged = "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n"
        let (harness, outcome) = try approve(with: receivedByUs + forged + "Received: from evil by evil.test; Sat, 5 Dec 2026 09:00:00 +0000\r\n")
        defer { harness.remove() }
        #expect(outcome.outcome == .refused)
    }

    @Test func twoFromHeadersAreRefused() throws {
        let pass = "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n" + receivedByUs
        let (harness, outcome) = try approve(with: pass + "From: \(attacker)\r\n")
        defer { harness.remove() }
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0001234").escalated == false)
    }

    @Test func aSenderOtherThanTheFromIsRefused() throws {
        let pass = "Authentication-Results: mx.support.example; dmarc=pass header.from=support.example\r\n" + receivedByUs
        let (harness, outcome) = try approve(with: pass + "Sender: \(attacker)\r\n")
        defer { harness.remove() }
        #expect(outcome.outcome == .refused)
    }

    @Test func aCommentIsNotAnAddress() throws {
        let (harness, outcome) = try approve(with: "", from: "(x <\(duty)>) \(attacker)")
        defer { harness.remove() }
        #expect(outcome.outcome == .refused)
        #expect(try harness.subject("CS0001234").escalated == false)
        #expect(try harness.allSent().allSatisfy { !$0.recipients.contains(duty) || $0.kind != "approved" })
        #expect(MailAddress.parseList("(x <\(duty)>) \(attacker)").map(\.address) == [attacker])
    }

    // MARK: Finding 4: addresses

    @Test(arguments: ["a\"b@x.example", "a\u{01}b@x.example", "=?utf-8?q?a?=@x.example", "x@[192.0.2.1]", "attacker@evil.test"])
    func watchTakesOnlyDirectoryPeopleByPlainAddress(_ address: String) throws {
        var (harness, approved) = try escalatedCase()
        defer { harness.remove() }
        let outcome = try harness.reply(to: approved, from: owner, body: "WATCH \(address)", to: "escalations@support.example")
        #expect(outcome.outcome == .refused)
        #expect(try escalation(harness).watchList.allSatisfy { !$0.contains("x.example") && !$0.contains("evil") && !$0.contains("[") })
        for message in try harness.allSent() { #expect(!message.recipients.contains { $0.contains("evil") || $0.contains("x.example") }) }
    }

    @Test func assignTakesOnlyStaff() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.write(
            from: "jane@acme.example", subject: "Escalate our account", body: "ESCALATE ACCOUNT\r\nReason: Lack of Progress\r\nNothing moves.")
        let approval = try #require(try harness.sent("approval-requested", to: "vp-support@support.example"))
        #expect(try harness.reply(to: approval, from: "vp-support@support.example", body: "APPROVE").outcome == .applied)
        let approved = try #require(try harness.sent("approved", to: "em@support.example"))
        let outcome = try harness.reply(to: approved, from: "em@support.example", body: "ASSIGN jane@acme.example", to: "escalations@support.example")
        #expect(outcome.outcome == .refused)
        let staff = try harness.reply(
            to: approved, from: "em@support.example", body: "ASSIGN agent2@support.example", to: "escalations@support.example")
        #expect(staff.outcome == .applied)
    }

    @Test func aWatcherCanAlwaysRemoveThemself() throws {
        var (harness, approved) = try escalatedCase()
        defer { harness.remove() }
        #expect(
            try harness.reply(to: approved, from: owner, body: "WATCH agent2@support.example", to: "escalations@support.example").outcome == .applied)
        let told = try #require(try harness.allSent().first { $0.kind == "watch-list-changed" && $0.recipients.contains("agent2@support.example") })
        let outcome = try harness.reply(to: try Mail(parsing: told.raw), from: "agent2@support.example", body: "UNWATCH agent2@support.example")
        #expect(outcome.outcome == .applied)
        #expect(try escalation(harness).watchList.isEmpty)
    }
}
