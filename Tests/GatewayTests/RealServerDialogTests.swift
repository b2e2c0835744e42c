import Foundation
import MailMessage
import Testing

/// Dialog by plain replies against the real Dovecot and Postfix and the real binary (issue 23):
/// after a rejection the customer's reply with an attachment reaches the case owner, the owner's
/// answer the customer; an unclear reply is relayed with one sentence back; an internal note
/// never reaches the customer; the rejection and the note go to the people the `[notify]` table
/// names (the group manager, who did not decide, gets neither the relay nor the note). Needs the servers `Tests/scripts/test.sh` starts, and fails without them.
@Suite(.serialized) struct RealServerDialogTests {
    @Test func dialogAfterARejectionWithAnAttachmentAndANoteThatStaysInternal() throws {
        var servers = try #require(try MailServerHarness(), "loopback Dovecot/Postfix not running: start them with Tests/mailserver/start.sh")
        defer { servers.remove() }
        try servers.startGateway()
        let jane = servers.address("jane")
        let duty = servers.address("duty-manager")
        let owner = servers.address("agent1")
        let groupManager = servers.address("t2-manager")
        let gateway = servers.address("escalations")
        func text(_ mail: Mail) -> String { mail.textBody ?? "" }

        try servers.submit(
            from: jane, to: [gateway],
            raw: """
                From: Jane Doe <\(jane)>\r
                To: Escalations <\(gateway)>\r
                Subject: Escalation CS0001234\r
                Message-ID: <jane-dialog-\(servers.run)@example.test>\r
                Date: \(MailDate.format(Date()))\r
                \r
                ESCALATE CS0001234\r
                Reason: Lack of Progress\r
                Nobody can log in since Monday.\r

                """)
        let approval = try #require(try servers.waitForMail(to: duty) { text($0).contains("APPROVE") })
        let reject = servers.reply(to: approval, from: duty, body: "REJECT the fix ships on Friday", id: "duty-d-\(servers.run)")
        try servers.submit(from: duty, to: [reject.to], raw: reject.raw)
        let rejection = try #require(try servers.waitForMail(to: jane) { text($0).contains("the fix ships on Friday") })
        #expect(try servers.waitForMail(to: owner) { text($0).contains("the fix ships on Friday") } != nil)

        let pdf = Array("%PDF-1.4 blocked users: 17".utf8)
        let asking = DialogTests.replyWithAttachment(
            to: rejection, from: "Jane Doe <\(jane)>", body: "Could Sam call me today? The list of blocked users is attached.",
            file: "blocked-users.pdf", content: pdf, id: "jane-ask-\(servers.run)@example.test")
        try servers.submit(from: jane, to: [rejection.replyTo.first?.address ?? gateway], raw: asking)
        let relayed = try #require(try servers.waitForMail(to: owner) { text($0).contains("Could Sam call me today?") })
        #expect(relayed.from?.name == "Jane Doe via Escalations")
        #expect(relayed.attachments.map(\.filename) == ["blocked-users.pdf"])
        #expect(relayed.attachments.first?.content == pdf)
        let passed = try #require(try servers.waitForMail(to: jane) { text($0).contains("Your message was passed to") })
        #expect(text(passed).contains("Your message was passed to Sam Agent, who owns CS0001234."))
        #expect(!text(passed).contains("APPROVE"))

        let answer = servers.reply(to: relayed, from: owner, body: "Hi Jane, I will call you at 15:00 today.", id: "sam-1-\(servers.run)")
        try servers.submit(from: owner, to: [answer.to], raw: answer.raw)
        let toJane = try #require(
            try servers.waitForMail(to: jane) { text($0).contains("I will call you at 15:00 today.") && !text($0).contains("> Hi Jane") })
        #expect(toJane.from?.name == "Sam Agent via Escalations")

        let unclear = servers.reply(
            to: toJane, from: jane, body: "Please don't de-escalate yet, we still cannot log in.", id: "jane-3-\(servers.run)")
        try servers.submit(from: jane, to: [unclear.to], raw: unclear.raw)
        #expect(try servers.waitForMail(to: owner) { text($0).contains("we still cannot log in") && !text($0).contains("> Please") } != nil)
        #expect(try servers.waitForMail(to: jane) { text($0).contains("nothing on CS0001234 was changed") } != nil)

        let note = servers.reply(to: relayed, from: owner, body: "NOTE her month-end close is on the 30th", id: "sam-2-\(servers.run)")
        try servers.submit(from: owner, to: [note.to], raw: note.raw)
        #expect(try servers.waitForMail(to: duty) { text($0).contains("her month-end close is on the 30th") } != nil)
        #expect(try servers.waitForMail(to: owner) { text($0).contains("Your internal note on CS0001234 was kept") } != nil)

        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try !servers.mails(of: gateway).isEmpty { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try servers.mails(of: gateway, folder: "Processed").count == 6)
        #expect(try servers.mails(of: jane).allSatisfy { !text($0).contains("month-end close") && !text($0).contains("Commands are") })
        #expect(try servers.mails(of: jane).count == 5)
        // The group manager, an approver who did not decide, hears of the decision (request-decided), not the rejection row.
        #expect(try servers.mails(of: groupManager).allSatisfy { $0.header["X-Escalation-Event"] != "rejected" })
        #expect(try servers.mails(of: groupManager).allSatisfy { !text($0).contains("month-end close") && !text($0).contains("Could Sam call") })
    }
}
