import Foundation
import MailReading
import Testing

/// Record numbers are found in subjects and first lines exactly as the patterns say:
/// `[CS1234]` tags, and `CS`/`ACC`/`ESC` with 4-10 digits standing alone, in any case.
@Suite struct RecordNumbersTests {
    @Test(
        arguments: [
            ("Re: [CS0001234] Login fails", true, ["CS0001234"]),
            ("[cs1234][ESC0001001] [ACC12] [ACC12345678901] [acc1000001", true, ["CS1234", "ESC0001001"]),
            ("CS0001234, esc1001 and ACC1000001x", false, ["CS0001234", "ESC1001", "ACC1000001"]),
            ("XCS0001234 CS00012345678 CS123 [CS0002222]", false, ["CS0002222"]),
            ("Fälle CS0001234 und CS٠٠٠١٢٣٤", false, ["CS0001234", "CS٠٠٠١٢٣٤"]),
        ] as [(String, Bool, [String])])
    func numbersAreFound(_ text: String, _ taggedOnly: Bool, _ expected: [String]) {
        #expect(RecordNumbers.find(in: text, taggedOnly: taggedOnly) == expected)
    }

    /// The same as the regular expressions on many generated texts made of the patterns' parts
    /// and letters, digits and marks of other scripts.
    @Test func generatedTextIsReadAsThePatternsRead() throws {
        let tagged = try NSRegularExpression(pattern: #"\[(CS|ACC|ESC)\d{4,10}\]"#, options: [.caseInsensitive])
        let anywhere = try NSRegularExpression(pattern: #"(?<![A-Za-z0-9])(CS|ACC|ESC)\d{4,10}(?![0-9])"#, options: [.caseInsensitive])
        func expected(_ text: String, _ regex: NSRegularExpression) -> [String] {
            regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range, in: text) }
                .map { text[$0].filter { $0 != "[" && $0 != "]" }.uppercased() }
                .reduce(into: []) { found, number in if !found.contains(number) { found.append(number) } }
        }
        let parts = [
            "[", "]", "CS", "cs", "Acc", "ESC", "eS", "x", " ", "-", "1", "12", "1234", "00001", "999999", "7", "ä", "ſ", "٣", "١٢٣٤", "\u{301}", "🚀",
            "É", "日本", "–", "\u{200D}", "\u{1F3FB}", "Ж", "İ", "ı", "ß", "ǅ",
        ]
        let crafted = [
            "İCS0001234 ıcs0001234 ßESC1001 ǅACC1000001", "Fälle: CS0001234–CS0001235, 日本CS0002001", "ESC1234\u{301} [CS1234]\u{200D}",
            "Grüße,\r\nCS0001234\nESC1001\r\n",
        ]
        for text in crafted {
            #expect(RecordNumbers.find(in: text, taggedOnly: true) == expected(text, tagged), "\(text)")
            #expect(RecordNumbers.find(in: text, taggedOnly: false) == expected(text, anywhere), "\(text)")
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(RecordNumbers.find(in: text, taggedOnly: true) == expected(text, tagged), "\(text)")
            #expect(RecordNumbers.find(in: text, taggedOnly: false) == expected(text, anywhere), "\(text)")
        }
    }
}
