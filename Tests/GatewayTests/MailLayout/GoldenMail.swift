import EscalationCore
import EscalationValues
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

    /// One golden mail: its file name (the template's, with `-account` for an account
    /// escalation's), kind, bytes and HTML part.
    struct Rendered {
        var name: String
        var kind: Notice.Kind
        var raw: [UInt8]
        var html: String
    }

    /// Kinds that also have a golden mail for an account escalation: its request and approval.
    static let accountKinds: [Notice.Kind] = [.requestReceived, .approvalRequested, .approved, .rejected]

    /// The rendered mail of each notice kind about the case, then the account escalation's.
    static func render() throws -> [Rendered] {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = try GatewayConfig.load(path: workspace.configURL.path)
        let directory = try DirectoryFile.load(path: workspace.directoryFile)
        let composer = Composer(templates: try TemplateSet(), configuration: config.escalation, gateway: gateway, domain: "support.example")
        let caseMail = try Notice.Kind.allCases.map { kind in
            try render(kind, source: .supportCase(CaseNumber("CS0001234")!), composer: composer, directory: directory)
        }
        let accountMail = try accountKinds.map { kind in
            try render(kind, source: .account(AccountNumber("ACC0001001")!), composer: composer, directory: directory)
        }
        return caseMail + accountMail
    }

    private static func render(_ kind: Notice.Kind, source: EscalationSource, composer: Composer, directory: any DirectoryLookup) throws -> Rendered {
        let (escalation, request) = try records(source)
        let isAccount = source.description.hasPrefix("ACC")
        let noSource = kind == .pendingApprovals || kind == .unknownSender
        let notice = Notice(
            kind: kind, to: [EmailAddress("jane@acme.example")!], source: noSource ? nil : source,
            escalation: hasEscalation(kind) ? escalation : nil, request: noSource ? nil : request,
            details: details(kind))
        let links = kind.carriesApprovalToken
            ? [
                "token": token, "approveLink": OutgoingSignature.approveLink(gateway.address, token: token),
                "rejectLink": OutgoingSignature.rejectLink(gateway.address, token: token),
            ] : [:]
        let body = composer.body(of: notice, directory: directory, extraContext: links)
        let name = kind.rawValue + (isAccount ? "-account" : "")
        let subject = isAccount ? "Re: [ACC0001001] Escalate our account: Acme Corp – reports and logins" : "Re: [CS0001234] Login fails – users in Zürich cannot sign in"
        let message = composer.compose(
            notice, body: body, to: MailAddress(name: "Jane Doe", address: "jane@acme.example"),
            subject: notice.source == nil ? nil : subject, messageID: "golden-\(name)@support.example",
            date: now, thread: ThreadPlacement(inReplyTo: "root@acme.example", references: ["root@acme.example"]),
            extraHeaders: [(isAccount ? "X-Escalation-Account" : "X-Escalation-Case", source.description)])
        return Rendered(name: name, kind: kind, raw: message.rendered(), html: body.html)
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
            "actor": "agent1@support.example", "reason": "All fixed now. Thanks for the quick help.", "old": "medium", "new": "high",
            "understood": "SEVERITY high", "hint": "Severity levels: high, medium, low.", "clock": "response", "target": "1h", "due": "2026-11-24 15:00 UTC",
            "age": "4h", "timeout": "1d", "waiting": "t2-manager@support.example, duty-manager@support.example", "outcome": "approved", "escalationNumber": "ESC0001001",
            "othersTold": "t2-manager@support.example", "why": "the mail failed DKIM and SPF checks", "address": "raj@acme.example", "count": "3",
            "subject": "Re: [CS0001234] Login fails", "addresses": "raj@acme.example", "error": "550 5.1.1 User unknown",
            "comment": "The patch is deployed to staging; production follows tonight at 22:00 UTC.", "note": "Called the customer; they confirm the workaround.",
            "linked": "CS0001235", "added": "raj@acme.example", "template": "case-standard", "reasons": "Lack of Progress, Customer Imposed Deadline",
            "until": "2026-11-25 14:00 UTC", "what": "jane@acme.example", "history": "REQ0000000 rejected: not enough impact.",
            "fromName": "Sam Agent", "message": "We deployed a fix to staging.\nPlease try again and tell us whether you can sign in.",
            "attached": "screenshot.png", "passedTo": "Sam Agent",
        ]
        switch kind {
        case .assignmentChanged: (details["old"], details["new"]) = ("agent1@support.example", "agent2@support.example")
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

    /// An escalation of `source` and its request, as stored: the case's names one more case,
    /// the account's two.
    private static func records(_ source: EscalationSource) throws -> (Escalation, EscalationRequest) {
        let linked = source.description.hasPrefix("ACC")
            ? [CaseNumber(unchecked: "CS0001234"), CaseNumber(unchecked: "CS0001235")] : [CaseNumber(unchecked: "CS0001235")]
        let start = now.addingTimeInterval(-3600)
        let justification = "Users in Zürich cannot sign in since Monday's update; 40 people are blocked."
        let clock: (Int) -> SLAClock = { SLAClock(target: TimeSpan(seconds: $0), startedAt: start) }
        let escalation = Escalation(
            number: EscalationNumber(unchecked: "ESC0001001"), source: source,
            account: AccountNumber(unchecked: "ACC0001001"), state: .active, severity: "high", trend: .worsening,
            linkedCases: linked, assignedTo: nil,
            watchList: [EmailAddress(unchecked: "raj@acme.example"), EmailAddress(unchecked: "am@support.example")],
            requester: EmailAddress(unchecked: "jane@acme.example"), reason: "Lack of Progress", justification: justification,
            request: RequestNumber(unchecked: "REQ0000001"), createdAt: start, deescalatedAt: nil, deescalationReason: nil,
            sla: SLA(attachedTo: "ESC0001001", response: clock(3600), update: nil, resolution: clock(86400), updatesMet: 0, updatesBreached: 0, stoppedAt: nil))
        let request = EscalationRequest(
            number: RequestNumber(unchecked: "REQ0000001"), source: source,
            account: AccountNumber(unchecked: "ACC0001001"), state: .pending, requester: EmailAddress(unchecked: "jane@acme.example"),
            reason: "Lack of Progress", justification: justification, severity: "high", template: "case-standard",
            approvers: [EmailAddress(unchecked: "t2-manager@support.example"), EmailAddress(unchecked: "duty-manager@support.example")],
            approvalRule: .any, decisions: [], previousRequests: [], linkedCases: linked, createdAt: start,
            decidedAt: nil, escalation: nil)
        return (escalation, request)
    }
}
