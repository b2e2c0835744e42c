import EscalationCore
import EscalationStore
import Foundation
import GatewayDemo
import GatewayTestSupport
import MailMessage
import Testing

@testable import Gateway

/// A case is one conversation for everyone on it: every mail the gateway sends about a case,
/// to a person with earlier mail about that case, joins one of that person's conversations,
/// under Gmail's rule (a reference and the same subject) and under References threading.
@Suite struct OneConversationPerCaseTests {
    /// The sample conversations, played as the demo plays them (replies written as a client
    /// writes them to the gateway's real mail).
    @Test func samplesStayOneConversationPerCase() throws {
        var recorder = try ConversationRecorder()
        defer { recorder.harness.remove() }
        let folder = TestWorkspace.repository.appendingPathComponent("Samples/conversations")
        let flows = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter(\.hasDirectoryPath).sorted { $0.lastPathComponent < $1.lastPathComponent }
        var steps = 0
        for flow in flows {
            let files = try FileManager.default.contentsOfDirectory(at: flow, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "eml" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
            for file in files {
                let step = try DemoStep(file: file)
                // The demo runs the timed pass after a wait (SLA events, approval reminders).
                if let wait = step.wait { try recorder.wait(wait.seconds) }
                let author = step.mail.from?.address ?? ""
                var raw = step.raw
                if let template = step.answers {
                    let original = try #require(
                        recorder.sent.last { $0.kind == template && $0.recipients.contains(author.lowercased()) }, "\(file.lastPathComponent)")
                    raw = step.reply(to: try Mail(parsing: original.raw), sequence: steps, date: recorder.clock.now())
                }
                try recorder.send(String(decoding: raw, as: UTF8.self), from: author)
                steps += 1
            }
        }
        #expect(steps >= 14)
        try recorder.checkHeaders()
        for rule in ThreadingRule.allCases {
            let splits = recorder.mailboxes.splits(under: rule)
            print("samples: \(steps) mails in, \(recorder.sent.count) out; under \(rule) \(splits.count) opened a second conversation")
            #expect(splits.isEmpty, "\(splits)")
        }
    }

    /// Over 200 generated conversations with every event the gateway sends about a case.
    @Test func generatedConversationsStayOneConversationPerCase() throws {
        var generated = try GeneratedConversations(seed: 22)
        defer { generated.recorder.harness.remove() }
        try generated.play(count: 216)
        let recorder = generated.recorder
        try recorder.checkHeaders()
        let events = Set(recorder.sent.map(\.kind))
        let expected: Set<String> = [
            "request-received", "approval-requested", "approved", "escalated", "rejected", "reescalation-received", "reescalation-cooldown",
            "already-escalated", "reason-needed", "not-understood", "not-permitted", "unknown-sender", "decision-recorded", "already-decided",
            "decision-not-accepted", "severity-changed", "trend-changed", "watch-list-changed", "assignment-changed", "work-note",
            "customer-message", "staff-message", "message-passed", "internal-note", "no-such-case", "deescalated", "sla-warning", "sla-breached",
            "address-suppressed", "answers-paused",
        ]
        #expect(expected.subtracting(events).isEmpty, "events that never came up: \(expected.subtracting(events).sorted())")
        for rule in ThreadingRule.allCases {
            let splits = recorder.mailboxes.splits(under: rule)
            print(
                "generated: 216 conversations, \(recorder.sent.count) mails out, \(events.count) events; under \(rule) \(splits.count) opened a second conversation"
            )
            #expect(splits.isEmpty, "\(splits.prefix(10))")
        }
    }

    /// The checker itself: a mail that refers to nothing in the mailbox, or keeps no subject,
    /// opens a second conversation under Gmail's rule.
    @Test func checkerFindsSplitConversations() {
        var mailboxes = Mailboxes()
        let first = MailboxMail(messageID: "a", subject: "Login fails", references: [], about: "CS1", fromGateway: false)
        mailboxes.add(first, to: "pat@x.example")
        mailboxes.add(
            MailboxMail(messageID: "b", subject: "AW: Login fails", references: ["a"], about: "CS1", fromGateway: true), to: "pat@x.example")
        mailboxes.add(
            MailboxMail(messageID: "c", subject: "Escalation approved", references: ["a"], about: "CS1", fromGateway: true), to: "pat@x.example")
        mailboxes.add(
            MailboxMail(messageID: "d", subject: "Re: Login fails", references: ["zz"], about: "CS1", fromGateway: true), to: "pat@x.example")
        #expect(mailboxes.splits(under: .gmail).map(\.mail.messageID) == ["c", "d"])
        #expect(mailboxes.splits(under: .references).map(\.mail.messageID) == ["d"])
    }
}
