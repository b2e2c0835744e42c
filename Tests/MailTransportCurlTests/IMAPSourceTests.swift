import EscalationValues
import Foundation
import MailTransport
import MailTransportCurl
import Testing

/// `IMAPSource` acts on typed responses: mail carries its UID and UIDVALIDITY as values, and
/// what breaks the grammar or the protocol is an error, never a mail under a wrong UID. The
/// server is scripted, since Dovecot (which the real-server tests use) sends none of these faults.
@Suite struct IMAPSourceTests {
    static let select = "* 2 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 1700000000] UIDs valid\r\n* OK [UIDNEXT 18] Predicted next UID\r\n"

    private func makeSource(_ server: ScriptedIMAPServer) -> IMAPSource {
        IMAPSource(
            credentials: ServerCredentials(
                url: "imap://127.0.0.1:\(server.port)/INBOX", user: "gateway", password: "secret", caFile: nil, security: .none),
            mailbox: "INBOX", processedFolder: "Processed", failedFolder: "Failed")
    }

    private func position(_ validity: UInt32, _ uid: UInt32) throws -> IMAPPosition {
        IMAPPosition(uidValidity: try #require(UIDValidity(rawValue: validity)), uid: try #require(UID(rawValue: uid)))
    }

    @Test func mailComesInUIDOrderWithItsPositionAndIsMovedByItsUID() throws {
        let server = try ScriptedIMAPServer(sessions: [
            .init([
                "SELECT": Self.select, "UID SEARCH": "* SEARCH 17 16\r\n",
                "UID FETCH":
                    "* 2 FETCH (UID 17 BODY[] \(literal(trickyMail)))\r\n* 1 FETCH (UID 16 BODY[] {5}\r\nfirst)\r\n* 1 FETCH (FLAGS (\\Seen))\r\n",
            ])
        ])
        let source = makeSource(server)
        let mails = try source.fetch(limit: 10)
        let positions: [IMAPPosition?] = [try position(1_700_000_000, 16), try position(1_700_000_000, 17)]
        #expect(mails.map(\.imapPosition) == positions)
        #expect(mails.map(\.raw) == [Array("first".utf8), Array(trickyMail.utf8)])
        #expect(mails.map(\.position) == ["imap:INBOX/1700000000/16", "imap:INBOX/1700000000/17"])
        #expect(mails.map(\.uid) == [16, 17])
        #expect(server.commands.contains("UID FETCH 16,17 (UID BODY.PEEK[])"))
        try source.settle(mails[1], as: .processed)
        #expect(server.commands.last == "UID MOVE 17 \"Processed\"")
    }

    @Test func aUIDOfZeroIsAnErrorNotAMail() throws {
        let server = try ScriptedIMAPServer(sessions: [
            .init(["SELECT": Self.select, "UID SEARCH": "* SEARCH 16\r\n", "UID FETCH": "* 1 FETCH (UID 0 BODY[] {5}\r\nfirst)\r\n"])
        ])
        #expect(throws: IMAPParseError(expected: "a UID other than 0", excerpt: "0 BODY[] {5}\\r\\nfirst)\\r\\n")) {
            try makeSource(server).fetch(limit: 10)
        }
    }

    @Test func aMessageWithoutItsUIDIsAnError() throws {
        let server = try ScriptedIMAPServer(sessions: [
            .init(["SELECT": Self.select, "UID SEARCH": "* SEARCH 16\r\n", "UID FETCH": "* 1 FETCH (BODY[] {5}\r\nfirst)\r\n"])
        ])
        let error = #expect(throws: CurlError.self) { try makeSource(server).fetch(limit: 10) }
        #expect(error?.message == "IMAP UID FETCH: the server sent a message without its UID")
    }

    @Test func aMailboxWithoutUIDVALIDITYIsNotRead() throws {
        let server = try ScriptedIMAPServer(sessions: [.init(["SELECT": "* 2 EXISTS\r\n", "UID SEARCH": "* SEARCH 16\r\n"])])
        let error = #expect(throws: CurlError.self) { try makeSource(server).fetch(limit: 10) }
        #expect(error?.message == "IMAP SELECT INBOX: the server sent no UIDVALIDITY")
        #expect(!server.commands.contains { $0.hasPrefix("UID SEARCH") })
    }

    @Test func aMailIsNotMovedByItsUIDUnderAnotherUIDVALIDITY() throws {
        let mailAnswers = ["UID SEARCH": "* SEARCH 16\r\n", "UID FETCH": "* 1 FETCH (UID 16 BODY[] {5}\r\nfirst)\r\n"]
        let renumbered = Self.select.replacingOccurrences(of: "1700000000", with: "1800000000")
        let server = try ScriptedIMAPServer(sessions: [
            .init(mailAnswers.merging(["SELECT": Self.select]) { $1 }, closesAfter: "UID FETCH"),
            .init(mailAnswers.merging(["SELECT": renumbered]) { $1 }),
        ])
        let source = makeSource(server)
        let mail = try #require(try source.fetch(limit: 10).first)
        #expect(throws: CurlError.self) { try source.settle(mail, as: .processed) }
        let error = #expect(throws: CurlError.self) { try source.settle(mail, as: .processed) }
        #expect(error?.message == "IMAP INBOX: UIDVALIDITY changed from 1700000000 to 1800000000; UID 16 not moved")
        #expect(server.commands.contains("SELECT \"INBOX\""))
        #expect(!server.commands.contains { $0.hasPrefix("UID MOVE") })
    }
}
