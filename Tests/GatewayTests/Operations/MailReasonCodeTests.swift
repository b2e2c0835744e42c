import EscalationStore
import Testing

@testable import Gateway

/// The `reason` label's value for the reasons the pipeline writes: bounded, never free text.
@Suite struct MailReasonCodeTests {
    @Test(arguments: [
        (ReceiptOutcome.applied, "escalate (body-number)", "escalate"), (.applied, "pending: 2 waiting", "pending"),
        (.refused, "unknown-sender (body-number)", "unknown-sender"), (.refused, "unknown sender", "unknown-sender"),
        (.refused, "not understood (subject-tag)", "not-understood"),
        (.refused, "decision not accepted: not an approver of ESC0001001", "decision-not-accepted"),
        (.refused, "confirmation-required: no reply token", "confirmation-required"),
        (.refused, "decision_unverified (reply-token)", "decision-unverified"),
        (.refused, "no case or account found", "no-case-found"), (.refused, "pending: not staff", "not-permitted"),
        (.ignored, "auto-reply: Auto-Submitted: auto-replied", "auto-reply"), (.ignored, "bounce for jane@acme.example 5.1.1", "bounce"),
        (.failed, "failed 5 times, last: disk I/O error", "attempts-exhausted"), (.failed, "header too large", "unreadable"),
        (.duplicate, "already processed", "already-processed"), (.refused, "jane@acme.example CS0001234 said so", "other"),
    ])
    func reasonCodes(_ outcome: ReceiptOutcome, _ reason: String, _ code: String) {
        #expect(MailReasonCode.of(outcome, reason: reason) == code)
        #expect(MailReasonCode.all.contains(code))
    }
}
