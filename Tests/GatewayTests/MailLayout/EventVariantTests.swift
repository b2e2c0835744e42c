import EscalationCore
import EscalationValues
import Foundation
import GatewayTestSupport
import MailComposing
import MailMessage
import Testing

@testable import Gateway

/// The forms of an event the golden mail (one per kind) does not show, each with the sentence
/// its mail says: a backup approver's request, removals, what a passed message was read as, a
/// note kept, cases and files left out, a history of several lines.
@Suite struct EventVariantTests {
    private static let agent = EmailAddress(unchecked: "agent1@support.example")
    private static let leftOut = ["CS0009999 (no such case on account Acme Corp)"]

    private static var relayedWithFilesLeftOut: Notice.RelayedMessage {
        var message = Notice.RelayedMessage(text: "Logs attached.", author: EmailAddress(unchecked: "jane@acme.example"), authorName: "Jane Doe")
        message.attached = ["screenshot.png"]
        message.leftOut = ["logs.zip (12.5 MB)", "dump.bin (3.0 MB)"]
        return message
    }

    static let variants: [(Notice.Event, String)] = [
        (
            .approvalRequested(
                overdue: Notice.Overdue(
                    waitingFor: [EmailAddress(unchecked: "t2-manager@support.example"), EmailAddress(unchecked: "duty-manager@support.example")],
                    timeout: TimeSpan(seconds: 86_400))),
            "The approvers (Terry Tier2, Dana Duty) have not decided within 1d; you may decide as backup approver."
        ),
        (
            .approvalRequested(history: ["REQ0000000: Lack of Progress, rejected: not before Friday,\nwhen the fix ships"]),
            "Earlier requests: - REQ0000000: Lack of Progress, rejected: not before Friday, - when the fix ships"
        ),
        (
            .watchListChanged(by: agent, .removed(EmailAddress(unchecked: "raj@acme.example"))),
            "Raj Patel was removed from the watch list of ESC0001001 by Sam Agent."
        ),
        (.linkedCasesChanged(by: agent, .removed(CaseNumber(unchecked: "CS0001235"))), "CS0001235 was unlinked from ESC0001001 by Sam Agent."),
        (
            .assignmentChanged(by: agent, from: nil, to: EmailAddress(unchecked: "agent2@support.example")),
            "Sam Agent assigned ESC0001001 to Kim Agent (was nobody)."
        ),
        (.messagePassed(to: "Jane Doe", .message), "Message passed on – Login fails Your message was passed to Jane Doe."),
        (
            .messagePassed(to: "Jane Doe", .unclearMessage),
            "Your message was passed to Jane Doe. It was read as a message, so nothing on CS0001234 was changed."
        ),
        (
            .notUnderstood(understood: "approve with doubt", hint: "Reply APPROVE", keptAsNote: true),
            "Understood: approve with doubt Your text was kept as an internal note for the staff on this escalation. Reply APPROVE"
        ),
        (.escalated(leftOut: leftOut), "Cases left out: CS0009999 (no such case on account Acme Corp)."),
        (.requestReceived(leftOut: leftOut), "Left out: CS0009999 (no such case on account Acme Corp)."),
        (
            .customerMessage(relayedWithFilesLeftOut),
            "Attached: screenshot.png Left out, as they pass the size limit for attachments: logs.zip (12.5 MB), dump.bin (3.0 MB). Ask Jane Doe for them"
        ),
    ]

    @Test(arguments: variants)
    func theMailSaysWhatTheEventHolds(_ event: Notice.Event, _ sentence: String) throws {
        let text = try Self.text(of: event)
        #expect(text.contains(sentence), "\(text)")
    }

    @Test func aMessagePassedAsWrittenSaysNothingOfHowItWasRead() throws {
        let text = try Self.text(of: .messagePassed(to: "Jane Doe", .message))
        #expect(!text.contains("read as a message") && !text.contains("internal note"), "\(text)")
    }

    /// The text body of the event's mail about CS0001234 to a staff member, its lines joined by blanks.
    private static func text(of event: Notice.Event) throws -> String {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        let directory = try DirectoryFile.load(path: workspace.directoryFile)
        let composer = Composer(
            templates: try TemplateSet(), configuration: config.escalation, gateway: GoldenMail.gateway, domain: "support.example")
        let source = EscalationSource.supportCase(CaseNumber(unchecked: "CS0001234"))
        var (escalation, request) = try GoldenMail.records(source)
        escalation.assignedTo = nil
        request.previousRequests = [RequestNumber(unchecked: "REQ0000000")]
        let notice = Notice(event, to: [agent], source: source, escalation: escalation, request: request)
        let body = composer.body(of: notice, directory: directory)
        return body.text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
