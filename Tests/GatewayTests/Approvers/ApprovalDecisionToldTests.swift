import EscalationCore
import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// A decided request is told to every approver of it, on their own thread, and confirmed to
/// its decider, under rule `any` and rule `all`; a decision by the approval mail's mailto link
/// (a new mail without threading headers) is answered on the case thread.
@Suite struct ApprovalDecisionToldTests {
    /// Bob's case CS0002001 under a template where Dana and Vic must both approve.
    static let allTemplate = """
        [[template]]
        name = "globex-case"
        type = "case"
        approval = true
        approvers = ["duty-manager@support.example", "vp-support@support.example"]
        approval_rule = "all"
        default_severity = "medium"
        accounts = ["ACC0001002"]
        """

    @Test func underAnyTheOtherApproverIsToldAndTheDeciderConfirmed() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        #expect(try harness.sent("approval-requested", to: "t2-manager@support.example") != nil)

        let outcome = try harness.reply(to: approval, from: "Dana Duty <duty-manager@support.example>", body: "Approved.")
        #expect(outcome.outcome == .applied)
        #expect(outcome.escalation == "ESC0001001")
        let confirmation = try #require(outcome.sent.first { $0.template == "decision-confirmed" })
        #expect(confirmation.to == ["duty-manager@support.example"])
        let told = try #require(try harness.sent("request-decided", to: "t2-manager@support.example"))
        #expect(told.to.map(\.address) == ["t2-manager@support.example"])
        let text = try #require(told.textBody)
        #expect(text.contains("approved by Dana Duty"))
        #expect(text.contains("ESC0001001"))
        #expect(try harness.sent("request-decided", to: "duty-manager@support.example") == nil)

        let otherApproval = try #require(try harness.sent("approval-requested", to: "t2-manager@support.example"))
        #expect(told.subject == otherApproval.subject, "the thread's subject")
        #expect(told.references.contains(otherApproval.messageID ?? "-"), "the notice joins the thread of Terry's approval request")
        let late = try harness.reply(to: otherApproval, from: "Terry Tier2 <t2-manager@support.example>", body: "Approved.")
        #expect(late.outcome == .refused)
        #expect(late.sent.map(\.template) == ["already-decided"])
    }

    @Test func underAllEveryApproverIsToldOnceTheLastApproves() throws {
        var harness = try SecurityHarness(extraConfig: Self.allTemplate)
        defer { harness.remove() }
        _ = try harness.escalate("CS0002001", from: "bob@globex.example")
        let dana = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let vic = try #require(try harness.sent("approval-requested", to: "vp-support@support.example"))

        let first = try harness.reply(to: dana, from: "duty-manager@support.example", body: "Approved.")
        #expect(first.sent.map(\.template) == ["decision-recorded"])
        #expect(first.escalation == nil)

        let last = try harness.reply(to: vic, from: "vp-support@support.example", body: "APPROVE")
        #expect(last.escalation == "ESC0001001")
        #expect(last.sent.contains { $0.template == "approved" && $0.to.first == "bob@globex.example" })
        #expect(last.sent.contains { $0.template == "decision-confirmed" && $0.to == ["vp-support@support.example"] })
        let told = try #require(try harness.sent("request-decided", to: "duty-manager@support.example"))
        #expect(told.textBody?.contains("approved by Vic President") == true)
        #expect(try harness.sent("request-decided", to: "vp-support@support.example") == nil)
    }

    @Test func underAllARejectionIsToldWithItsReasonToWhoApprovedBefore() throws {
        var harness = try SecurityHarness(extraConfig: Self.allTemplate)
        defer { harness.remove() }
        _ = try harness.escalate("CS0002001", from: "bob@globex.example")
        let dana = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let vic = try #require(try harness.sent("approval-requested", to: "vp-support@support.example"))
        _ = try harness.reply(to: dana, from: "duty-manager@support.example", body: "Approved.")

        let rejection = try harness.reply(to: vic, from: "vp-support@support.example", body: "REJECT the fix ships on Friday")
        #expect(rejection.outcome == .applied)
        #expect(rejection.sent.contains { $0.template == "rejected" && $0.to.first == "bob@globex.example" })
        #expect(rejection.sent.contains { $0.template == "decision-confirmed" && $0.to == ["vp-support@support.example"] })
        let told = try #require(try harness.sent("request-decided", to: "duty-manager@support.example"))
        let text = try #require(told.textBody)
        #expect(text.contains("rejected by Vic President"))
        #expect(text.contains("the fix ships on Friday"))
    }

    @Test func aDecisionThroughTheMailtoLinkIsAnsweredOnTheCaseThread() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: "duty-manager@support.example"))
        let token = SecurityHarness.token(of: approval)
        #expect(approval.textBody?.contains("subject=APPROVE%20%5Bref%3A\(token)%5D") == true)

        // What the Approve link opens: a new mail to the gateway, the token in its subject, no body, no threading headers.
        let outcome = try harness.write(from: "Dana Duty <duty-manager@support.example>", subject: "APPROVE [ref:\(token)]", body: "")
        #expect(outcome.outcome == .applied)
        #expect(outcome.escalation == "ESC0001001")
        let confirmation = try #require(try harness.sent("decision-confirmed", to: "duty-manager@support.example"))
        #expect(confirmation.subject == approval.subject, "the case thread's subject, not the link's")
        #expect(!confirmation.subject.contains("ref:"))
        #expect(confirmation.references.contains(approval.messageID ?? "-"), "answers on the thread of Dana's approval request")
        let root = try #require(approval.references.first)
        #expect(confirmation.references.first == root)
        #expect(confirmation.textBody?.contains("You approved") == true)
        #expect(try harness.sent("request-decided", to: "t2-manager@support.example") != nil)
    }
}
