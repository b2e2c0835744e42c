import EscalationValues
import Foundation
import Testing

/// Addresses are accepted and normalised as the rule says: one `@`, a local part, a dotted
/// domain, no blanks, brackets or commas inside; lower-cased; surrounding blanks and one pair
/// of angle brackets dropped.
@Suite struct EmailAddressTests {
    /// The rule written plainly on Characters, as `EmailAddress` checked every address before
    /// ASCII ones were checked on bytes.
    /// Blanks are trimmed where the text starts or ends with a space, tab, line end or
    /// non-ASCII character (a vertical tab there makes no address).
    static func byTheRule(_ raw: String) -> String? {
        let mayTrim: (UInt8) -> Bool = { [0x20, 0x09, 0x0A, 0x0D].contains($0) || $0 >= 0x80 }
        var text =
            raw.utf8.first.map(mayTrim) == true || raw.utf8.last.map(mayTrim) == true ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
        if text.hasPrefix("<"), text.hasSuffix(">") { text = String(text.dropFirst().dropLast()) }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
            !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == "\r" || $0 == "\n" })
        else { return nil }
        return text.lowercased()
    }

    @Test(
        arguments: [
            ("Jane@Acme.Example", "jane@acme.example"), (" <jane@acme.example>\r\n", "jane@acme.example"), ("jane@acme", nil),
            ("@acme.example", nil), ("a@b@c.example", nil), ("jane doe@acme.example", nil), ("jane@acme.example,", nil),
            ("jane\t@acme.example", nil), ("jane\u{0B}@acme.example", nil), ("JÖRG@Bücher.Example", "jörg@bücher.example"),
            ("jane\u{A0}x@acme.example", nil), ("\u{0B}jane@acme.example", nil), ("jane\u{2003}x@acme.example", nil),
            ("x+tag@a.example", "x+tag@a.example"),
        ] as [(String, String?)])
    func addressesAreNormalised(_ raw: String, _ expected: String?) {
        #expect(EmailAddress(raw)?.value == expected)
        #expect(Self.byTheRule(raw) == expected)
    }

    @Test func generatedTextsAreJudgedByTheRule() {
        let parts = ["a", "Z", "@", ".", " ", "\t", "<", ">", ",", "\r", "\n", "\u{0B}", "+", "-", "ü", "É", "x.example", "\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 0...9, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(EmailAddress(text)?.value == Self.byTheRule(text), "\(text.debugDescription)")
        }
    }
}
