import Foundation
import MailMessage
import Testing

@testable import MailReading

/// The reader's rewritten scans give what the patterns they replace gave, and their work grows
/// with their input, not with its square.
@Suite struct BoundedReadingTests {
    @Test(arguments: [
        ("Re: AW: [CS0001234] APPROVE [ref:abc_12345678]", "APPROVE"), ("re:re:  fwd : Hello", "Hello"), ("Fwd:Re: x", "x"),
        ("RE: [cs0001234]x", "x"), ("[ref:open ended", "[ref:open ended"), ("Reply: x", "Reply: x"), ("Re: [CS] x", "[CS] x"),
        ("[ref:[CS0001234]] Re: APPROVE", "] Re: APPROVE"), ("Antw:\u{00A0}Odp: REJECT too early", "REJECT too early"), ("", ""),
        ("[ESC0001001][ACC0001001] re: re:", ""), ("APPROVE [ref:a] [ref:b", "APPROVE  [ref:b"),
    ])
    func subjectPrefixesAndTagsAreRemoved(_ subject: String, _ expected: String) {
        #expect(SubjectPrefixes.strip(subject) == expected)
    }

    /// The steps of stripping a subject double when the subject doubles, for every kind of
    /// hostile subject, up to the bytes read (`readLimit`); beyond that they stay the same.
    @Test(arguments: ["[ref:", "re: ", "[CS01", "[ref:x]", "Re:[", " \u{00A0}"])
    func subjectStepsGrowLinearly(_ unit: String) {
        func steps(_ bytes: Int) -> Int {
            var count = 0
            _ = SubjectPrefixes.strip(String(repeating: unit, count: bytes / unit.utf8.count), steps: &count)
            return count
        }
        let counts = [256, 512, 1024, 2048].map(steps)
        for (smaller, larger) in zip(counts, counts.dropFirst()) {
            let ratio = Double(larger) / Double(smaller)
            #expect(ratio > 1.8 && ratio < 2.2, "\(unit): \(counts)")
        }
        #expect(counts[3] <= 8 * 2048, "\(unit): \(counts)")
        #expect(steps(1 << 20) == steps(1 << 12), "beyond readLimit (\(SubjectPrefixes.readLimit) bytes) nothing more is read")
    }

    @Test(
        arguments: [
            ("Thanks! On Tue, 24 Nov 2026, Dana <d@x.example> wrote:", "Thanks!"),
            ("Sounds good -- On Mon, Jan 5, 2026 at 9:00 AM Sam wrote :", "Sounds good"),
            ("Merci. Le mar. 24 nov. 2026 à 10:00, Dana a écrit :", "Merci."),
            ("Danke Am 24.11.2026 um 10:00 Dana schrieb:", "Danke"),
            ("On Tue, 24 Nov 2026, Dana wrote:", nil), ("Thanks! On it wrote:", nil), ("Thanks! On Tue Dana rewrote:", nil),
            ("   On Tue, 24 Nov 2026, Dana wrote:", nil), ("We met Only yesterday, Dana wrote:", nil),
        ] as [(String, String?)])
    func sharedLineAttributionIsFound(_ line: String, _ expected: String?) {
        #expect(QuoteMarkers.splitSharedLine(line) == expected)
    }

    /// Attributions behind runs of dashes of any length, cut short before the patterns read them.
    @Test(arguments: [
        "---- Dana <d@x.example> wrote ----", String(repeating: "-", count: 300) + " On Tue, 24 Nov 2026, Dana <d@x.example> wrote:",
        "-- Dana Duty <d@x.example> schrieb am 24.11.2026:", "--" + String(repeating: " ", count: 40) + "Dana wrote --",
        String(repeating: "*", count: 200) + " Dana <d@x.example> wrote:", "Mon, 1 Jan 2024 11:00 Dana <dana@x.example>:",
    ])
    func attributionsAfterLongRunsEndTheReply(_ attribution: String) {
        #expect(ReplyExtractor.extract("Approved.\n\n\(attribution)\n> Please approve").text == "Approved.")
    }

    @Test(arguments: [
        ("Mon, 1 Jan 2024 Dana <dana@x.example>:", true), ("2011/4/7 dana@x.example", true), ("Mon, 1 Jan 2024 Dana <dana@x.example>", true),
        ("Mon, 1 Jan 2024 dana@", false), ("Mon, 1 Jan 2024 @x", false), ("Mon, 1 Jan 2024 <dana@x.example> said", false),
        ("Mon, 1 Jan 2024 dana@x.example: ", true), ("a@b>>", false),
    ])
    func addressEndingIsFound(_ line: String, _ expected: Bool) {
        #expect(AddressEnding.endsWithAddress(line) == expected)
    }

    @Test func controlCharactersAreRemovedButTabsAndLineEndsStay() {
        #expect(
            ControlCharacters.removed(from: "call at 10\u{0}, then\u{7} more\tnow\r\nnext\u{85}\u{1B}[31m line\u{7F}")
                == "call at 10, then more\tnow\r\nnext[31m line")
        #expect(ControlCharacters.removed(from: "Grüße – ok") == "Grüße – ok")
    }

    @Test func htmlTextStopsAtItsBound() {
        let html = "<html><body>" + String(repeating: "<p>Please look at this.</p>", count: 100_000) + "</body></html>"
        let text = HTMLText.text(html, maxBytes: 10_000)
        #expect(text.utf8.count >= 9_000 && text.utf8.count < 11_000)
        #expect(text.hasPrefix("Please look at this.\n\nPlease look at this."))
    }

    /// A reply header block nested in a thousand bordered blocks is still found, and each block
    /// reads only the start of its text.
    @Test func borderedReplyHeaderIsFoundInDeepNesting() {
        let open = String(repeating: "<div style=\"border-top:solid #E1E1E1 1.0pt\">", count: 200)
        let html =
            "<html><body><p>New text</p>" + open + "<p><b>From:</b> Dana</p><p>" + String(repeating: "old ", count: 50_000) + "</p>"
            + String(repeating: "</div>", count: 200) + "</body></html>"
        #expect(HTMLText.text(html) == "New text")
    }
}
