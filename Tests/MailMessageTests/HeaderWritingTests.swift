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
        ("price =?not an encoded word", "=?UTF-8?B?cHJpY2UgPT9ub3QgYW4gZW5jb2RlZCB3b3Jk?="),
        ("Käse", "=?UTF-8?B?S8Okc2U=?="),
        (
            "[CS0001234] Approval needed: escalation of CS0001234 – Login fails for all users",
            "=?UTF-8?B?W0NTMDAwMTIzNF0gQXBwcm92YWwgbmVlZGVkOiBlc2NhbGF0aW9uIG9mIENT?= =?UTF-8?B?MDAwMTIzNCDigJMgTG9naW4gZmFpbHMgZm9yIGFsbCB1c2Vycw==?="
        ),
        (
            "Überweisung für Käse 🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀 und e\u{301}e\u{301}",
            "=?UTF-8?B?w5xiZXJ3ZWlzdW5nIGbDvHIgS8Okc2Ug8J+agPCfmoDwn5qA8J+agPCfmoA=?= =?UTF-8?B?8J+agPCfmoDwn5qA8J+agPCfmoAgdW5kIGXMgWXMgQ==?="
        ),
    ])
    func encodedWordsOnlyWherePlainTextCannotGo(_ value: String, _ expected: String) {
        #expect(EncodedWord.encodeIfNeeded(value) == expected)
        #expect(EncodedWord.decode(EncodedWord.encodeIfNeeded(value)) == value)
    }

    /// Words are cut between Characters, at most 45 bytes each, on any text (the writer cuts
    /// text whose every scalar is a Character on its bytes).
    @Test func encodedWordsAreCutBetweenCharacters() {
        func byCharacters(_ value: String) -> String {
            var words: [String] = []
            var chunk = ""
            for character in value {
                if chunk.utf8.count + character.utf8.count > 45 {
                    words.append(chunk)
                    chunk = ""
                }
                chunk.append(character)
            }
            if !chunk.isEmpty { words.append(chunk) }
            return words.map { "=?UTF-8?B?" + Data($0.utf8).base64EncodedString() + "?=" }.joined(separator: " ")
        }
        let parts = ["a", "Zz", "[CS0001234]", " – ", "ä", "日本語", "Ж", "한", "…", "€", "e\u{301}", "🚀", "🇩🇪", "x"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let value = "é" + (0..<Int.random(in: 0...30, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined() + "z"
            #expect(EncodedWord.encodeIfNeeded(value) == byCharacters(HeaderSafety.singleLine(value)), "\(value)")
        }
    }
}
