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
        ("price =?not an encoded word", "=?UTF-8?B?cHJpY2UgPT9ub3QgYW4gZW5jb2RlZCB3b3Jk?="),
        ("Käse", "=?UTF-8?B?S8Okc2U=?="),
    ])
    func encodedWordsOnlyWherePlainTextCannotGo(_ value: String, _ expected: String) {
        #expect(EncodedWord.encodeIfNeeded(value) == expected)
        #expect(EncodedWord.decode(EncodedWord.encodeIfNeeded(value)) == value)
    }
}
