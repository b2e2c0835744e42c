import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// What each recipient's mail says about its case, and what mail to outsiders never says.
@Suite struct ConversationHeadersTests {
    /// A stranger, and a contact of another account, name a case in the subject and the text:
    /// the answer names no case anywhere, carries no case header, and keeps a neutral subject.
    @Test func mailToOutsidersNamesNoCase() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let writers = ["mallory@evil.example", "bob@globex.example"]
        for writer in writers {
            let outcome = try harness.write(
                from: writer, subject: "[CS0001234] Re: Escalation ESC0001001 for ACC0001001",
                body: "ESCALATE CS0001234\r\nReason: Lack of Progress\r\nSee REQ0001001 and CS0001235.")
            #expect(outcome.outcome == .refused)
        }
        let answers = try harness.allSent().filter { writers.contains($0.recipients[0]) }
        #expect(answers.count == 2)
        for answer in answers {
            let text = String(decoding: answer.raw, as: UTF8.self)
            #expect(text.range(of: #"(CS|ACC|ESC|REQ)\d{7}"#, options: .regularExpression) == nil, "\(text)")
            let mail = try Mail(parsing: answer.raw)
            // The stranger learns nothing; the other account's contact that no such case is on theirs.
            #expect(
                mail.subject
                    == (answer.recipients == ["mallory@evil.example"] ? "Your message to the escalation desk" : "No such case on your account"))
            #expect(mail.header["X-Escalation-Case"] == nil && mail.header["X-Escalation-Number"] == nil && mail.header["X-Escalation-Reason"] == nil)
            #expect(mail.header["List-Id"] == "Escalations <escalations.support.example>")
            #expect(mail.references.allSatisfy { $0.hasPrefix("new-") })
        }
    }

    /// On a new request each approver gets one mail, the approval request; the customer and the
    /// owner each get the acknowledgement, each with the reason they get it, under the
    /// customer's subject, with the news as the body's first line.
    @Test func aNewRequestMailsEachPersonOnceWithTheirReason() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.write(
            from: "jane@acme.example", subject: "AW: Login broken for everyone", body: "ESCALATE CS0001234\r\nReason: Lack of Progress\r\nBlocked.")
        let sent = try harness.allSent()
        var byRecipient: [String: [String]] = [:]
        for row in sent { byRecipient[row.recipients.joined(separator: ","), default: []].append(row.kind) }
        #expect(
            byRecipient == [
                "jane@acme.example": ["request-received"], "agent1@support.example": ["request-received"],
                "duty-manager@support.example": ["approval-requested"], "t2-manager@support.example": ["approval-requested"],
            ])
        let reasons = try Dictionary(uniqueKeysWithValues: sent.map { ($0.recipients[0], try Mail(parsing: $0.raw)) })
        #expect(reasons["jane@acme.example"]?.header["X-Escalation-Reason"] == "requester")
        #expect(reasons["agent1@support.example"]?.header["X-Escalation-Reason"] == "owner")
        #expect(reasons["duty-manager@support.example"]?.header["X-Escalation-Reason"] == "approver")
        for mail in reasons.values {
            #expect(mail.subject == "Re: Login broken for everyone")
            #expect(mail.header["X-Escalation-Case"] == "CS0001234")
            #expect(mail.header["X-Escalation-Number"] == "REQ0000001")
            #expect(mail.textBody?.hasPrefix("[CS0001234] ") == true)
        }
        #expect(reasons["jane@acme.example"]?.header["X-Escalation-Event"] == "request-received")
    }

    /// A new mail about the case (not a reply) is answered under its own subject; the next mail
    /// to its writer goes back under the thread's subject and refers to their first mail.
    @Test func anAnswerKeepsTheSubjectOfTheMailItAnswers() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        _ = try harness.reply(
            to: try #require(try harness.sent("approval-requested", to: "duty-manager@support.example")), from: "duty-manager@support.example",
            body: "Approved.")
        let fresh = try harness.write(
            from: "jane@acme.example", subject: "Any news on CS0001234?", body: "ESCALATE CS0001234\r\nReason: Lack of Progress\r\nStill down.")
        let answer = try #require(fresh.sent.first { $0.to == ["jane@acme.example"] })
        #expect(answer.template == "already-escalated")
        #expect(answer.subject == "Re: Any news on CS0001234?")
        _ = try harness.reply(
            to: try #require(try harness.sent("approved", to: "agent1@support.example")), from: "agent1@support.example",
            body: "We raised the severity.")
        let later = try Mail(
            parsing: try #require(try harness.allSent().first { $0.recipients == ["jane@acme.example"] && $0.kind == "staff-message" }).raw)
        #expect(later.subject == "Re: Escalation CS0001234")
        #expect(later.references.first == "new-1@test.example")
    }
}
