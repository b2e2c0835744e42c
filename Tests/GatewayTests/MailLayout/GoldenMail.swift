import EscalationCore
import Foundation
@testable import Gateway
import MailComposing
import MailMessage

/// Every template rendered from fixed values: the sample directory and config, one case
/// escalation and its request, a fixed clock, Message-IDs and approval token, so that the mail
/// comes out byte for byte the same on every run.
enum GoldenMail {
    static let folder = TestWorkspace.repository.appendingPathComponent("Tests/GatewayTests/MailLayout/Golden")
    /// Where the HTML parts and `preview.html` are written for a look (not committed).
    static let previewFolder = TestWorkspace.repository.appendingPathComponent(".build/mail-preview")
    static let now = Date(timeIntervalSince1970: 1_795_430_400)
    static let token = "r1xgolden0token"
    static let gateway = MailAddress(name: "Escalations", address: "escalations@support.example")

    /// The rendered mail of each notice kind, by kind.
    static func render() throws -> [(kind: Notice.Kind, raw: [UInt8], html: String)] {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        let directory = try DirectoryFile.load(path: workspace.directoryFile)
        let composer = Composer(templates: try TemplateSet(), configuration: config.escalation, gateway: gateway, domain: "support.example")
        let (escalation, request) = try records()
        return Notice.Kind.allCases.map { kind in
            let notice = Notice(
                kind: kind, to: [EmailAddress("jane@acme.example")!], source: kind == .pendingApprovals || kind == .unknownSender ? nil : .supportCase(CaseNumber("CS0001234")!),
                escalation: hasEscalation(kind) ? escalation : nil, request: [.pendingApprovals, .unknownSender].contains(kind) ? nil : request,
                details: details(kind))
            let links = kind.carriesApprovalToken
                ? [
                    "token": token, "approveLink": OutgoingSignature.approveLink(gateway.address, token: token),
                    "rejectLink": OutgoingSignature.rejectLink(gateway.address, token: token),
                ] : [:]
            let body = composer.body(of: notice, directory: directory, extraContext: links)
            let message = composer.compose(
                notice, body: body, to: MailAddress(name: "Jane Doe", address: "jane@acme.example"),
                subject: notice.source == nil ? nil : "Re: [CS0001234] Login fails – users in Zürich cannot sign in", messageID: "golden-\(kind.rawValue)@support.example",
                date: now, thread: ThreadPlacement(inReplyTo: "root@acme.example", references: ["root@acme.example"]),
                extraHeaders: [("X-Escalation-Case", "CS0001234")])
            return (kind, message.rendered(), body.html)
        }
    }

    private static func hasEscalation(_ kind: Notice.Kind) -> Bool {
        switch kind {
        case .requestReceived, .approvalRequested, .rejected, .reescalationReceived, .reescalationCooldown, .decisionRecorded, .approvalReminder,
            .approvalOverdue, .noApprover, .requestWithdrawn, .pendingApprovals, .decisionNotAccepted, .unknownSender:
            false
        default: true
        }
    }

    /// What the engine puts in a notice's details, with values as people write them.
    private static func details(_ kind: Notice.Kind) -> [String: String] {
        var details = [
            "actor": "Sam Agent", "reason": "All fixed now, please de-escalate. Thanks for the quick help.", "old": "medium", "new": "high",
            "understood": "SEVERITY high", "hint": "Severity levels: high, medium, low.", "clock": "response", "target": "1h", "due": "2026-11-24 15:00 UTC",
            "age": "4h", "timeout": "1d", "waiting": "Terry Tier2, Dana Duty", "outcome": "approved", "escalationNumber": "ESC0001001",
            "othersTold": "Terry Tier2", "why": "the mail failed DKIM and SPF checks", "address": "raj@acme.example", "count": "3",
            "subject": "Re: [CS0001234] Login fails", "addresses": "raj@acme.example", "error": "550 5.1.1 User unknown",
            "comment": "The patch is deployed to staging; production follows tonight at 22:00 UTC.", "note": "Called the customer; they confirm the workaround.",
            "linked": "CS0001235", "added": "Raj Patel", "template": "case-standard", "reasons": "Lack of Progress, Customer Imposed Deadline",
            "until": "2026-11-25 14:00 UTC", "what": "jane@acme.example", "history": "REQ0000000 rejected: not enough impact.",
            "fromName": "Sam Agent", "message": "We deployed a fix to staging.\nPlease try again and tell us whether you can sign in.",
            "attached": "screenshot.png", "passedTo": "Sam Agent",
        ]
        switch kind {
        case .customerMessage, .internalNote: details["actor"] = "agent1@support.example"
        case .rejected, .reescalationCooldown: details["reason"] = "The fix ships on Friday, so no escalation is needed."
        case .noApprover: details["reason"] = "Template case-standard asks the case's assignment group manager, and CS0001234 has none."
        case .pendingApprovals:
            let approve = OutgoingSignature.approveLink(gateway.address, token: token)
            let reject = OutgoingSignature.rejectLink(gateway.address, token: token)
            details["count"] = "1"
            details["items"] = """
                REQ0000001: CS0001234 – Login fails (Acme Corp, ACC0001001)
                Requested by Jane Doe <jane@acme.example>, waiting 4h
                Reason: Lack of Progress – Users in Zürich cannot sign in since Monday's update.
                Approve: \(approve)
                Reject: \(reject)
                """
        default: break
        }
        return details
    }

    /// A case escalation and its request, as stored.
    private static func records() throws -> (Escalation, EscalationRequest) {
        let start = now.timeIntervalSince1970 - 3600
        let clock: (Int) -> String = { #"{"target": {"seconds": \#($0)}, "startedAt": \#(start), "dueAt": \#(start + Double($0))}"# }
        let escalation = """
            {"number": "ESC0001001", "source": "CS0001234", "account": "ACC0001001", "state": "active", "severity": "high", "trend": "worsening",
             "linkedCases": ["CS0001235"], "watchList": ["raj@acme.example", "am@support.example"], "requester": "jane@acme.example",
             "reason": "Lack of Progress", "justification": "Users in Zürich cannot sign in since Monday's update; 40 people are blocked.",
             "request": "REQ0000001", "createdAt": \(start),
             "sla": {"attachedTo": "ESC0001001", "response": \(clock(3600)), "resolution": \(clock(86400)), "updatesMet": 0, "updatesBreached": 0}}
            """
        let request = """
            {"number": "REQ0000001", "source": "CS0001234", "account": "ACC0001001", "state": "pending", "requester": "jane@acme.example",
             "reason": "Lack of Progress", "justification": "Users in Zürich cannot sign in since Monday's update; 40 people are blocked.",
             "severity": "high", "template": "case-standard", "approvers": ["t2-manager@support.example", "duty-manager@support.example"],
             "approvalRule": "any", "decisions": [], "previousRequests": [], "linkedCases": ["CS0001235"], "createdAt": \(start)}
            """
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try decoder.decode(Escalation.self, from: Data(escalation.utf8)), try decoder.decode(EscalationRequest.self, from: Data(request.utf8)))
    }
}
