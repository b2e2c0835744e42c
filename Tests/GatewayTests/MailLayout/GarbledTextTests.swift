import EscalationStore
import Foundation
import Gateway
import GatewayDemo
import MailMessage
import Testing

/// The garbled texts issue 25 found in the mail people read, each played through the gateway
/// as people write and asserted as the exact text of the mail they get.
@Suite struct GarbledTextTests {
    static let jane = "Jane Doe <jane@acme.example>"
    static let dana = "Dana Duty <duty-manager@support.example>"

    static func text(_ mail: Mail?) throws -> String {
        let mail = try #require(mail)
        return try #require(mail.textBody).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Jane's escalation of CS0001234, approved by Dana; returns the harness and the approval mail.
    static func active(_ harness: inout SecurityHarness) throws -> Mail {
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        #expect(try harness.reply(to: approval, from: dana, body: "APPROVE").outcome == .applied)
        return try #require(try harness.sent("approved", to: "jane@acme.example"))
    }

    /// "Reason: All fixed now, . Thanks for the quick help": a command phrase removed leaves no ", .".
    @Test(arguments: [
        ("All fixed now, please de-escalate. Thanks for the quick help", "Reason: All fixed now. Thanks for the quick help\n"),
        ("Please de-escalate: all fixed now. Thanks for the quick help!", "Reason: all fixed now. Thanks for the quick help!\n"),
        ("Hi Sam,\n\nall fixed now, you can de-escalate.\n\nThanks,\nJane", "Reason: all fixed now.\n"),
    ])
    func aDeEscalationReasonReadsAsWritten(body: String, line: String) throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let approved = try Self.active(&harness)
        let outcome = try harness.reply(to: approved, from: Self.jane, body: body.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(outcome.intent == "de-escalate")
        let text = try Self.text(try harness.sent("deescalated", to: "agent1@support.example"))
        #expect(text.contains("\nBy: Jane Doe\n" + line + "\n"), "\(text)")
    }

    /// The signature is left out and kept off the next line; the final full stop stays.
    @Test func aJustificationEndsWithItsFullStopAndWithoutTheSignature() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.write(
            from: Self.jane, subject: "Escalation CS0001234",
            body: "ESCALATE CS0001234\r\nReason: Lack of Progress\r\nThe workaround has held for three days.\r\n\r\nJane")
        let text = try Self.text(try harness.sent("request-received", to: "jane@acme.example"))
        #expect(text.contains("\nJustification: The workaround has held for three days.\n\nIt now awaits approval."), "\(text)")
        #expect(!text.contains("Jane\n"))
    }

    /// The rejection's reason in full, its final full stop kept, no label or prompt.
    @Test func aRejectionReasonIsSentInFull() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        _ = try harness.reply(to: approval, from: Self.dana, body: "Sorry, I have to reject this: the fix ships on Friday.\r\n\r\nDana")
        let text = try Self.text(try harness.sent("rejected", to: "jane@acme.example"))
        #expect(text.contains("\nReason given by the approver:\nthe fix ships on Friday.\n\n"), "\(text)")
    }

    /// An account escalation: the account's name once, its cases with commas, people by name,
    /// the severity without a colour name.
    @Test func anAccountEscalationNamesItsAccountOnceAndItsCasesWithCommas() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let outcome = try harness.write(
            from: Self.jane, subject: "Escalate our account",
            body: "ESCALATE ACCOUNT\r\nReason: Lack of Progress\r\nCS0001234 and CS0001235 have not moved for two weeks.")
        #expect(outcome.outcome == .applied)
        let approval = try #require(try harness.allSent().first { $0.kind == "approval-requested" })
        let text = try Self.text(try Mail(parsing: approval.raw))
        #expect(text.hasPrefix("[ACC0001001] Approval needed: Acme Corp\n\nJane Doe asks to escalate ACC0001001 (Acme Corp).\n"), "\(text)")
        #expect(text.contains("\nCases named: CS0001234, CS0001235\n"), "\(text)")
        #expect(!text.contains("Acme Corp, Acme Corp") && !text.contains("(red)") && !text.contains("(orange)"))
        #expect(text.contains("\nSeverity on approval: high\n"), "\(text)")
    }

    /// People by name: who decided, who was added, who changed the severity.
    @Test func peopleAreNamedByName() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try Self.active(&harness)
        let told = try Self.text(try harness.sent("request-decided", to: "t2-manager@support.example"))
        #expect(
            told.contains("was approved by Dana Duty; the escalation is now ESC0001001.")
                || told.contains("was approved by Dana Duty; the\nescalation is now ESC0001001."), "\(told)")
        let owner = try #require(try harness.sent("approved", to: "agent1@support.example"))
        _ = try harness.reply(to: owner, from: "Sam Agent <agent1@support.example>", body: "WATCH am@support.example")
        let watch = try Self.text(try harness.sent("watch-list-changed", to: "am@support.example"))
        #expect(watch.contains("\nAlex Account was added to the watch list of ESC0001001 by Sam Agent.\n"), "\(watch)")
        _ = try harness.reply(to: owner, from: "Sam Agent <agent1@support.example>", body: "SEVERITY high")
        let severity = try Self.text(try harness.sent("severity-changed", to: "am@support.example"))
        #expect(severity.contains("\nSam Agent changed the severity of ESC0001001 from medium to high.\n"), "\(severity)")
    }

    /// A mail that names no case: "Not understood" with no dangling dash.
    @Test func notUnderstoodWithoutACaseHasNoDanglingDash() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let outcome = try harness.write(from: Self.jane, subject: "Question", body: "Hello, how do I reset my password?")
        #expect(outcome.sent.map(\.template) == ["not-understood"])
        let mail = try #require(try harness.sent("not-understood", to: "jane@acme.example"))
        #expect(mail.subject == "Not understood")
        #expect(try Self.text(mail).hasPrefix("Not understood\n\n"))
    }

    /// Times with their zone: the SLA warning's due time and the escalation's deadlines.
    @Test func timesShowTheirZone() throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        var harness = try SecurityHarness(extraConfig: SecurityHarness.directTemplate, clock: clock.now)
        defer { harness.remove() }
        _ = try harness.escalate("CS0002001", from: "Bob Stone <bob@globex.example>")
        let escalated = try Self.text(try harness.sent("escalated", to: "bob@globex.example"))
        #expect(escalated.contains("\nResponse due: 2026-11-18 15:06 UTC\n"), "\(escalated)")
        clock.advance(by: 3 * 3600 + 60)
        try harness.tick()
        let warning = try #require(try harness.sent("sla-warning", to: "agent2@support.example"))
        let text = try Self.text(warning)
        #expect(text.split(separator: "\n").first?.hasSuffix(" UTC") == true, "\(text)")
        #expect(text.contains(" UTC.\n"), "\(text)")
    }
}
