import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// The approval mail's Reject link, followed as an approver's mail client follows it: a new mail
/// with the link's subject and its prompt as the body, the reason typed after the prompt. The
/// requester is told the reason exactly as the approver wrote it, never the prompt or a label.
@Suite struct RejectLinkTests {
    static let cases: [(typed: String, told: String)] = [
        ("The fix ships on Friday, so no escalation is needed.", "The fix ships on Friday, so no escalation is needed."),
        ("\nThe fix ships on Friday.\n\nThanks,\nDana", "The fix ships on Friday."),
        ("the fix ships on Friday!\n\nDana Duty\nDuty Manager, Support", "the fix ships on Friday!"),
        ("Not enough impact: one user, with a workaround.\n\n-- \nDana Duty", "Not enough impact: one user, with a workaround."),
    ]

    @Test(arguments: cases) func theRequesterIsToldTheReasonAsTyped(typed: String, told: String) throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let (subject, body) = try Self.rejectLink(in: approval)
        #expect(subject == "REJECT [ref:\(SecurityHarness.token(of: approval))]")
        #expect(body == "Reason for rejecting: ")

        let outcome = try harness.write(
            from: "Dana Duty <duty-manager@support.example>", subject: subject, body: (body + typed).replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(outcome.outcome == .applied)
        #expect(outcome.intent == "reject")
        let rejected = try #require(try harness.sent("rejected", to: "jane@acme.example"))
        let text = try #require(rejected.textBody).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.contains("\nReason given by the approver:\n\(told)\n\n"), "\(text)")
        #expect(!text.contains("Reason for rejecting") && !text.lowercased().contains("reason: "))
    }

    /// The prompt alone is no reason: the approver is asked for one.
    @Test func thePromptAloneAsksForAReason() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let (subject, body) = try Self.rejectLink(in: approval)
        let outcome = try harness.write(from: "Dana Duty <duty-manager@support.example>", subject: subject, body: body)
        #expect(outcome.sent.map(\.template) == ["reason-needed"])
        #expect(try harness.sent("rejected", to: "jane@acme.example") == nil)
    }

    /// The subject and body the Reject link of an approval mail's text part opens, decoded.
    static func rejectLink(in mail: Mail) throws -> (subject: String, body: String) {
        let text = try #require(mail.textBody).replacingOccurrences(of: "\r\n", with: "\n")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("mailto:") && $0.contains("subject=REJECT") })
        let components = try #require(URLComponents(string: String(line)))
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        return (try #require(items["subject"]), try #require(items["body"]))
    }
}
