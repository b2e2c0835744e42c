import EscalationCore
import EscalationStore
import Foundation
import Gateway
import MailMessage
import Testing

/// What enters a case's thread and what its mail carries back: only participants' Message-IDs,
/// References of root, the recipient's latest mail and the parent within 998-octet lines, and
/// text without control characters.
@Suite struct ThreadRecordTests {
    private let duty = "duty-manager@support.example"
    private let jane = "jane@acme.example"
    private let stranger = "mallory@attacker.example"

    private func mail(from: String, id: String, subject: String, body: String, headers: String = "") -> String {
        "From: \(from)\r\nTo: escalations@support.example\r\nSubject: \(subject)\r\nMessage-ID: <\(id)>\r\n\(headers)Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
    }

    @Test func strangersMessageIDsStayOffTheThread() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let first = try harness.send(
            mail(from: stranger, id: "stranger-first@attacker.example", subject: "[CS0001234] hello", body: "Please escalate CS0001234"))
        #expect(first.outcome == .refused)
        let request = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let strangerReply = try harness.reply(to: approval, from: stranger, body: "Thanks, noted.")
        #expect(strangerReply.outcome == .refused)
        _ = try harness.reply(to: approval, from: duty, body: "APPROVE")
        _ = try harness.write(from: "agent1@support.example", subject: "[CS0001234] update", body: "COMMENT we are on it")
        let caseMail = try harness.allSent().filter { $0.kind != "unknown-sender" }
        #expect(caseMail.count >= 5)
        let sent = try caseMail.map { try Mail(parsing: $0.raw) }
        for mail in sent {
            #expect(mail.references.first == request.messageId, "\(mail.subject): \(mail.references)")
            #expect(!mail.references.contains("stranger-first@attacker.example") && !mail.references.contains(strangerReply.messageId))
            #expect(mail.inReplyTo != [strangerReply.messageId])
        }
    }

    @Test func referencesHoldRootLatestToTheRecipientAndParent() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let request = try harness.escalate()
        let received = try #require(try harness.allSent().last { $0.recipients.first == jane })
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        let decision = try harness.reply(to: approval, from: duty, body: "APPROVE")
        #expect(decision.outcome == .applied)
        let told = try #require(try harness.allSent().first { $0.recipients.first == jane })
        #expect(told.messageID != received.messageID)
        let answer = try Mail(parsing: told.raw)
        #expect(answer.references == [request.messageId, received.messageID, decision.messageId])
        #expect(answer.inReplyTo == [decision.messageId])
    }

    @Test func longMessageIDsNeverReachALine() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        let longID = String(repeating: "m", count: 50_000) + "@acme.example"
        let references = (1...10_000).map { "<r\($0)-\(String(repeating: "x", count: 300))@acme.example>" }.joined(separator: " ")
        let outcome = try harness.send(
            mail(
                from: jane, id: longID, subject: "Escalation CS0001234", body: "ESCALATE CS0001234\r\nReason: Lack of Progress\r\nUsers are blocked.",
                headers: "In-Reply-To: <\(longID)>\r\nReferences: \(references)\r\n"))
        #expect(outcome.outcome == .applied)
        #expect(outcome.messageId != longID && outcome.messageId.hasSuffix("@missing-message-id"))
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        _ = try harness.reply(to: approval, from: duty, body: "APPROVE")
        let raws = try harness.allSent().map(\.raw)
        #expect(raws.count >= 3)
        for raw in raws {
            let lines = String(decoding: raw, as: UTF8.self).components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 998 })
            #expect(!lines.contains { $0.contains("mmmmmmmmmm") || $0.contains("xxxxxxxxxx") })
        }
    }

    @Test func controlCharactersNeverReachTheJournalOrTheNotes() throws {
        var harness = try SecurityHarness()
        defer { harness.remove() }
        _ = try harness.escalate()
        let approval = try #require(try harness.sent("approval-requested", to: duty))
        _ = try harness.reply(to: approval, from: duty, body: "APPROVE")
        let comment = try harness.write(
            from: "agent1@support.example", subject: "[CS0001234] update", body: "COMMENT call at 10\u{0}, then\u{1B} more\tdetails\r\nsecond line")
        #expect(comment.outcome == .applied)
        let report = try harness.subject("CS0001234")
        let note = try #require(report.workNotes?.last)
        #expect(note.text.hasSuffix(": call at 10, then more\tdetails\nsecond line"))
        let entries = report.journal.filter { $0.detail.contains("call at 10") }
        #expect(!entries.isEmpty)
        #expect(entries.allSatisfy { $0.detail.contains("then more") && !$0.detail.unicodeScalars.contains { $0.value < 0x09 || $0.value == 0x1B } })
        let relayed = try harness.allSent().map { try Mail(parsing: $0.raw) }.filter { ($0.textBody ?? "").contains("call at 10") }
        #expect(!relayed.isEmpty)
        #expect(relayed.allSatisfy { ($0.textBody ?? "").contains("call at 10, then more") })
    }
}
