import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import MailMessage
import Testing

/// Dialog by plain replies through `process`: a customer's words reach the case owner and the
/// owner's answer the customer, with attachments; unclear text is relayed with one sentence
/// back; staff notes never reach a customer (issue 23).
@Suite struct DialogTests {
    static let jane = "jane@acme.example"
    static let owner = "agent1@support.example"
    static let dutyManager = "duty-manager@support.example"

    /// Jane escalates CS0001234 and the duty manager rejects it; returns the rejection mail Jane got.
    static func rejected(_ harness: inout SecurityHarness) throws -> Mail {
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: dutyManager))
        let decision = try harness.reply(to: approval, from: "Dana Duty <\(dutyManager)>", body: "REJECT The fix ships on Friday.")
        #expect(decision.outcome == .applied)
        return try #require(try harness.sent("rejected", to: jane))
    }

    /// A reply to `original` with one attached file, as a mail client writes it.
    static func replyWithAttachment(to original: Mail, from: String, body: String, file: String, content: [UInt8], id: String) -> String {
        var encoded: [UInt8] = []
        Base64.appendEncoded(content, to: &encoded)
        return """
            From: \(from)\r
            To: \(original.replyTo.first?.address ?? "escalations@support.example")\r
            Subject: Re: \(original.subject)\r
            Message-ID: <\(id)>\r
            In-Reply-To: <\(original.messageID ?? "")>\r
            References: <\(original.messageID ?? "")>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            --outer\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r
            --outer\r
            Content-Type: application/pdf; name="\(file)"\r
            Content-Disposition: attachment; filename="\(file)"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(String(decoding: encoded, as: UTF8.self))--outer--\r

            """
    }

    static func text(_ mail: Mail) -> String { mail.textBody ?? "" }

    @Test func customerToOwnerToCustomerAfterARejectionWithAnAttachment() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let rejection = try Self.rejected(&harness)
        let pdf = Array("%PDF-1.4 missing invoices 4711, 4712".utf8)
        let asked = try harness.send(
            Self.replyWithAttachment(
                to: rejection, from: "Jane Doe <\(Self.jane)>", body: "Could Sam call me today? The list of blocked users is attached.",
                file: "blocked-users.pdf", content: pdf, id: "jane-dialog-1@acme.example"))
        #expect(asked.outcome == .applied)
        #expect(asked.intent == "comment")
        #expect(asked.sent.map(\.template).sorted() == ["customer-message", "customer-message", "message-passed"])
        #expect(asked.sent.first { $0.template == "customer-message" }?.to.first == Self.owner)

        let relayed = try #require(try harness.sent("customer-message", to: Self.owner))
        #expect(relayed.from?.name == "Jane Doe via Escalations")
        #expect(relayed.from?.address == "escalations@support.example")
        #expect(relayed.replyTo.first?.address.hasPrefix("escalations+") == true)
        #expect(Self.text(relayed).contains("Could Sam call me today?"))
        #expect(relayed.attachments.map(\.filename) == ["blocked-users.pdf"])
        #expect(relayed.attachments.first?.content == pdf)
        let answer = Self.text(try #require(try harness.sent("message-passed", to: Self.jane)))
        #expect(answer.contains("Your message was passed to Sam Agent, who owns CS0001234."))
        #expect(!answer.contains("APPROVE") && !answer.contains("SEVERITY") && !answer.contains("nothing on"))

        let answered = try harness.reply(to: relayed, from: "Sam Agent <\(Self.owner)>", body: "Hi Jane, I will call you at 15:00 today.")
        #expect(answered.outcome == .applied)
        #expect(answered.sent.first { $0.template == "staff-message" }?.to == [Self.jane])
        let toJane = try #require(try harness.sent("staff-message", to: Self.jane))
        #expect(toJane.from?.name == "Sam Agent via Escalations")
        #expect(toJane.replyTo.first?.address.hasPrefix("escalations+") == true)
        #expect(Self.text(toJane).contains("I will call you at 15:00 today."))
        #expect(Self.text(try #require(try harness.sent("message-passed", to: Self.owner))).contains("passed to Jane Doe."))

        let again = try harness.reply(to: toJane, from: "Jane Doe <\(Self.jane)>", body: "Thanks, 15:00 works.")
        #expect(again.sent.first { $0.template == "customer-message" }?.to.first == Self.owner)

        let report = try harness.subject("CS0001234")
        #expect(report.journal.filter { $0.action == "dialog.relayed" }.count == 3)
        #expect(report.workNotes?.contains { $0.text.contains("Could Sam call me today?") } == true)
        #expect(report.requests.map(\.state) == ["rejected"])
    }

    @Test func attachmentsOverTheLimitAreNamedToTheRecipient() throws {
        var harness = try SecurityHarness(extraConfig: "[limits]\nmax_attachment_bytes = 16\n")
        defer { harness.remove() }
        let rejection = try Self.rejected(&harness)
        _ = try harness.send(
            Self.replyWithAttachment(
                to: rejection, from: "Jane Doe <\(Self.jane)>", body: "Please see the trace.", file: "trace.pdf",
                content: Array(repeating: 0x41, count: 2000), id: "jane-big@acme.example"))
        let relayed = try #require(try harness.sent("customer-message", to: Self.owner))
        #expect(relayed.attachments.isEmpty)
        #expect(Self.text(relayed).contains("Left out, as they pass the size limit for attachments: trace.pdf (1 KB)"))
    }

    @Test func anUnclearCustomerReplyIsRelayedWithOneSentenceAndChangesNothing() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: Self.dutyManager))
        _ = try harness.reply(to: approval, from: "Dana Duty <\(Self.dutyManager)>", body: "APPROVE")
        let approved = try #require(try harness.sent("approved", to: Self.jane))
        let outcome = try harness.reply(
            to: approved, from: "Jane Doe <\(Self.jane)>", body: "Please don't de-escalate yet, users are still locked out.")
        #expect(outcome.intent == "unclear")
        #expect(outcome.sent.map(\.template).sorted() == ["customer-message", "customer-message", "message-passed"])
        #expect(outcome.sent.filter { $0.template == "customer-message" }.flatMap(\.to) == [Self.owner, Self.dutyManager])
        let relayed = try #require(try harness.sent("customer-message", to: Self.owner))
        #expect(Self.text(relayed).contains("users are still locked out"))
        let answer = Self.text(try #require(try harness.sent("message-passed", to: Self.jane)))
        #expect(answer.contains("Your message was passed to Sam Agent, who owns CS0001234."))
        #expect(answer.contains("nothing on CS0001234 was changed"))
        #expect(!answer.contains("DE-ESCALATE") && !answer.contains("Commands"))
        #expect(try harness.subject("CS0001234").escalated)
    }

    @Test func anInternalNoteNeverReachesTheCustomer() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let rejection = try Self.rejected(&harness)
        let received = try #require(try harness.sent("request-received", to: Self.owner))
        let noted = try harness.reply(
            to: received, from: "Sam Agent <\(Self.owner)>", body: "NOTE Jane's month-end close is on the 30th; call before Friday.")
        #expect(noted.intent == "note")
        #expect(noted.outcome == .applied)
        #expect(noted.sent.allSatisfy { !$0.to.contains(Self.jane) })
        let note = try #require(noted.sent.first { $0.template == "internal-note" })
        #expect(note.to == [Self.dutyManager])
        #expect(Self.text(try #require(try harness.sent("message-passed", to: Self.owner))).contains("Your internal note on CS0001234 was kept"))

        let internalFirstLine = try harness.reply(
            to: received, from: "Sam Agent <\(Self.owner)>", body: "Internal:\r\nShe was promised a call last week.")
        #expect(internalFirstLine.intent == "note")
        #expect(internalFirstLine.sent.allSatisfy { !$0.to.contains(Self.jane) })

        // An approver's text stays internal; unclear, it gets the how-to-say-it answer.
        let approval = try #require(try harness.sent("approval-requested", to: Self.dutyManager))
        let musing = try harness.reply(to: approval, from: "Dana Duty <\(Self.dutyManager)>", body: "I could approve it if the fix slips again.")
        #expect(musing.intent == "unclear")
        #expect(musing.sent.allSatisfy { !$0.to.contains(Self.jane) })
        #expect(musing.sent.contains { $0.template == "internal-note" && $0.to == [Self.owner] })
        let help = Self.text(try #require(try harness.sent("not-understood", to: Self.dutyManager)))
        #expect(help.contains("Reply APPROVE, or REJECT followed by the reason."))

        // The owner's command gone wrong stays with the staff too.
        let slip = try harness.reply(to: received, from: "Sam Agent <\(Self.owner)>", body: "Don't de-escalate this one yet.")
        #expect(slip.intent == "unclear" && slip.outcome == .refused)
        #expect(slip.sent.allSatisfy { !$0.to.contains(Self.jane) })
        #expect(try harness.sent("not-understood", to: Self.owner)?.textBody?.contains("DE-ESCALATE followed by the reason") == true)

        let janeMail = try harness.allSent().filter { $0.recipients.contains(Self.jane) }.map(\.kind)
        #expect(janeMail.sorted() == ["rejected", "request-received"])
        let report = try harness.subject("CS0001234")
        #expect(report.journal.filter { $0.action == "note.added" }.count == 4)
        #expect(report.workNotes?.contains { $0.text.contains("month-end close") } == true)
        _ = rejection
    }

    @Test func theDialogStaysOpenForTwoWeeksAfterADeescalation() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var harness = try SecurityHarness(clock: clock.now)
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: Self.dutyManager))
        _ = try harness.reply(to: approval, from: "Dana Duty <\(Self.dutyManager)>", body: "APPROVE")
        let approved = try #require(try harness.sent("approved", to: Self.owner))
        _ = try harness.reply(to: approved, from: "Sam Agent <\(Self.owner)>", body: "DE-ESCALATE fixed by the patch of today")
        let deescalated = try #require(try harness.sent("deescalated", to: Self.jane))
        clock.advance(by: 13 * 86_400)
        let within = try harness.reply(to: deescalated, from: "Jane Doe <\(Self.jane)>", body: "Thank you all, it works again.")
        #expect(within.sent.contains { $0.template == "customer-message" && $0.to.first == Self.owner })
        clock.advance(by: 2 * 86_400)
        let after = try harness.reply(to: deescalated, from: "Jane Doe <\(Self.jane)>", body: "It broke again.")
        #expect(after.sent.map(\.template) == ["not-understood"])
        let answer = Self.text(try #require(try harness.sent("not-understood", to: Self.jane)))
        #expect(!answer.contains("Commands") && !answer.contains("SEVERITY"))
    }
}
