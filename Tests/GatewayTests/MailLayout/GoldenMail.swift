import EscalationCore
import EscalationValues
import Foundation
import GatewayTestSupport
import MailComposing
import MailMessage

@testable import Gateway

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
            event(kind), to: [EmailAddress("jane@acme.example")!], source: noSource ? nil : source,
            escalation: hasEscalation(kind) ? escalation : nil, request: noSource ? nil : request)
        let links =
            kind.carriesApprovalToken
            ? [
                "token": token, "approveLink": OutgoingSignature.approveLink(gateway.address, token: token),
                "rejectLink": OutgoingSignature.rejectLink(gateway.address, token: token),
            ] : [:]
        let body = composer.body(of: notice, directory: directory, extraContext: links)
        let name = kind.rawValue + (isAccount ? "-account" : "")
        let subject =
            isAccount
            ? "Re: [ACC0001001] Escalate our account: Acme Corp – reports and logins" : "Re: [CS0001234] Login fails – users in Zürich cannot sign in"
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

    /// The event of each kind as the engine and gateway write them, with values as people write them.
    private static func event(_ kind: Notice.Kind) -> Notice.Event {
        let agent = EmailAddress(unchecked: "agent1@support.example")
        let raj = EmailAddress(unchecked: "raj@acme.example")
        let waiting = [EmailAddress(unchecked: "t2-manager@support.example"), EmailAddress(unchecked: "duty-manager@support.example")]
        let thanks = "All fixed now. Thanks for the quick help."
        let fridayFix = "The fix ships on Friday, so no escalation is needed."
        let sla = Notice.SLAEvent(clock: "response", target: TimeSpan(seconds: 3600), due: Date(timeIntervalSince1970: 1_795_532_400))
        let settlement = Notice.Settlement(by: agent, outcome: .approved, reason: thanks, escalation: EscalationNumber(unchecked: "ESC0001001"))
        var message = Notice.RelayedMessage(
            text: "We deployed a fix to staging.\nPlease try again and tell us whether you can sign in.", author: agent, authorName: "Sam Agent")
        message.attached = ["screenshot.png"]
        switch kind {
        case .requestReceived: return .requestReceived()
        case .approvalRequested: return .approvalRequested(history: ["REQ0000000 rejected: not enough impact."])
        case .escalated: return .escalated()
        case .approved: return .approved
        case .rejected: return .rejected(reason: fridayFix)
        case .reescalationReceived: return .reescalationReceived
        case .reescalationCooldown: return .reescalationCooldown(reason: fridayFix, until: Date(timeIntervalSince1970: 1_795_615_200))
        case .decisionRecorded: return .decisionRecorded(waitingFor: waiting)
        case .alreadyDecided: return .alreadyDecided
        case .deescalated: return .deescalated(by: agent, reason: thanks)
        case .severityChanged: return .severityChanged(by: agent, from: "medium", to: "high")
        case .trendChanged: return .trendChanged(by: agent, from: "medium", to: "high")
        case .watchListChanged: return .watchListChanged(by: agent, .added(raj))
        case .linkedCasesChanged: return .linkedCasesChanged(by: agent, .added(CaseNumber(unchecked: "CS0001235")))
        case .assignmentChanged: return .assignmentChanged(by: agent, from: agent, to: EmailAddress(unchecked: "agent2@support.example"))
        case .customerMessage: return .customerMessage(message)
        case .staffMessage: return .staffMessage(message)
        case .messagePassed: return .messagePassed(to: "Sam Agent", .note)
        case .internalNote: return .internalNote(message)
        case .noSuchCase: return .noSuchCase
        case .workNote: return .workNote(by: agent, text: "Called the customer; they confirm the workaround.")
        case .slaWarning: return .slaWarning(sla)
        case .slaBreached: return .slaBreached(sla)
        case .notUnderstood: return .notUnderstood(understood: "SEVERITY high", hint: "Severity levels: high, medium, low.")
        case .notPermitted: return .notPermitted(understood: "SEVERITY high", hint: "Severity levels: high, medium, low.")
        case .unknownSender: return .unknownSender
        case .reasonNeeded: return .reasonNeeded(understood: "SEVERITY high", reasons: ["Lack of Progress", "Customer Imposed Deadline"])
        case .alreadyEscalated: return .alreadyEscalated
        case .nothingToDo: return .nothingToDo(understood: "SEVERITY high", hint: "Severity levels: high, medium, low.")
        case .decisionNotAccepted: return .decisionNotAccepted
        case .answersPaused: return .answersPaused(what: "jane@acme.example")
        case .addressSuppressed: return .addressSuppressed(address: "raj@acme.example", bounces: 3)
        case .deliveryFailed:
            return .deliveryFailed(addresses: ["raj@acme.example"], error: "550 5.1.1 User unknown", subject: "Re: [CS0001234] Login fails")
        case .confirmationRequired: return .confirmationRequired(understood: "SEVERITY high", why: "the mail failed DKIM and SPF checks")
        case .requestDecided: return .requestDecided(settlement)
        case .decisionConfirmed: return .decisionConfirmed(settlement, othersTold: [EmailAddress(unchecked: "t2-manager@support.example")])
        case .approvalReminder: return .approvalReminder(age: "4h")
        case .approvalOverdue: return .approvalOverdue(Notice.Overdue(waitingFor: waiting, timeout: TimeSpan(seconds: 86_400)), age: "4h")
        case .noApprover:
            return .noApprover(
                requester: agent, why: "Template case-standard asks the case's assignment group manager, and CS0001234 has none.",
                template: "case-standard")
        case .requestWithdrawn: return .requestWithdrawn(by: agent)
        case .pendingApprovals:
            let approve = OutgoingSignature.approveLink(gateway.address, token: token)
            let reject = OutgoingSignature.rejectLink(gateway.address, token: token)
            return .pendingApprovals(items: [
                """
                REQ0000001: CS0001234 – Login fails (Acme Corp, ACC0001001)
                Requested by Jane Doe <jane@acme.example>, waiting 4h
                Reason: Lack of Progress – Users in Zürich cannot sign in since Monday's update.
                Approve: \(approve)
                Reject: \(reject)
                """
            ])
        }
    }

    /// An escalation of `source` and its request, as stored: the case's names one more case,
    /// the account's two.
    static func records(_ source: EscalationSource) throws -> (Escalation, EscalationRequest) {
        let linked =
            source.description.hasPrefix("ACC")
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
            sla: SLA(
                attachedTo: "ESC0001001", response: clock(3600), update: nil, resolution: clock(86400), updatesMet: 0, updatesBreached: 0,
                stoppedAt: nil))
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
