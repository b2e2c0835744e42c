import EscalationValues
import MailTransportCurl

/// A mail of exactly 512 bytes, as Dovecot sends it in a literal.
let mailOf512Bytes: String = {
    let header = "From: Jane Doe <jane@acme.example>\r\nSubject: Escalation CS0001234\r\n\r\n"
    return header + String(repeating: "x", count: 512 - 2 - header.utf8.count) + "\r\n"
}()

/// A body that holds what framing by search would trip over: `)`, line ends, a literal's
/// size, and lines that look like responses.
let trickyMail = "Subject: (urgent)\r\n\r\nsee {5}\r\n* 1 EXISTS\r\nG1 OK done)\r\n"

/// Responses as servers send them, Dovecot's shapes first.
let wellFormedResponses: [IMAPResponseFixture] = [
    IMAPResponseFixture(
        "tagged OK with a code", "G3 OK [READ-WRITE] Select completed (0.002 + 0.000 secs).\r\n",
        tagged("G3", .ok, .other(name: "READ-WRITE", text: ""), "Select completed (0.002 + 0.000 secs).")),
    IMAPResponseFixture("tagged OK alone", "G1 OK\r\n", tagged("G1", .ok, "")),
    IMAPResponseFixture(
        "tagged NO with a code", "G2 NO [ALREADYEXISTS] Mailbox already exists\r\n",
        tagged("G2", .no, .other(name: "ALREADYEXISTS", text: ""), "Mailbox already exists")),
    IMAPResponseFixture(
        "tagged BAD with text", "G9 BAD Error in IMAP command UID FETCH: Invalid uidset\r\n",
        tagged("G9", .bad, "Error in IMAP command UID FETCH: Invalid uidset")),
    IMAPResponseFixture(
        "UIDVALIDITY", "* OK [UIDVALIDITY 1700000000] UIDs valid\r\n",
        condition(.ok, .uidValidity(UIDValidity(rawValue: 1_700_000_000)!), "UIDs valid")),
    IMAPResponseFixture("UIDNEXT", "* OK [UIDNEXT 18] Predicted next UID\r\n", condition(.ok, .uidNext(uid(18)), "Predicted next UID")),
    IMAPResponseFixture(
        "PERMANENTFLAGS kept as text", "* OK [PERMANENTFLAGS (\\Answered \\Seen \\*)] Flags permitted.\r\n",
        condition(.ok, .other(name: "PERMANENTFLAGS", text: "(\\Answered \\Seen \\*)"), "Flags permitted.")),
    IMAPResponseFixture(
        "COPYUID after UID MOVE", "* OK [COPYUID 1700000000 17 5] Moved UIDs.\r\n",
        condition(.ok, .other(name: "COPYUID", text: "1700000000 17 5"), "Moved UIDs.")),
    IMAPResponseFixture("BYE", "* BYE Logging out\r\n", condition(.bye, "Logging out")),
    IMAPResponseFixture(
        "Dovecot's CAPABILITY",
        "* CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES UIDPLUS CONDSTORE MOVE LITERAL+ SPECIAL-USE\r\n",
        .untagged(
            .capability([
                "IMAP4REV1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "SORT", "SORT=DISPLAY", "THREAD=REFERENCES", "UIDPLUS",
                "CONDSTORE",
                "MOVE", "LITERAL+", "SPECIAL-USE",
            ]))),
    IMAPResponseFixture("CAPABILITY in lower case", "* capability imap4rev1 idle\r\n", .untagged(.capability(["IMAP4REV1", "IDLE"]))),
    IMAPResponseFixture(
        "FLAGS", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n",
        .untagged(.flags(["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$Forwarded"]))),
    IMAPResponseFixture("EXISTS", "* 4 EXISTS\r\n", .untagged(.exists(4))),
    IMAPResponseFixture("EXISTS of an empty mailbox", "* 0 EXISTS\r\n", .untagged(.exists(0))),
    IMAPResponseFixture("RECENT", "* 1 RECENT\r\n", .untagged(.recent(1))),
    IMAPResponseFixture("EXPUNGE", "* 2 EXPUNGE\r\n", .untagged(.expunge(2))),
    IMAPResponseFixture("SEARCH", "* SEARCH 1 2 3\r\n", .untagged(.search([1, 2, 3]))),
    IMAPResponseFixture("empty SEARCH", "* SEARCH\r\n", .untagged(.search([]))),
    IMAPResponseFixture("empty SEARCH with a space", "* SEARCH \r\n", .untagged(.search([]))),
    IMAPResponseFixture("SEARCH of the largest UID", "* SEARCH 4294967295\r\n", .untagged(.search([4_294_967_295]))),
    IMAPResponseFixture("continuation of IDLE", "+ idling\r\n", .continuation(text: "idling")),
    IMAPResponseFixture("bare continuation", "+\r\n", .continuation(text: "")),
    IMAPResponseFixture("a bare line feed ends a line", "* 4 EXISTS\n", .untagged(.exists(4))),
    IMAPResponseFixture("LIST is kept by name", "* LIST (\\HasNoChildren) \"/\" INBOX\r\n", .untagged(.other(name: "LIST"))),
    IMAPResponseFixture(
        "Dovecot's FETCH of a 512-byte mail", "* 3 FETCH (UID 17 RFC822.SIZE 512 BODY[] {512}\r\n\(mailOf512Bytes))\r\n",
        fetch(3, IMAPFetchAttributes(uid: uid(17), size: 512, message: Array(mailOf512Bytes.utf8)))),
    IMAPResponseFixture(
        "a literal holding ), line ends, {5} and lines like responses", "* 1 FETCH (UID 9 BODY[] \(literal(trickyMail)))\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array(trickyMail.utf8)))),
    IMAPResponseFixture(
        "the message before its UID", "* 7 FETCH (BODY[] {5}\r\nhello UID 30)\r\n",
        fetch(7, IMAPFetchAttributes(uid: uid(30), message: Array("hello".utf8)))),
    IMAPResponseFixture(
        "an empty literal", "* 7 FETCH (UID 30 BODY[] {0}\r\n)\r\n", fetch(7, IMAPFetchAttributes(uid: uid(30), message: []))),
    IMAPResponseFixture(
        "RFC822 and a non-synchronizing literal", "* 1 FETCH (UID 9 RFC822 {5+}\r\nhello)\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array("hello".utf8)))),
    IMAPResponseFixture(
        "BODY.PEEK[] read as BODY[]", "* 1 FETCH (UID 9 BODY.PEEK[] {5}\r\nhello)\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array("hello".utf8)))),
    IMAPResponseFixture(
        "a message as a quoted string", "* 1 FETCH (UID 9 BODY[] \"say \\\"hi\\\"\")\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array("say \"hi\"".utf8)))),
    IMAPResponseFixture("a message that is NIL", "* 1 FETCH (UID 9 BODY[] NIL)\r\n", fetch(1, IMAPFetchAttributes(uid: uid(9)))),
    IMAPResponseFixture(
        "flags, date and size", "* 1 FETCH (UID 5 FLAGS (\\Seen $Forwarded) INTERNALDATE \"17-Jul-2026 02:44:25 -0700\" RFC822.SIZE 44)\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(5), flags: ["\\Seen", "$Forwarded"], size: 44, internalDate: "17-Jul-2026 02:44:25 -0700"))),
    IMAPResponseFixture("flags changed, told on their own", "* 3 FETCH (FLAGS (\\Seen))\r\n", fetch(3, IMAPFetchAttributes(flags: ["\\Seen"]))),
    IMAPResponseFixture("no flags", "* 3 FETCH (FLAGS ())\r\n", fetch(3, IMAPFetchAttributes(flags: []))),
    IMAPResponseFixture(
        "a header section is not the message", "* 1 FETCH (UID 9 BODY[HEADER.FIELDS (FROM TO)] {3}\r\nabc BODY[] {5}\r\nhello)\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(9), message: Array("hello".utf8)))),
    IMAPResponseFixture(
        "a partial body is not the message", "* 1 FETCH (UID 9 BODY[]<0> {3}\r\nabc)\r\n", fetch(1, IMAPFetchAttributes(uid: uid(9)))),
    IMAPResponseFixture(
        "attributes not asked for are read over",
        "* 2 FETCH (UID 4 MODSEQ (12) ENVELOPE (\"Mon, 7 Dec 2026\" \"Hi (there)\" ((\"Jane\" NIL \"jane\" \"acme.example\")) NIL () NIL NIL NIL NIL \"<id@x>\") BODY[] {2}\r\nhi)\r\n",
        fetch(2, IMAPFetchAttributes(uid: uid(4), message: Array("hi".utf8)))),
    IMAPResponseFixture(
        "Dovecot's answer to SELECT",
        """
        * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r
        * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r
        * 2 EXISTS\r
        * 0 RECENT\r
        * OK [UIDVALIDITY 1765000000] UIDs valid\r
        * OK [UIDNEXT 18] Predicted next UID\r
        G3 OK [READ-WRITE] Select completed (0.001 + 0.000 secs).\r

        """,
        .untagged(.flags(["\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft"])),
        condition(.ok, .other(name: "PERMANENTFLAGS", text: "(\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)"), "Flags permitted."),
        .untagged(.exists(2)), .untagged(.recent(0)), condition(.ok, .uidValidity(UIDValidity(rawValue: 1_765_000_000)!), "UIDs valid"),
        condition(.ok, .uidNext(uid(18)), "Predicted next UID"),
        tagged("G3", .ok, .other(name: "READ-WRITE", text: ""), "Select completed (0.001 + 0.000 secs).")),
    IMAPResponseFixture(
        "Dovecot's answer to UID FETCH of two mails",
        "* 1 FETCH (UID 16 BODY[] {5}\r\nfirst)\r\n* 2 FETCH (UID 17 BODY[] \(literal(trickyMail)))\r\nG5 OK Fetch completed (0.001 + 0.000 secs).\r\n",
        fetch(1, IMAPFetchAttributes(uid: uid(16), message: Array("first".utf8))),
        fetch(2, IMAPFetchAttributes(uid: uid(17), message: Array(trickyMail.utf8))),
        tagged("G5", .ok, "Fetch completed (0.001 + 0.000 secs).")),
]

/// Responses that break the grammar: each must fail with what was expected and where.
let malformedResponses: [IMAPResponseFixture] = [
    IMAPResponseFixture(
        "a literal cut short", "* 3 FETCH (UID 17 BODY[] {512}\r\nFrom: jane@acme.example\r\n",
        fails: "487 more bytes of a literal", at: "* 3 FETCH (UID 17 BODY[] {512}\\r\\nFrom: ja"),
    IMAPResponseFixture("a line cut short", "* 4 EXI", fails: "the end of the line", at: "* 4 EXI"),
    IMAPResponseFixture(
        "a UID that is no number", "* 3 FETCH (UID abc BODY[] {2}\r\nhi)\r\n", fails: "the UID number", at: "abc BODY[] {2}\\r\\nhi)\\r\\n"),
    IMAPResponseFixture("UID 0", "* 3 FETCH (UID 0 BODY[] {2}\r\nhi)\r\n", fails: "a UID other than 0", at: "0 BODY[] {2}\\r\\nhi)\\r\\n"),
    IMAPResponseFixture(
        "a UID beyond 32 bits", "* 3 FETCH (UID 4294967296)\r\n", fails: "the UID number below 2^32", at: "4294967296)\\r\\n"),
    IMAPResponseFixture("two UIDs", "* 3 FETCH (UID 5 UID 6)\r\n", fails: "one UID in a FETCH response", at: "UID 6)\\r\\n"),
    IMAPResponseFixture("a missing tag", " OK done\r\n", fails: "a tag, * or + at the start of a response", at: " OK done\\r\\n"),
    IMAPResponseFixture("an empty line", "\r\n", fails: "a tag, * or + at the start of a response", at: "\\r\\n"),
    IMAPResponseFixture("a tag alone", "G1\r\n", fails: "a space after the tag", at: "\\r\\n"),
    IMAPResponseFixture("a status no server sends", "G1 MAYBE fine\r\n", fails: "OK, NO or BAD after the tag", at: "MAYBE fine\\r\\n"),
    IMAPResponseFixture(
        "a UIDVALIDITY that is no number", "* OK [UIDVALIDITY abc] UIDs valid\r\n", fails: "the UIDVALIDITY number", at: "abc] UIDs valid\\r\\n"),
    IMAPResponseFixture(
        "UIDVALIDITY 0", "* OK [UIDVALIDITY 0] UIDs valid\r\n", fails: "a UIDVALIDITY other than 0", at: "0] UIDs valid\\r\\n"),
    IMAPResponseFixture("an unclosed response code", "* OK [UIDNEXT 18 Predicted\r\n", fails: "] closing the response code", at: " Predicted\\r\\n"),
    IMAPResponseFixture("a SEARCH of words", "* SEARCH 1 x 3\r\n", fails: "a number in SEARCH", at: "x 3\\r\\n"),
    IMAPResponseFixture("a SEARCH with 0", "* SEARCH 1 0\r\n", fails: "a number in SEARCH other than 0", at: "0\\r\\n"),
    IMAPResponseFixture("EXPUNGE of message 0", "* 0 EXPUNGE\r\n", fails: "a message sequence number other than 0", at: "0 EXPUNGE\\r\\n"),
    IMAPResponseFixture("words after EXISTS", "* 4 EXISTS now\r\n", fails: "the end of the response", at: " now\\r\\n"),
    IMAPResponseFixture(
        "an unclosed FETCH", "* 1 FETCH (UID 5\r\n", fails: ") closing the FETCH attributes, or a space before the next", at: "\\r\\n"),
    IMAPResponseFixture("a FETCH without its list", "* 1 FETCH UID 5\r\n", fails: "( opening the FETCH attributes", at: "UID 5\\r\\n"),
    IMAPResponseFixture(
        "an unclosed quoted string", "* 1 FETCH (INTERNALDATE \"17-Jul-2026)\r\n", fails: "the closing double quote of a quoted string", at: "\\r\\n"),
    IMAPResponseFixture(
        "a literal's size beyond 32 bits", "* 1 FETCH (BODY[] {99999999999}\r\n", fails: "a literal's size below 2^32", at: "{99999999999}\\r\\n"),
    IMAPResponseFixture("control bytes are shown escaped", "* 4 EXISTS\u{0}\u{7}\r\n", fails: "the end of the response", at: "\\x00\\x07\\r\\n"),
]
