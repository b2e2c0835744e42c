import Foundation
import MailMessage
import MailTransport
import MailTransportCurl
import Testing

/// The whole loop against real servers and the real binary: customer → SMTP (Postfix) →
/// Dovecot → `escalation-gateway run` over IMAP → SMTP → the approver's, customer's and
/// owner's mailboxes. Runs when `Tests/scripts/test.sh` has started the servers.
@Suite(.serialized) struct RealServerTests {
    private func harness() throws -> MailServerHarness? {
        guard let harness = try MailServerHarness() else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("loopback Dovecot/Postfix not running (EG_IMAP_PORT unset): real-server tests skipped; Tests/scripts/test.sh starts them")
            return nil
        }
        return harness
    }

    @Test func rejectedThenReescalatedThenApprovedOnTheCaseThread() throws {
        guard var servers = try harness() else { return }
        defer { servers.remove() }
        try servers.startGateway()
        let jane = servers.address("jane")
        let duty = servers.address("duty-manager")
        let gateway = servers.address("escalations")
        let janeID = "jane-\(servers.run)@example.test"

        try servers.submit(
            from: jane, to: [gateway],
            raw: """
                From: Jane Doe <\(jane)>\r
                To: Escalations <\(gateway)>\r
                Subject: Escalation CS0001234\r
                Message-ID: <\(janeID)>\r
                Date: \(MailDate.format(Date()))\r
                \r
                ESCALATE CS0001234\r
                Reason: Lack of Progress\r
                Nobody can log in since Monday.\r

                """)
        let approval = try #require(try servers.waitForMail(to: duty) { $0.header["X-Escalation-Event"] == "approval-requested" })
        #expect(approval.replyTo.first?.address.hasPrefix("escalations-\(servers.run)+") == true)

        let reject = servers.reply(
            to: approval, from: duty, body: "REJECT the fix ships on Friday, Sam will call you today", id: "duty-1-\(servers.run)")
        try servers.submit(from: duty, to: [reject.to], raw: reject.raw)
        let rejection = try #require(try servers.waitForMail(to: jane) { $0.header["X-Escalation-Event"] == "rejected" })
        #expect(rejection.textBody?.contains("the fix ships on Friday, Sam will call you today") == true)
        #expect(rejection.subject == "Re: Escalation CS0001234")
        #expect(rejection.references.contains(janeID))
        #expect(rejection.inReplyTo == ["duty-1-\(servers.run)@example.test"])

        let again = servers.reply(
            to: rejection, from: jane, body: "Please escalate this again, still no progress at all.", id: "jane-2-\(servers.run)")
        try servers.submit(from: jane, to: [again.to], raw: again.raw)
        let secondApproval = try #require(
            try servers.waitForMail(to: duty) { $0.header["X-Escalation-Event"] == "approval-requested" && $0.messageID != approval.messageID })
        #expect(secondApproval.textBody?.contains("escalation request 2") == true)
        let approve = servers.reply(to: secondApproval, from: duty, body: "Approved.", id: "duty-2-\(servers.run)")
        try servers.submit(from: duty, to: [approve.to], raw: approve.raw)

        let approved = try #require(try servers.waitForMail(to: jane) { $0.header["X-Escalation-Event"] == "approved" })
        #expect(approved.references.contains(janeID))
        #expect(approved.subject == "Re: Escalation CS0001234")
        let workNote = try servers.waitForMail(to: servers.address("agent1")) { $0.header["X-Escalation-Event"] == "work-note" }
        #expect(workNote != nil)

        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try !servers.mails(of: gateway).isEmpty { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try servers.mails(of: gateway).isEmpty)
        #expect(try servers.mails(of: gateway, folder: "Processed").count == 4)
        servers.stopGateway()
        let shown = try JSONSerialization.jsonObject(with: Data(try servers.cli(["show", "--json", "CS0001234"]).utf8)) as? [String: Any]
        #expect(shown?["escalated"] as? Bool == true)
        let requests = shown?["requests"] as? [[String: Any]]
        #expect(requests?.compactMap { $0["state"] as? String } == ["rejected", "approved"])
    }

    @Test func accountEscalationWithLinkedCasesReachesTheAccountTeam() throws {
        guard var servers = try harness() else { return }
        defer { servers.remove() }
        try servers.startGateway()
        let jane = servers.address("jane")
        let vp = servers.address("vp-support")
        let gateway = servers.address("escalations")
        let team = servers.address("am")
        let manager = servers.address("em")
        try servers.submit(
            from: jane, to: [gateway],
            raw: """
                From: Jane Doe <\(jane)>\r
                To: \(gateway)\r
                Subject: Our account\r
                Message-ID: <jane-acc-\(servers.run)@example.test>\r
                \r
                Please escalate our account, cases CS0001234 and CS0001235 are stalled.\r

                """)
        let approval = try #require(try servers.waitForMail(to: vp) { $0.header["X-Escalation-Event"] == "approval-requested" })
        let approve = servers.reply(to: approval, from: vp, body: "APPROVE", id: "vp-1-\(servers.run)")
        try servers.submit(from: vp, to: [approve.to], raw: approve.raw)
        let teamApproved = try #require(try servers.waitForMail(to: team) { $0.header["X-Escalation-Event"] == "approved" })
        #expect(teamApproved.textBody?.contains("Linked cases: CS0001234, CS0001235") == true)
        let managerCopy = try #require(try servers.waitForMail(to: manager) { $0.header["X-Escalation-Event"] == "approved" })
        let comment = servers.reply(to: managerCopy, from: manager, body: "COMMENT daily call with Acme at 10:00", id: "em-1-\(servers.run)")
        try servers.submit(from: manager, to: [comment.to], raw: comment.raw)
        let update = try servers.waitForMail(to: jane) { $0.textBody?.contains("daily call with Acme") == true }
        #expect(update?.from?.name == "Erin Escalation via Escalations")
    }

    @Test func oneRefusedRecipientOfSeveralDoesNotStopTheOthers() throws {
        guard let servers = try harness() else { return }
        defer { servers.remove() }
        let good = servers.address("agent2")
        let foreign = "someone-\(servers.run)@elsewhere.invalid"
        let raw =
            "From: \(servers.address("escalations"))\r\nTo: \(good), \(foreign)\r\nSubject: partial \(servers.run)\r\nMessage-ID: <partial-\(servers.run)@example.test>\r\n\r\nhello\r\n"
        let refused = try servers.smtpSink().deliver(
            Envelope(sequence: 1, messageID: "partial", from: servers.address("escalations"), recipients: [good, foreign], raw: Array(raw.utf8)))
        #expect(refused.map(\.address) == [foreign])
        #expect(refused.first?.permanent == true)
        #expect(refused.first?.reply.hasPrefix("554") == true)
        #expect(try servers.waitForMail(to: good) { $0.subject == "partial \(servers.run)" } != nil)
        #expect(throws: DeliveryError.self) {
            try servers.smtpSink().deliver(
                Envelope(sequence: 2, messageID: "none", from: servers.address("escalations"), recipients: [foreign], raw: Array(raw.utf8)))
        }
    }
}
