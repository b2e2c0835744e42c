import CorpusSupport
import EscalationValues
import Foundation
import MailReading
import Testing

/// Reasons and justifications as the gateway quotes them back: the sender's words verbatim,
/// without quoted history, closing and signature, final punctuation kept, and a command phrase
/// taken out without leaving ", ." behind. Each expectation is the exact text.
@Suite struct ReasonTextTests {
    /// The reason a reply's body gives, read as the gateway reads it (history and signature
    /// removed first).
    static func reason(_ body: String, subject: String = "") -> String? {
        switch CommandReader.read(ReplyExtractor.extract(body).text, subject: subject).command {
        case .deescalate(reason: let reason)?, .reject(reason: let reason)?: reason
        case .escalate(let arguments)?: arguments.justification
        default: "not a reason: \(CommandReader.read(ReplyExtractor.extract(body).text, subject: subject))"
        }
    }

    @Test(arguments: [
        // The command phrase at the end, middle and start of a sentence, with and without "please".
        ("All fixed now, please de-escalate. Thanks for the quick help", "All fixed now. Thanks for the quick help"),
        ("All fixed now, please de-escalate. Thanks for the quick help.", "All fixed now. Thanks for the quick help."),
        ("All fixed now, de-escalate please. Thanks for the quick help.", "All fixed now. Thanks for the quick help."),
        ("All fixed now; please de-escalate! Thanks for the quick help.", "All fixed now! Thanks for the quick help."),
        ("All fixed now - please de-escalate - thanks for the quick help.", "All fixed now - thanks for the quick help."),
        ("All fixed now (please de-escalate). Thanks", "All fixed now."),
        ("The customer confirmed it works, so please de-escalate.", "The customer confirmed it works."),
        ("The customer confirmed it works, so please de-escalate", "The customer confirmed it works"),
        ("The patch works and you can de-escalate the case now.", "The patch works."),
        ("The patch works. Please de-escalate.", "The patch works."),
        ("Please de-escalate, all fixed now. Thanks for the quick help!", "all fixed now. Thanks for the quick help!"),
        ("Could you please de-escalate? The patch works.", "The patch works."),
        ("The exports ran fine overnight, could you de-escalate? Thanks a lot.", "The exports ran fine overnight."),
        ("Hi Sam,\n\nAll fixed now, please de-escalate.\n\nThanks,\nJane", "All fixed now."),
        ("DE-ESCALATE The workaround has held for three days.", "The workaround has held for three days."),
        ("DE-ESCALATE: the patch is live!", "the patch is live!"),
    ])
    func aCommandPhraseLeavesNoTrace(_ body: String, _ expected: String) {
        #expect(Self.reason(body) == expected)
    }

    @Test(arguments: [
        // A signature after a blank line: a name alone, with title and company, in other scripts.
        ("DE-ESCALATE The workaround has held for three days.\n\nJane", "The workaround has held for three days."),
        (
            "DE-ESCALATE The workaround has held for three days.\n\nJane Doe\nIT Operations, Acme Corp\n+1 555 0100",
            "The workaround has held for three days."
        ),
        ("All fixed now, please de-escalate.\n\nJane", "All fixed now."),
        ("The patch works and you can de-escalate the case now.\n\nJane\nIT Operations, Acme Corp", "The patch works."),
        ("REJECT The fix ships Friday.\n\n--\nDana Duty\nDuty Manager", "The fix ships Friday."),
        ("REJECT the fix ships Friday.\n\nMit freundlichen Grüßen\nJan Müller\nTel. +49 30 1234", "the fix ships Friday."),
        ("REJECT Исправление выйдет в пятницу.\n\nС уважением,\nСергей Обухов", "Исправление выйдет в пятницу."),
        ("REJECT Исправление выйдет в пятницу.\n\nСергей Обухов", "Исправление выйдет в пятницу."),
        ("REJECT 修正は金曜日にリリースされます。\n\n山田太郎", "修正は金曜日にリリースされます。"),
        ("REJECT not enough impact.\n\nPozdrawiam\nAnna Kowalska", "not enough impact."),
        ("REJECT no escalation needed.\n\n-John Doe\ndoe@example.com", "no escalation needed."),
        ("REJECT the fix ships Friday.\n\nSent from my iPhone", "the fix ships Friday."),
        // A sentence after a blank line is the sender's text, not a signature.
        ("REJECT the fix ships Friday.\n\nKim will call you today.", "the fix ships Friday.\n\nKim will call you today."),
    ])
    func theSignatureIsLeftOut(_ body: String, _ expected: String) {
        #expect(Self.reason(body) == expected)
    }

    @Test(arguments: [
        // Final punctuation stays: reasons and justifications are sent in full.
        ("REJECT the fix ships Friday.", "the fix ships Friday."),
        ("REJECT the fix ships Friday!", "the fix ships Friday!"),
        ("REJECT - the fix ships Friday…", "the fix ships Friday…"),
        ("REJECT reason: see KB-1234.", "see KB-1234."),
        ("Rejected: customer has a workaround (see KB-1234).\nRegards\nChris", "customer has a workaround (see KB-1234)."),
        (
            "ESCALATE CS0001234\nReason: Lack of Progress\nUsers in Zürich cannot sign in since Monday's update.",
            "Users in Zürich cannot sign in since Monday's update."
        ),
        (
            "Our invoice export has failed every night since Monday. Please escalate this case.\n\nThanks,\nAna",
            "Our invoice export has failed every night since Monday."
        ),
    ])
    func finalPunctuationIsKept(_ body: String, _ expected: String) {
        #expect(Self.reason(body) == expected)
    }

    /// The Reject link's prompt is taken out: the reason is what the approver typed after it.
    @Test(arguments: [
        ("Reason for rejecting: The fix ships Friday.", "The fix ships Friday."),
        ("Reason for rejecting: \nThe fix ships Friday.\n\nDana", "The fix ships Friday."),
        ("reason for rejecting: not now, please don't escalate for one user.", "not now, please don't escalate for one user."),
    ])
    func theRejectPromptIsTakenOut(_ body: String, _ expected: String) {
        #expect(Self.reason(body, subject: "REJECT [ref:r1xabc]") == expected)
    }

    /// mailgun/talon's signature samples (`signature/stripped/*`): a de-escalation whose reason is
    /// the sample's body gives the body without its signature.
    @Test func talonSignaturesAreLeftOut() throws {
        let root = try #require(CorpusLocation.root, "../shared/corpus beside the checkout")
        let folder = root.appendingPathComponent("mailgun-talon/signature/stripped")
        var checked = 0
        for name in ["jeff", "long", "short_url"] {
            let body = try String(contentsOf: folder.appendingPathComponent("\(name)_body"), encoding: .utf8)
            let signature = try String(contentsOf: folder.appendingPathComponent("\(name)_signature"), encoding: .utf8).trimmingCharacters(
                in: .whitespacesAndNewlines)
            let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
            let expected = try #require(trimmed.hasSuffix(signature) ? String(trimmed.dropLast(signature.count)) : nil).trimmingCharacters(
                in: .whitespacesAndNewlines)
            #expect(Self.reason("DE-ESCALATE " + trimmed) == expected, "\(name)")
            checked += 1
        }
        #expect(checked == 3)
    }
}
