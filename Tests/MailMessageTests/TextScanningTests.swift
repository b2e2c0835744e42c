import MailMessage
import Testing

/// Address lists are taken apart at `:`, `<`, `>`, `(` and `)`; found on bytes in ASCII text,
/// they must be the Characters a search by Characters finds, also where a combining mark joins
/// a delimiter to the next scalar (then it is no delimiter).
@Suite struct DelimiterSearchTests {
    @Test func bytesFindTheCharactersACharacterSearchFinds() {
        let parts = ["a", "Zoë", " ", ":", "<", ">", "(", ")", "\"", "@", ",", "\u{301}", "日本", "🚀", "\r\n", "x@y.example", "e\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            for delimiter in [":", "<", ">", "(", ")"] {
                let byte = UInt8(ascii: Unicode.Scalar(delimiter)!)
                #expect(text.firstIndex(ofASCII: byte) == text.firstIndex(of: Character(delimiter)), "\(text.debugDescription) \(delimiter)")
                #expect(text.lastIndex(ofASCII: byte) == text.lastIndex(of: Character(delimiter)), "\(text.debugDescription) \(delimiter)")
                let tail = text.dropFirst(text.count / 2)
                #expect(tail.firstIndex(ofASCII: byte) == tail.firstIndex(of: Character(delimiter)), "\(text.debugDescription) \(delimiter)")
            }
        }
    }

    @Test func addressListsReadAsWritten() {
        let parsed = MailAddress.parseList(#"Undisclosed: "Doe, Jane" <Jane@Acme.example>, bob@b.example (Bob B), <c@c.example>;"#)
        #expect(
            parsed == [
                MailAddress(name: "Doe, Jane", address: "jane@acme.example"), MailAddress(name: "Bob B", address: "bob@b.example"),
                MailAddress(name: nil, address: "c@c.example"),
            ])
        #expect(MailAddress.parseList("Zoë Ünal <zoe@acme.example>") == [MailAddress(name: "Zoë Ünal", address: "zoe@acme.example")])
        #expect(MailAddress.parseList("\"\" <a@b.example>, \"\\\"Q\\\"\" <q@b.example>").map(\.name) == [nil, "\"Q\""])
    }
}

/// Subjects are lower-cased on bytes where they are ASCII; the result must be `lowercased()`'s.
@Suite struct LowercasingTests {
    @Test func mostlyASCIITextLowercasesAsTheStandardLibraryDoes() {
        let parts = [
            "Re: ", "[CS0001234]", " – ", "ÄÖÜ", "ß", "İstanbul", "\u{212A}elvin", "ΣΑΣ", "ǅ", "Ꭰ", "日本", "🚀", "e\u{301}", "ABC xyz", "\r\n", "\u{0}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(text.lowercasedMostlyASCII() == text.lowercased(), "\(text.debugDescription)")
            #expect(text.dropFirst().lowercasedMostlyASCII() == text.dropFirst().lowercased(), "\(text.debugDescription)")
        }
    }
}

/// Bodies are read with LF line ends: CRLF and lone CR become LF, nothing else changes.
@Suite struct LineEndTests {
    @Test func crlfAndLoneCRBecomeLF() {
        #expect("a\r\nb\rc\n\r\n\r".replacingCRLF() == "a\nb\nc\n\n\n")
        let parts = ["a", "\r", "\n", "\r\n", "é", "🚀", " ", "\r\r\n"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            var expected = String.UnicodeScalarView()
            var afterCR = false
            for scalar in text.unicodeScalars {
                if scalar != "\n" || !afterCR { expected.append(scalar == "\r" ? "\n" : scalar) }
                afterCR = scalar == "\r"
            }
            #expect(text.replacingCRLF() == String(expected), "\(text.debugDescription)")
        }
    }

    /// The first line feed found on bytes is the first Character that is one: not the LF of a
    /// CR LF, also where a mark follows it.
    @Test func firstLineFeedIsTheFirstLineFeedCharacter() {
        let parts = ["a", "\r", "\n", "\r\n", "\u{301}", "é", "🚀", " ", "\r\r\n", "\n\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(text.firstLineFeed == (text.firstIndex(of: "\n") ?? text.endIndex), "\(text.debugDescription)")
        }
    }
}

/// Whether a text is ASCII decides whether it is searched on bytes; the answer must be the
/// bytes' wherever a non-ASCII byte sits (in a whole word of eight, or in the tail after them),
/// also for a part of a text that has non-ASCII bytes outside the part.
@Suite struct ASCIICheckTests {
    @Test func anyByteAbove127AnywhereMakesTextNonASCII() {
        for length in 0...40 {
            let plain = String(repeating: "a", count: length)
            #expect(plain.isASCII)
            for position in 0..<length {
                for scalar in ["é", "\u{80}", "🚀", "\u{7F}"] {
                    let text = String(plain.prefix(position)) + scalar + String(plain.dropFirst(position + 1))
                    #expect(text.isASCII == (scalar == "\u{7F}"), "\(text.debugDescription)")
                }
            }
        }
        let mixed = "Zoë wrote: plain ASCII after the name"
        #expect(!mixed.isASCII)
        #expect(mixed.dropFirst(4).isASCII)
        #expect(!mixed.dropLast(30).isASCII)
    }
}
