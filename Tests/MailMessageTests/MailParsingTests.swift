import Foundation
import MailMessage
import Testing

@Suite struct MailParsingTests {
    private func parse(_ text: String) throws -> Mail { try Mail(parsing: Array(text.utf8)) }

    @Test(arguments: [
        ("=?UTF-8?B?w6lzY2FsYWRl?=", "éscalade"),
        ("=?ISO-8859-1?Q?Caf=E9_cr=E8me?=", "Café crème"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("Re: =?UTF-8?B?SGVsbG8=?= world", "Re: Hello world"),
        ("plain text", "plain text"),
    ])
    func encodedWordsDecode(_ raw: String, _ expected: String) {
        #expect(EncodedWord.decode(raw) == expected)
    }

    @Test(
        arguments: [
            ("<a@x.example> <b@x.example>", ["a@x.example", "b@x.example"]),
            ("<a@x.example>\t,<  spaced@x.example >, <> <c@x.example", ["a@x.example", "spaced@x.example"]),
            ("Zoë's <ü1@x.example> (comment) 😀<d@x.example>", ["ü1@x.example", "d@x.example"]),
            ("bare@x.example, other@x.example not-an-id", ["bare@x.example", "other@x.example"]),
            ("", []),
        ] as [(String, [String])])
    func messageIDListsAreRead(_ raw: String, _ expected: [String]) {
        #expect(Mail.messageIDs(in: raw) == expected)
    }

    @Test(arguments: [
        ("text/plain; charset=utf-8", "text", "plain"), ("Multipart/Alternative; boundary=\"a/b\"", "multipart", "alternative"),
        ("text", "text", ""), ("text/", "text", ""), ("/plain", "plain", ""), ("text//html/x", "text", "html"), ("", "", ""),
    ])
    func contentTypesSplitIntoTypeAndSubtype(_ raw: String, _ main: String, _ sub: String) {
        let type = HeaderParameters(parsing: raw)
        #expect(type.mainType == main)
        #expect(type.subType == sub)
    }

    @Test func foldedHeadersUnfoldAndBareLFWorks() throws {
        let mail = try parse("From: Jane <Jane@Acme.example>\nSubject: a long\n subject line\nMessage-ID: <x@y>\n\nbody\n")
        #expect(mail.subject == "a long subject line")
        #expect(mail.from?.address == "jane@acme.example")
        #expect(mail.from?.name == "Jane")
        #expect(mail.messageID == "x@y")
        #expect(mail.textBody == "body\n")
    }

    @Test func nestedMultipartWithQuotedPrintableAndBase64() throws {
        let raw = """
            From: a@b.example\r
            Subject: t\r
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            preamble\r
            --outer\r
            Content-Type: multipart/alternative; boundary=inner\r
            \r
            --inner\r
            Content-Type: text/plain; charset=iso-8859-1\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Gr=FC=DFe, caf=\r
            =E9\r
            --inner\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: base64\r
            \r
            PHA+SGk8L3A+\r
            --inner--\r
            --outer\r
            Content-Type: application/pdf; name="=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?="\r
            Content-Disposition: attachment\r
            Content-Transfer-Encoding: base64\r
            \r
            JVBERi0=\r
            --outer--\r

            """
        let mail = try parse(raw)
        #expect(mail.root.structure == "multipart/mixed(multipart/alternative(text/plain,text/html),application/pdf)")
        #expect(mail.textBody == "Grüße, café")
        #expect(mail.htmlBody == "<p>Hi</p>")
        #expect(mail.attachments.first?.filename == "résumé.pdf")
        #expect(mail.attachments.first?.content == Array("%PDF-".utf8))
    }

    @Test func rfc2231ContinuationsJoin() {
        let parameters = HeaderParameters(parsing: "attachment; filename*0*=UTF-8''caf%C3%A9; filename*1=\"-notes.txt\"")
        #expect(parameters.parameters["filename"] == "café-notes.txt")
    }

    @Test func missingCloseDelimiterIsToleratedAndRecorded() throws {
        let mail = try parse("Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nhello\n")
        #expect(mail.textBody?.hasPrefix("hello") == true)
        #expect(mail.defects.contains("multipart without close delimiter"))
    }

    @Test func limitsAreAClearError() {
        let deep = String(repeating: "Content-Type: message/rfc822\n\n", count: 60) + "x"
        #expect(throws: MailParseError.self) { try Mail(parsing: Array(deep.utf8), limits: ParseLimits(maxDepth: 40)) }
        #expect(throws: MailParseError.self) { try Mail(parsing: Array(repeating: 65, count: 2000), limits: ParseLimits(maxBytes: 1000)) }
    }

    @Test(arguments: [
        ("iso-8859-1", [0x63, 0x61, 0x66, 0xE9] as [UInt8], "café"), ("windows-1252", [0x93, 0x61, 0x94], "“a”"),
        ("koi8-r", [0xF0, 0xD2, 0xC9], "При"),
    ])
    func charsetsDecode(_ charset: String, _ bytes: [UInt8], _ expected: String) {
        #expect(Charset.decode(bytes, charset: charset).text == expected)
    }

    @Test func unknownCharsetFallsBackAndSaysSo() {
        let decoded = Charset.decode(Array("hello".utf8), charset: "x-klingon")
        #expect(decoded.text == "hello")
        #expect(decoded.fallback != nil)
    }

    @Test func writerUsesCRLFFoldsAndEncodesAndNeverLetsUserTextStartAHeader() throws {
        let message = OutgoingMessage(
            from: MailAddress(name: "Escalations", address: "escalations@support.example"),
            to: [MailAddress(name: "Zoë \"Z\" Müller", address: "zoe@acme.example")],
            subject: "Rejected: fix ships Friday\r\nBcc: victim@evil.example", messageID: "abc@support.example",
            references: (1...12).map { "ref\($0)@support.example" }, date: Date(timeIntervalSince1970: 0), text: "Grüße\nline two", html: "<p>x</p>")
        let bytes = message.rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.split(separator: "\r\n").allSatisfy { $0.count <= 998 })
        let reparsed = try Mail(parsing: bytes)
        #expect(reparsed.header.raw("Bcc") == nil)
        #expect(reparsed.subject == "Rejected: fix ships Friday Bcc: victim@evil.example")
        #expect(reparsed.to.first?.name == "Zoë \"Z\" Müller")
        #expect(reparsed.references.count == 12)
        #expect(reparsed.textBody == "Grüße\nline two")
        #expect(reparsed.htmlBody == "<p>x</p>")
    }
}
