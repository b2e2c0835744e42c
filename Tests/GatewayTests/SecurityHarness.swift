import EscalationCore
import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailMessage
import MailTransport
import Testing

/// Drives attacks through the real pipeline: a workspace with the sample directory, helpers to
/// find the mail the gateway sent and to write replies the way a mail client (or an attacker) would.
struct SecurityHarness {
    let workspace: TestWorkspace
    let gateway: Gateway
    private var sequence = 0
    /// The mail `send` processed last, as it was written.
    private(set) var lastSent: [UInt8] = []

    /// A template that escalates Globex's cases at once, without approval.
    static let directTemplate = """
        [[template]]
        name = "globex-direct"
        type = "case"
        approval = false
        default_severity = "medium"
        accounts = ["ACC0001002"]
        """

    /// `replacing` edits the sample config; `directoryFile` replaces the sample directory; `clock` is the gateway's time.
    init(
        extraConfig: String = "", replacing: [(String, String)] = [], directoryFile: String? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        workspace = try TestWorkspace(extraConfig: extraConfig, replacing: replacing)
        _ = try workspace.gateway(clock: clock).importDirectory(path: directoryFile ?? workspace.directoryFile)
        gateway = try workspace.gateway(clock: clock)
    }

    /// Runs the timed pass (SLA events, approval reminders and timeouts) and delivers what it queued.
    func tick() throws {
        try gateway.tickSLAs()
        try gateway.dispatch(to: try gateway.config.makeSink())
    }

    /// Processes raw mail and delivers what it caused.
    mutating func send(_ raw: String) throws -> MailOutcome {
        sequence += 1
        lastSent = Array(raw.utf8)
        let outcome = try gateway.process(InboundMail(raw: lastSent, mailbox: "test", position: "\(sequence)"))
        try gateway.dispatch(to: try gateway.config.makeSink())
        return outcome
    }

    /// A new mail (not a reply).
    mutating func write(from: String, subject: String, body: String, headers: String = "") throws -> MailOutcome {
        sequence += 1
        return try send(
            "From: \(from)\r\nTo: escalations@support.example\r\nSubject: \(subject)\r\nMessage-ID: <new-\(sequence)@test.example>\r\n\(headers)Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n"
        )
    }

    /// Jane escalates a case; returns the outcome.
    mutating func escalate(_ number: String = "CS0001234", from: String = "jane@acme.example", justification: String = "Users are blocked.") throws
        -> MailOutcome
    {
        try write(from: from, subject: "Escalation \(number)", body: "ESCALATE \(number)\r\nReason: Lack of Progress\r\n\(justification)")
    }

    /// The latest mail of a template the gateway sent to an address.
    func sent(_ template: String, to address: String) throws -> Mail? {
        let message = try gateway.outbox().first { $0.kind == template && $0.recipients.contains(address) }
        return try message.map { try Mail(parsing: $0.raw) }
    }

    /// Every mail the gateway queued, newest first.
    func allSent() throws -> [OutboxMessage] { try gateway.outbox() }

    /// A reply to `original` from `from`. `to` overrides the address the reply goes to
    /// (by default the original's Reply-To, which carries the token).
    mutating func reply(
        to original: Mail, from: String, body: String, to target: String? = nil, quote: Bool = true, headers: String = ""
    ) throws -> MailOutcome {
        sequence += 1
        let references = (original.references + [original.messageID ?? ""]).map { "<\($0)>" }.joined(separator: " ")
        let quoted =
            quote
            ? "\r\n\r\nOn Tue, 24 Nov 2026, Escalations wrote:\r\n"
                + (original.textBody ?? "").split(separator: "\n").map { "> \($0)" }.joined(separator: "\r\n") : ""
        let recipient = target ?? original.replyTo.first?.address ?? "escalations@support.example"
        return try send(
            """
            \(headers)From: \(from)\r
            To: \(recipient)\r
            Subject: Re: \(original.subject)\r
            Message-ID: <reply-\(sequence)@test.example>\r
            In-Reply-To: <\(original.messageID ?? "")>\r
            References: \(references)\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\(quoted)\r

            """)
    }

    /// A delivery status notification (RFC 3464) for `messageID`, naming `recipient` as failed
    /// with `status` (none: no Status field), as a receiving server or a forger writes one.
    static func deliveryStatus(_ index: Int, messageID: String, recipient: String, status: String?) -> String {
        """
        From: MAILER-DAEMON@mx.elsewhere.example\r
        To: escalations@support.example\r
        Subject: Undelivered Mail Returned to Sender\r
        Message-ID: <dsn-\(index)@mx.elsewhere.example>\r
        Content-Type: multipart/report; report-type=delivery-status; boundary=b\r
        \r
        --b\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.elsewhere.example\r
        \r
        Final-Recipient: rfc822; \(recipient)\r
        Action: failed\r
        \(status.map { "Status: \($0)\r\n" } ?? "")--b\r
        Content-Type: text/rfc822-headers\r
        \r
        Message-ID: <\(messageID)>\r
        --b--\r

        """
    }

    /// `show CS…` as a value.
    func subject(_ number: String) throws -> SubjectReport {
        guard case .subject(let report) = try gateway.showReport(number) else { throw TestFailure("no subject \(number)") }
        return report
    }

    /// The approval token carried in an approval request's Reply-To.
    static func token(of mail: Mail) -> String {
        let address = mail.replyTo.first?.address ?? ""
        return String(address.drop { $0 != "+" }.dropFirst().prefix { $0 != "@" })
    }

    func remove() { workspace.remove() }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
