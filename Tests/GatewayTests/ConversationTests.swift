import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailMessage
import MailTransport
import Testing

/// A conversation driven only by `.eml` files: request → approval request in the outbox →
/// the approver's reply to it → approved notice on the case thread; then replays.
@Suite struct ConversationTests {
    @Test func requestApprovalAndThreadedAnswerThenReplaysAreDuplicates() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let sink = try gateway.config.makeSink()

        let request = try gateway.process(
            InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1"))
        try gateway.dispatch(to: sink)
        #expect(request.outcome == .applied)
        #expect(request.intent == "escalate")
        #expect(request.escalation == nil)
        let approvalMail = try #require(
            try workspace.outboxFiles().first { url in
                let text = try String(contentsOf: url, encoding: .utf8)
                return text.hasPrefix("X-Envelope-To: duty-manager@support.example\r\n") && text.contains("Approval needed")
            })

        let replyBytes = try ReplyMail.reply(
            to: approvalMail, from: "Dana Duty <duty-manager@support.example>", body: "Approved.", id: "dana-1@support.example")
        let approval = try gateway.process(InboundMail(raw: replyBytes, mailbox: "t", position: "2"))
        try gateway.dispatch(to: sink)
        #expect(approval.outcome == .applied)
        #expect(approval.escalation == "ESC0001001")
        let approvedNotice = try #require(approval.sent.first { $0.template == "approved" })
        #expect(approvedNotice.to.first == "jane@acme.example")
        #expect(approvedNotice.subject == "Re: Escalation for CS0001234 - login still failing")

        let approvedFile = try #require(
            try workspace.outboxFiles().last { try String(contentsOf: $0, encoding: .utf8).contains("Escalation approved") })
        let approvedMail = try Mail(parsing: Array(try Data(contentsOf: approvedFile)))
        #expect(approvedMail.inReplyTo == ["dana-1@support.example"])
        #expect(approvedMail.references.contains("jane-001@acme.example"))
        #expect(approvedMail.header["Auto-Submitted"] == "auto-generated")
        #expect(approvedMail.messageID?.hasSuffix("@support.example") == true)

        guard case .escalation(let shown) = try #require(try gateway.showReport("ESC0001001")) else {
            Issue.record("show ESC did not give an escalation")
            return
        }
        #expect(shown.state == "active")
        #expect(shown.severity.name == "medium" && shown.severity.color == "orange")
        #expect(shown.approvals.map(\.approver) == ["duty-manager@support.example"])
        #expect(shown.approvals.map(\.decision) == ["approved"])
        #expect(shown.journal?.map(\.action).contains("escalation.created") == true)

        let filesBefore = try workspace.outboxFiles().count
        let replay = try gateway.process(InboundMail(raw: replyBytes, mailbox: "t", position: "3"))
        let transit = Array("Received: from mx.example by mx2.example; Tue, 24 Nov 2026 10:00:00 +0000\r\n".utf8) + replyBytes
        let replayWithTransit = try gateway.process(InboundMail(raw: transit, mailbox: "t", position: "4"))
        try gateway.dispatch(to: sink)
        #expect(replay.outcome == .duplicate && replay.sent.isEmpty)
        #expect(replayWithTransit.outcome == .duplicate)
        #expect(try workspace.outboxFiles().count == filesBefore)
    }

    @Test func caseShowsEscalatedOnlyWhileTheRecordIsActive() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        _ = try gateway.process(
            InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1"))
        let shown = try #require(try gateway.showReport("CS0001234"))
        guard case .subject(let pending) = shown else {
            Issue.record("CS0001234 shows \(shown), not its case")
            return
        }
        #expect(pending.escalated == false)
        #expect(pending.requests.map(\.state) == ["pending"])
    }

    @Test func unknownSenderGetsAReplyThatLeaksNothing() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let outcome = try gateway.process(
            InboundMail(raw: try workspace.sample("06-unknown-sender/01-stranger-asks.eml"), mailbox: "t", position: "1"))
        try gateway.dispatch(to: try gateway.config.makeSink())
        #expect(outcome.outcome == .refused)
        let text = try String(contentsOf: try #require(try workspace.outboxFiles().first), encoding: .utf8)
        #expect(!text.contains("CS0001234") && !text.contains("Login fails") && !text.contains("agent1"))
    }

    @Test func autoRepliesAreIgnoredAndNeverAnswered() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let outcome = try gateway.process(InboundMail(raw: try workspace.sample("07-auto-reply/01-out-of-office.eml"), mailbox: "t", position: "1"))
        #expect(outcome.outcome == .ignored)
        #expect(outcome.sent.isEmpty)
    }

    @Test func unparseableMailFailsWithItsReasonAndIsKept() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let inbox = try DirectorySource(folder: workspace.folder.appendingPathComponent("inbox"))
        let big = Array(repeating: UInt8(ascii: "a"), count: 70 << 20)
        try Data(big).write(to: inbox.folder.appendingPathComponent("big.eml"))
        let gateway = try workspace.gateway()
        let outcomes = try gateway.drain(inbox, batchSize: 10)
        #expect(outcomes.map(\.outcome) == [.failed])
        #expect(FileManager.default.fileExists(atPath: inbox.folder.appendingPathComponent("failed/big.eml").path))
        #expect(try gateway.failedMail().first?.reason.contains("exceeds the limit") == true)
    }
}

/// A sink that refuses every mail for good, as a server answering 550 does.
struct RefusingSink: MailSink {
    func deliver(_ envelope: Envelope) throws -> [RefusedRecipient] {
        throw DeliveryError(permanent: true, refusedRecipients: envelope.recipients, message: "550 5.1.1 user unknown")
    }
}

@Suite struct DeliveryFailureTests {
    @Test func aPermanentRefusalIsJournaledAndTheOwnerIsToldOnTheThread() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        _ = try gateway.process(
            InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1"))
        try gateway.dispatch(to: RefusingSink())
        let outbox = try gateway.outbox()
        #expect(outbox.filter { $0.kind == "request-received" }.allSatisfy { $0.state == .failed })
        let notices = outbox.filter { $0.kind == "delivery-failed" }
        let refusedWithoutOwner = outbox.filter { $0.state == .failed && !$0.recipients.contains("agent1@support.example") }
        // The acknowledgement to Jane and the two approval requests (the owner's own copy is not reported to them).
        #expect(refusedWithoutOwner.count == 3)
        #expect(notices.count == refusedWithoutOwner.count)
        #expect(notices.allSatisfy { $0.recipients == ["agent1@support.example"] })
        let shown = try #require(try gateway.showReport("CS0001234"))
        guard case .subject(let report) = shown else {
            Issue.record("CS0001234 shows \(shown), not its case")
            return
        }
        #expect(report.journal.contains { $0.action == "delivery.failed" && $0.detail.contains("550 5.1.1") })
    }
}
