import Foundation
import GRDB
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

@testable import EscalationStore

/// Outbox mail is kept compressed (`OutboxBody`, v15) and sent byte for byte as it was
/// rendered; a body that cannot be read back names why instead of sending something else.
@Suite struct OutboxBodyTests {
    @Test(.sqliteFileOnly) func mailIsStoredCompressedAndSentAsRendered() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let raw = try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml")
        #expect(try gateway.process(InboundMail(raw: raw, mailbox: "t", position: "1")).outcome == .applied)

        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT outbox_id, raw, encoding FROM outbox_body ORDER BY outbox_id")
        }
        let dictionaries = try database.read { db in try Row.fetchAll(db, sql: "SELECT id, content FROM outbox_dictionary") }
        try database.close()
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0["encoding"] == "zstd" })
        let dictionary = try #require(dictionaries.first, "the gateway gave the store a dictionary")
        #expect(dictionaries.count == 1)
        #expect(try rows.allSatisfy { try OutboxBody(stored: $0["raw"], encoding: "zstd").dictionaryID.map(Int64.init) == dictionary["id"] })
        let content = String(decoding: dictionary["content"] as Data, as: UTF8.self)
        #expect(content.contains("Escalations <escalations.support.example>"), "the gateway's own headers")
        for words in ["jane", "Jane", "CS0001234", "300 users", "three days"] {
            #expect(!content.contains(words), "the dictionary holds nobody's mail: \(words)")
        }

        let queued = try gateway.outbox()
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == rows.count)
        for row in rows {
            let stored: Data = row["raw"]
            let message = try #require(queued.first { $0.id == row["outbox_id"] })
            #expect(stored.count * 2 < message.raw.count, "a rendered mail compresses to less than half")
            let sent = try #require(try workspace.outboxFiles().first { try Data(contentsOf: $0).range(of: Data(message.raw)) != nil })
            #expect(try Data(contentsOf: sent).suffix(message.raw.count) == Data(message.raw))
        }
    }

    @Test func aRenderedMailRoundTrips() throws {
        let mail = Array("Subject: x\r\n\r\n".utf8) + Array(repeating: Array("<td style=3D\"padding:6px\">".utf8), count: 200).joined()
        let body = OutboxBody(compressing: mail)
        #expect(body.encoding == .zstd)
        #expect(try body.raw() == mail)
        #expect(body.stored.count < mail.count / 10)
    }

    /// A damaged body (here a zstd frame cut short) is given up with its reason, and the
    /// outbox's other mail is still sent: one row never blocks the rest.
    @Test(.sqliteFileOnly) func aBodyThatCannotBeReadBackIsGivenUpWithItsReasonAndTheRestIsSent() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        #expect(
            try gateway.process(
                InboundMail(raw: try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml"), mailbox: "t", position: "1")
            ).outcome == .applied)
        let database = try DatabaseQueue(path: gateway.config.sqlitePath!)
        let damaged = try database.write { db in
            let id = try #require(try Int.fetchOne(db, sql: "SELECT MIN(outbox_id) FROM outbox_body"))
            try db.execute(sql: "UPDATE outbox_body SET raw = X'28B52FFD00' WHERE outbox_id = ?", arguments: [id])
            return id
        }
        try database.close()
        let queued = try gateway.outbox()
        #expect(queued.count >= 2, "the approval request and the requester's receipt at least")
        let listed = try #require(queued.first { $0.id == damaged })
        #expect(listed.raw.isEmpty && listed.unreadable?.contains("do not decompress") == true)

        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == queued.count - 1)
        #expect(try workspace.outboxFiles().count == queued.count - 1)
        let givenUp = try #require(try gateway.outbox().first { $0.id == damaged })
        #expect(givenUp.state == .failed)
        #expect(givenUp.lastError?.contains("cannot be read back") == true && givenUp.lastError?.contains("do not decompress") == true)
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == 1, "the case owner told on the thread")
        let told = try gateway.outbox().filter { $0.kind == "delivery-failed" }
        let notice = try #require(told.first)
        #expect(told.count == 1 && notice.state == .sent && notice.recipients != listed.recipients)
        #expect(String(decoding: notice.raw, as: UTF8.self).contains(listed.recipients[0]), "the notice names who did not get the mail")
        #expect(try gateway.dispatch(to: try gateway.config.makeSink()) == 0, "nothing left, and no error")
    }

    /// A mail as the gateway renders them: shared headers, HTML with inline styles in
    /// quoted-printable, and the case's own words.
    private static func renderedMail(_ index: Int, kind: String) -> [UInt8] {
        let cell = "<td style=3D\"padding:6px 12px;border-bottom:1px solid #e5e7eb;font-family:Helvetica,Arial,sans-serif\">"
        let text = """
            From: Escalations <escalations@support.example>\r
            To: Customer \(index) <customer\(index)@acme\(index % 7).example>\r
            Subject: Re: [CS\(1_000_000 + index)] Invoices missing for account \(index * 37)\r
            Message-ID: <\(kind)-\(index)-\(index * 7919)@support.example>\r
            List-Id: Escalations <escalations.support.example>\r
            X-Escalation-Event: \(kind)\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            <table role=3D"presentation" width=3D"100%">\r
            <tr>\(cell)Case</td>\(cell)CS\(1_000_000 + index)</td></tr>\r
            <tr>\(cell)Reason</td>\(cell)No progress for \(index % 30) days on order \(index * 131)</td></tr>\r
            <tr>\(cell)Event</td>\(cell)\(kind)</td></tr>\r
            </table>\r

            """
        return Array(text.utf8)
    }

    private static let kinds = ["request-received", "approval-requested", "approved", "work-note", "deescalated"]

    @Test func aDictionaryMadeFromTheGatewaysMailCompressesItsLaterMailFurther() throws {
        let samples = (0..<20).map { Self.renderedMail($0, kind: Self.kinds[$0 % Self.kinds.count]) }
        let dictionary = try #require(OutboxDictionary.made(from: samples))
        let mail = Self.renderedMail(500, kind: "approved")

        let plain = OutboxBody(compressing: mail)
        let withDictionary = OutboxBody(compressing: mail, with: dictionary)
        #expect(plain.dictionaryID == nil)
        #expect(withDictionary.dictionaryID == dictionary.id)
        #expect(withDictionary.stored.count * 3 < plain.stored.count, "\(withDictionary.stored.count) against \(plain.stored.count) bytes")
        #expect(try withDictionary.raw(using: dictionary) == mail)
        #expect(try plain.raw() == mail)
        #expect {
            try withDictionary.raw()
        } throws: { "\($0)".contains("dictionary \(dictionary.id)") }
        #expect(OutboxDictionary.made(from: Array(samples.prefix(3))) == nil, "too few mails to make one from")
    }

    /// A store compresses with the dictionary the gateway gives it, keeps it in the database
    /// (the same samples find the same row), and reads back mail compressed with a dictionary
    /// this process never saw (an earlier run's). A shared store keeps mail without one.
    @Test func theStoreKeepsItsDictionaryAndReadsMailOfAnyItHolds() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let store = try GatewayConfig.load(path: workspace.configURL.path).openStore()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let samples = (0..<20).map { Self.renderedMail($0, kind: Self.kinds[$0 % Self.kinds.count]) }
        func enqueue(_ index: Int, with dictionary: OutboxDictionary?) throws -> [UInt8] {
            let kind = Self.kinds[index % Self.kinds.count]
            let mail = Self.renderedMail(index, kind: kind)
            try store.transaction { session in
                try session.enqueue(
                    NewOutboxMessage(
                        messageID: "\(kind)-\(index)@support.example", kind: kind, source: nil, request: nil, recipients: ["customer@acme.example"],
                        subject: "s", body: OutboxBody(compressing: mail, with: dictionary)), at: now)
            }
            return mail
        }
        var mails = [try enqueue(100, with: nil)]
        try store.useOutboxDictionary(madeFrom: { samples }, now: now)
        try store.useOutboxDictionary(
            madeFrom: {
                Issue.record("the dictionary is decided once")
                return []
            }, now: now)
        if TestWorkspace.onPostgres {
            #expect(store.outboxCompression.current == nil, "a shared store keeps mail without a dictionary")
            return
        }
        let made = try #require(store.outboxCompression.current)
        mails.append(try enqueue(101, with: made))

        let unseen = try #require(OutboxDictionary.made(from: (200..<220).map { Self.renderedMail($0, kind: "unseen-\($0)") }))
        #expect(OutboxDictionary.known(unseen.id) == nil)
        #expect(try store.transaction { try $0.insert(unseen, at: now) })
        mails.append(try enqueue(102, with: unseen))

        let read = try store.read { try $0.outbox(limit: 100) }.sorted { $0.id < $1.id }
        #expect(read.map(\.raw) == mails)
        #expect(read.allSatisfy { $0.unreadable == nil })

        let later = try GatewayConfig.load(path: workspace.configURL.path).openStore()
        try later.useOutboxDictionary(madeFrom: { samples }, now: now)
        #expect(later.outboxCompression.current?.id == made.id, "the same samples, the same dictionary")
        let kept: [Int64] = try later.read { try $0.values("SELECT id FROM outbox_dictionary") }
        #expect(Set(kept) == [Int64(made.id), Int64(unseen.id)])
    }
}
