import EscalationStore
import Foundation
import GatewayDemo
import GatewayTestSupport
import MailMessage
import Testing

@testable import Gateway

/// Plays mail through a real gateway (SQLite file, directory transports) and files every mail,
/// the people's and the gateway's, into its people's mailboxes, in the order it was written.
struct ConversationRecorder {
    var harness: SecurityHarness
    let clock: VirtualClock
    private(set) var mailboxes = Mailboxes()
    /// Every gateway mail, oldest first.
    private(set) var sent: [OutboxMessage] = []
    private var lastOutboxID = 0
    private var sequence = 0

    init(replacing: [(String, String)] = [], directoryFile: String? = nil) throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_795_000_000))
        self.clock = clock
        harness = try SecurityHarness(replacing: replacing, directoryFile: directoryFile, clock: { clock.now() })
    }

    /// Processes a mail a person wrote, files it into their mailbox (about the case the gateway
    /// took it for), and files what the gateway sent meanwhile.
    @discardableResult
    mutating func send(_ raw: String, from author: String) throws -> MailOutcome {
        clock.advance(by: 60)
        let outcome = try harness.send(raw)
        let parsed = try Mail(parsing: harness.lastSent)
        let about = try harness.gateway.store.read { try $0.threadMessage(amongst: [parsed.messageID ?? ""]) }?.source
        mailboxes.add(try MailboxMail(parsing: harness.lastSent, about: about, fromGateway: false), to: author)
        try collect()
        return outcome
    }

    /// Runs the SLA clocks `seconds` later and files what they sent.
    mutating func wait(_ seconds: Int) throws {
        clock.advance(by: seconds)
        _ = try harness.gateway.tickSLAs()
        try harness.gateway.dispatch(to: try harness.gateway.config.makeSink())
        try collect()
    }

    /// Files the gateway's mail written since the last call into each recipient's mailbox.
    private mutating func collect() throws {
        let rows = try harness.gateway.store.read { try $0.outbox(after: lastOutboxID) }
        for row in rows {
            lastOutboxID = max(lastOutboxID, row.id)
            sent.append(row)
            let entry = try MailboxMail(parsing: row.raw, about: row.source, fromGateway: true, event: row.kind)
            for recipient in row.recipients { mailboxes.add(entry, to: recipient) }
        }
    }

    /// The latest gateway mail to `person` about `about`, preferring these templates.
    func latest(to person: String, about: String, preferring kinds: [String] = []) throws -> Mail? {
        let mine = sent.filter { $0.recipients.contains(person.lowercased()) && $0.source == about }
        let row = kinds.lazy.compactMap { kind in mine.last { $0.kind == kind } }.first ?? mine.last
        return try row.map { try Mail(parsing: $0.raw) }
    }

    /// A new mail (no threading headers) from `author`.
    @discardableResult
    mutating func write(from author: String, subject: String, body: String) throws -> MailOutcome {
        sequence += 1
        return try send(
            "From: \(author)\r\nTo: escalations@support.example\r\nSubject: \(subject)\r\nMessage-ID: <fresh-\(sequence)@client.example>\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n\(body)\r\n", from: author)
    }

    /// A reply as a mail client writes it: to the Reply-To, `prefix` and the subject, In-Reply-To
    /// and References, the text above the quoted original.
    @discardableResult
    mutating func reply(to original: Mail, from author: String, body: String, prefix: String = "Re: ") throws -> MailOutcome {
        sequence += 1
        let references = (original.references + [original.messageID ?? ""]).map { "<\($0)>" }.joined(separator: " ")
        let quoted = (original.textBody ?? "").split(separator: "\n").map { "> \($0)" }.joined(separator: "\r\n")
        let target = original.replyTo.first?.address ?? "escalations@support.example"
        return try send(
            "From: \(author)\r\nTo: \(target)\r\nSubject: \(prefix)\(original.subject)\r\nMessage-ID: <reply-\(sequence)@client.example>\r\n"
                + "In-Reply-To: <\(original.messageID ?? "")>\r\nReferences: \(references)\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "\(body)\r\n\r\nOn Tue, 24 Nov 2026, Escalations wrote:\r\n\(quoted)\r\n", from: author)
    }

    /// Checks what every conversation needs: `List-Id` on every mail, the case headers on
    /// every mail about a case and none (nor the case number anywhere) on mail that names none,
    /// but for the answer to `PENDING`, which lists the requests waiting for its (staff) reader.
    func checkHeaders() throws {
        for row in sent {
            let mail = try Mail(parsing: row.raw)
            #expect(mail.header["List-Id"] == "Escalations <escalations.support.example>", "\(row.kind) to \(row.recipients)")
            #expect(mail.header["X-Escalation-Event"] == row.kind)
            if let source = row.source {
                #expect(mail.header["X-Escalation-Case"] == source, "\(row.kind) to \(row.recipients)")
            } else {
                #expect(
                    mail.header["X-Escalation-Case"] == nil && mail.header["X-Escalation-Number"] == nil && mail.header["X-Escalation-Reason"] == nil)
                let text = String(decoding: row.raw, as: UTF8.self)
                guard row.kind != "pending-approvals" else { continue }
                #expect(text.range(of: #"(CS|ACC|ESC|REQ)\d{7}"#, options: .regularExpression) == nil, "\(row.kind) names a case: \(mail.subject)")
            }
        }
    }
}
