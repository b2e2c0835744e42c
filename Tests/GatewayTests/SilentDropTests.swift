import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import MailMessage
import Testing

/// Nothing silently dropped (issue 23): subject words alone never drop a known participant's
/// mail, header and structure evidence still does; a breach survives a severity change; cases
/// named by LINK or in an account request must be the account's; a contact naming another
/// account's case is told it is not on their account, and nothing more.
@Suite struct SilentDropTests {
    static let jane = "Jane Doe <jane@acme.example>"

    @Test(arguments: [
        "Absence of progress – please escalate CS0001234",
        "On vacation from Monday: please escalate CS0001234 before",
        "Delivery failure of our invoices – escalate CS0001234",
        "Out of office staff cannot log in – CS0001234",
        "Automatic reply broken, please escalate CS0001234",
    ])
    func subjectWordsAloneNeverDropAKnownCustomersMail(subject: String) throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        let outcome = try h.write(from: Self.jane, subject: subject, body: "Please escalate CS0001234, lack of progress for two weeks.")
        #expect(outcome.outcome == .applied)
        #expect(outcome.intent == "escalate")
        #expect(outcome.sent.contains { $0.template == "request-received" })
    }

    @Test func subjectWordsStillDropAStrangersAutoReply() throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        let outcome = try h.write(from: "someone@elsewhere.example", subject: "Out of office: back on Monday", body: "I am away.")
        #expect(outcome.outcome == .ignored)
        #expect(outcome.sent.isEmpty)
    }

    @Test(arguments: [
        ("Auto-Submitted: auto-replied\r\n", "auto-reply"),
        ("Precedence: bulk\r\n", "auto-reply"),
        ("Precedence: junk\r\n", "auto-reply"),
        ("Precedence: list\r\n", "auto-reply"),
        ("X-Autoreply: yes\r\n", "auto-reply"),
        ("X-Autorespond: yes\r\n", "auto-reply"),
        ("Return-Path: <>\r\n", "bounce"),
    ])
    func headerEvidenceStillMakesAKnownSendersMailAutomated(header: String, kind: String) throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        let outcome = try h.write(from: Self.jane, subject: "Re: CS0001234", body: "Please escalate CS0001234, lack of progress.", headers: header)
        #expect(outcome.outcome == .ignored)
        #expect(outcome.reason.hasPrefix(kind))
        #expect(outcome.sent.isEmpty)
    }

    /// Two autoresponders that show only subject words, a customer's and the owner's, read as
    /// messages: their relays to each other stop at the thread's limit, and the owner is told.
    @Test func autorespondersWithoutHeadersCannotRelayToEachOtherWithoutEnd() throws {
        var h = try SecurityHarness(extraConfig: "[security]\nanswers_per_thread = 12\nanswers_per_sender = 1000\n")
        defer { h.remove() }
        _ = try h.escalate()
        var relays = 0
        for _ in 0..<15 {
            if let toJane = try h.sent("staff-message", to: "jane@acme.example") ?? h.sent("request-received", to: "jane@acme.example") {
                relays += try h.reply(to: toJane, from: Self.jane, body: "I am away until Monday.").sent.filter { $0.template == "customer-message" }
                    .count
            }
            if let toOwner = try h.sent("customer-message", to: "agent1@support.example") {
                relays += try h.reply(to: toOwner, from: "agent1@support.example", body: "I am out of the office.").sent
                    .filter { $0.template == "staff-message" }.count
            }
        }
        #expect(relays > 0 && relays < 12)
        #expect(try h.subject("CS0001234").journal.contains { $0.action == "answers.paused" })
        #expect(try h.sent("answers-paused", to: "agent1@support.example") != nil)
    }

    @Test func aReportStructureStillMakesAKnownSendersMailABounce() throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        let outcome = try h.send(
            """
            From: \(Self.jane)\r
            To: escalations@support.example\r
            Subject: Please escalate CS0001234\r
            Message-ID: <report-1@acme.example>\r
            Content-Type: multipart/report; report-type=delivery-status; boundary=b\r
            \r
            --b\r
            Content-Type: text/plain\r
            \r
            Please escalate CS0001234, lack of progress.\r
            --b--\r

            """)
        #expect(outcome.outcome == .ignored)
        #expect(outcome.reason.hasPrefix("bounce"))
    }

    @Test func aSeverityChangeKeepsARecordedBreach() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var h = try SecurityHarness(clock: clock.now)
        defer { h.remove() }
        _ = try h.escalate()
        let approval = try #require(try h.sent("approval-requested", to: "duty-manager@support.example"))
        _ = try h.reply(to: approval, from: "duty-manager@support.example", body: "APPROVE")
        clock.advance(by: 5 * 3600)
        #expect(try h.gateway.tickSLAs() > 0)
        let breachedAt = try #require(try h.subject("CS0001234").escalation?.sla.response.breachedAt)
        let approved = try #require(try h.sent("approved", to: "agent1@support.example"))
        let changed = try h.reply(to: approved, from: "agent1@support.example", body: "SEVERITY high")
        #expect(changed.outcome == .applied)
        let report = try h.subject("CS0001234")
        let sla = try #require(report.escalation?.sla)
        #expect(sla.response.status == "breached")
        #expect(sla.response.breachedAt == breachedAt)
        #expect(sla.resolution.target == "2d")
        #expect(report.journal.contains { $0.action == "sla.breached" && $0.detail.hasPrefix("response") })
    }

    @Test func aContactNamingAnotherAccountsCaseIsToldItIsNotOnTheirAccount() throws {
        var h = try SecurityHarness()
        defer { h.remove() }
        for (index, body) in [
            "Please escalate CS0002001, lack of progress.", "Any news on CS0002001?", "Please escalate CS0009999, lack of progress.",
        ].enumerated() {
            let outcome = try h.write(from: Self.jane, subject: "Case \(index)", body: body)
            #expect(outcome.outcome == .refused)
            #expect(outcome.escalation == nil)
            #expect(outcome.sent.map(\.template) == ["no-such-case"])
        }
        let answers = try h.allSent().map { String(decoding: $0.raw, as: UTF8.self) }
        #expect(
            answers.allSatisfy {
                !$0.contains("not registered") && !$0.contains("Globex") && !$0.contains("Invoices missing") && !$0.contains("agent2")
            })
        let text = try #require(try h.sent("no-such-case", to: "jane@acme.example")?.textBody)
        #expect(text.contains("the case your mail names is not a case on your account"))
        #expect(answers.allSatisfy { !$0.contains("CS0002001") && !$0.contains("CS0009999") })
        #expect(try h.subject("CS0002001").requests.isEmpty)
    }
}
