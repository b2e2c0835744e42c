import Foundation
import MailMessage
import Testing

/// What the gateway writes into headers: one line, no injected fields, encoded words only
/// where plain text cannot go.
@Suite struct HeaderWritingTests {
    @Test(arguments: [
        ("Login fails since Monday", "Login fails since Monday"),
        ("  two  blanks   inside ", "two blanks inside"),
        ("Subject\r\nBcc: victim@example.com", "Subject Bcc: victim@example.com"),
        ("tab\there", "tab here"),
        ("line\u{2028}separator", "line separator"),
        ("paragraph\u{2029}separator", "paragraph separator"),
        ("Approval needed – CS0001234 \u{2013}\u{2027}\u{20AC}", "Approval needed – CS0001234 \u{2013}\u{2027}\u{20AC}"),
        ("dash –  then\u{2028} two", "dash – then two"),
        ("Überweisung für Käse", "Überweisung für Käse"),
        ("", ""),
        ("trailing ", "trailing"),
    ])
    func singleLineRemovesBreaksAndCollapsesBlanks(_ value: String, _ expected: String) {
        #expect(HeaderSafety.singleLine(value) == expected)
    }

    @Test(arguments: [
        ("Escalation approved", "Escalation approved"),
        ("Re: [CS0001234] update", "Re: [CS0001234] update"),
        ("price =?not an encoded word", "price =?UTF-8?Q?=3D=3Fnot?= an encoded word"),
        ("Käse", "=?UTF-8?Q?K=C3=A4se?="),
        (
            "Re: [CS0001234] Escalation approved: ESC0001001 – Login fails",
            "Re: [CS0001234] Escalation approved: ESC0001001 =?UTF-8?Q?=E2=80=93?= Login fails"
        ),
        (
            "Überweisung für Käse 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀 und e\u{301}e\u{301}",
            "=?UTF-8?Q?=C3=9Cberweisung_f=C3=BCr_K=C3=A4se_=F0=9F=9A=80=F0=9F=9A=80?= =?UTF-8?Q?=F0=9F=9A=80=F0=9F=9A=80=F0=9F=9A=80=F0=9F=9A=80=F0=9F=9A=80?= =?UTF-8?Q?=F0=9F=9A=80=F0=9F=9A=80=F0=9F=9A=80?= und =?UTF-8?Q?e=CC=81e=CC=81?="
        ),
    ])
    func encodedWordsOnlyWherePlainTextCannotGo(_ value: String, _ expected: String) {
        #expect(EncodedWord.encodeIfNeeded(value) == expected)
        #expect(EncodedWord.decode(EncodedWord.encodeIfNeeded(value)) == value)
    }

    /// On any text: the words that are printable ASCII stay as written, every encoded word is
    /// Q, at most 75 characters and decodes on its own into whole Characters, and the value
    /// decodes back whole.
    @Test func encodedWordsAreCutBetweenCharacters() {
        let parts = ["a", "Zz", "[CS0001234]", " – ", " ", "ä", "日本語", "Ж", "한", "…", "€", "e\u{301}", "🚀", "🇩🇪", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = "é" + (0..<Int.random(in: 0...30, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined() + "z"
            let clean = HeaderSafety.singleLine(value)
            let encoded = EncodedWord.encodeIfNeeded(value)
            #expect(EncodedWord.decode(encoded) == clean, "\(value)")
            let tokens = encoded.split(separator: " ")
            for token in tokens where token.hasPrefix("=?") {
                #expect(token.hasPrefix("=?UTF-8?Q?") && token.hasSuffix("?=") && token.count <= 75, "\(token)")
                let decoded = EncodedWord.decode(String(token))
                #expect(!decoded.contains("\u{FFFD}") && !decoded.hasPrefix("=?"), "\(token)")
                #expect(clean.contains(decoded.replacingOccurrences(of: "_", with: " ")), "\(token) is a whole piece of the value")
            }
            for word in clean.split(separator: " ") where word.allSatisfy({ $0.isASCII }) {
                #expect(tokens.contains(word), "\(word) stays as written")
            }
        }
    }

    /// Header lines with encoded words stay within 76 characters, others within 78, and a
    /// subject's tag stays readable to filters.
    @Test func headerLinesKeepTheirLengths() {
        let subject =
            "Re: [CS0001234] Escalation approved: ESC0001001 – Login fails for all users of the Zürich and Genève offices since Monday’s update"
        let message = OutgoingMessage(
            from: MailAddress(name: "Escalations", address: "escalations@support.example"),
            to: [MailAddress(name: "Zoë Müller", address: "zoe@acme.example")],
            subject: subject, messageID: "m1@support.example", date: Date(timeIntervalSince1970: 0), text: "Hello\n")
        let wire = String(decoding: message.rendered(), as: UTF8.self)
        let header = wire.components(separatedBy: "\r\n\r\n")[0]
        #expect(header.contains("Subject: Re: [CS0001234] Escalation approved: ESC0001001\r\n =?UTF-8?Q?=E2=80=93?= Login fails"))
        for line in header.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= (line.contains("=?") ? 76 : 78), "\(line)")
        }
        let parsed = try? Mail(parsing: message.rendered())
        #expect(parsed?.subject == subject)
    }
}
