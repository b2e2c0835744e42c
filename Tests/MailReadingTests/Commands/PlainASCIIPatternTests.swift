import Foundation
import Testing

@testable import MailReading

/// The patterns the readers now answer on bytes (`PlainASCIIReader`) give the regular
/// expressions' answers: on crafted texts and on many generated from the patterns' parts, blanks,
/// punctuation and characters outside plain ASCII (where the pattern answers).
@Suite struct PlainASCIIPatternTests {
    private static let leadingNumbers = #"^(?:\s*(?:(?:CS|ACC|ESC)\d{4,10}\b|and\b|und\b|et\b|y\b|[,.;:&?!-]))+\s*"#
    private static let label =
        #"^(reason|reasons|because|grund|begr[uü]ndung|motif|raison|motivo|raz[oó]n|justification|justificaci[oó]n|begr[uü]ndet)\s*:\s*"#
    private static let greeting =
        #"^\s*(hi|hello|hey|dear|hallo|moin|servus|liebe|lieber|sehr geehrte[rs]?|bonjour|salut|madame|monsieur|hola|estimad[oa]s?|buenos d[ií]as|buenas tardes|buongiorno|ciao|hej|hoi|ol[aá]|good (morning|afternoon|evening)|guten (tag|morgen|abend))\b[^.!?]{0,40}[,!:]?\s*$"#

    private static func regex(_ pattern: String) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
    }

    private static func firstMatch(_ regex: NSRegularExpression, _ text: String) -> Range<String.Index>? {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)).flatMap { Range($0.range, in: text) }
    }

    /// Texts of `count` parts drawn from `parts` by a fixed sequence (the same texts on every run).
    private static func generated(_ parts: [String], count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<next(10)).map { _ in parts[next(parts.count)] }.joined() }
    }

    private static let oddCharacters = [
        "\u{A0}", "\u{B}", "\u{C}", "\u{85}", "\u{2028}", "ſ", "K", "é", "ü", "ó", "í", "á", "\u{301}", "日本", "١٢٣٤", "\u{200D}", "\u{1F}", "\r\n",
    ]

    @Test(arguments: [
        ("CS0001234 and CS0001240, both stalled", "both stalled"), ("cs1234; ESC12345678901 more", "ESC12345678901 more"),
        ("  and, y et - Please", "Please"), ("Please look", "Please look"), ("", ""), ("CS123 x", "CS123 x"), ("ACC1234x", "ACC1234x"),
    ])
    func leadingNumbersAreRemoved(_ text: String, _ expected: String) {
        #expect(EscalationText.withoutLeadingNumbers(text) == expected)
    }

    @Test func leadingNumbersAsThePatternRemovesThem() throws {
        let regex = try Self.regex(Self.leadingNumbers)
        let parts =
            [
                "CS", "cs", "Acc", "ESC", "eSc", "1234", "12", "00001", "999999", "and", "und", "ET", "y", "Y", "x", "_", " ", "\n", "\t", ",", ".",
                ";", ":", "&", "?",
                "!", "-", "/", "why", "andy",
            ] + Self.oddCharacters
        for text in Self.generated(parts, count: 6000) {
            let expected = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "")
            #expect(EscalationText.withoutLeadingNumbers(text) == expected, "\(text.debugDescription)")
        }
    }

    @Test func labelsEndAsThePatternEndsThem() throws {
        let regex = try Self.regex(Self.label)
        let parts =
            [
                "reason", "Reasons", "BECAUSE", "grund", "begrundung", "begründung", "motif", "Raison", "motivo", "razon", "razón", "justification",
                "justificacion", "begrundet", "reas", "s", " ", "  ", "\t", "\n", ":", " :", "x", ".", "the fix",
            ] + Self.oddCharacters
        for text in Self.generated(parts, count: 6000) {
            #expect(ReasonText.labelEnd(text) == Self.firstMatch(regex, text)?.upperBound, "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("Hi team,", true), ("Dear Support", true), ("sehr geehrter Herr Meier,", true), ("Hiya all", false), ("Hello. Escalate", false),
        ("Good morning everyone!", true), ("Good   morning", false), ("hey", true), ("  hola :  ", true),
    ])
    func greetingsAreKnown(_ line: String, _ expected: Bool) {
        #expect(CommandArguments.isGreeting(line) == expected)
    }

    @Test func greetingsAsThePatternKnowsThem() throws {
        let regex = try Self.regex(Self.greeting)
        let parts =
            [
                "hi", "Hello", "HEY", "dear", "hallo", "moin", "servus", "liebe", "lieber", "sehr geehrte", "Sehr geehrtes", "bonjour", "salut",
                "estimados", "buenos dias", "buenos días", "buenas tardes", "ola", "olá", "good morning", "good evening", "guten tag", "guten abend",
                "hoi", "team", "all", "x", "_", "1", " ", "   ", "\t", "\n", ",", "!", ":", "?", ".", "-", "so many words in this line",
            ]
            + Self.oddCharacters
        for text in Self.generated(parts, count: 8000) {
            #expect(CommandArguments.isGreeting(text) == (Self.firstMatch(regex, text) != nil), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        ("On Tue, 3 Mar 2026 at 10:02, Jane Doe <jane@example.com> wrote:", true), ("-- on Monday Sam wrote --", true),
        ("Le 3 mars 2026, Jean a ecrit :", true), ("Once upon a time he wrote:", false), ("On Monday I wrote: the fix", false),
        ("kl. 10:00 skrev Ola:", false), ("kl.10:00 Ola skrev:", true), ("On " + String(repeating: "x", count: 260) + " wrote:", false),
    ])
    func attributionsAreKnown(_ line: String, _ expected: Bool) {
        #expect(AttributionLine.matches(line) == expected)
        #expect(QuoteMarkers.attribution.matches(line) == expected)
    }

    @Test func attributionsAsThePatternKnowsThem() {
        let parts =
            [
                "On", "on ", "Le ", "am ", "El ", "den ", "w dniu ", "dne ", "pe ", "en ", "kl.", "at ", "Tue, 3 Mar 2026", " at 10:02",
                ", Jane <jane@x.example>",
                " wrote", "WROTE", " writes", " schrieb", " a ecrit", " a écrit", " escribió", " ha scritto", " skrev", " napisal", " napisał",
                " sent",
                " yazdı", " yazdI", " пишет", " 写道", ":", " :", " -", "--", "*", " ", "\t", "\n", "x", "_", "1", "wrote:x",
                String(repeating: "y", count: 120),
            ] + Self.oddCharacters
        for text in Self.generated(parts, count: 8000) {
            #expect(AttributionLine.matches(text) == QuoteMarkers.attribution.matches(text), "\(text.debugDescription)")
        }
    }

    @Test func blankLineRunsAreMadeTwo() throws {
        let regex = try NSRegularExpression(pattern: "\n{3,}")
        for text in Self.generated(["\n", "\r\n", "\r", " ", "a", "é", "\u{85}"], count: 3000) {
            let expected = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\n\n")
            #expect(HTMLText.collapsingBlankLineRuns(text) == expected, "\(text.debugDescription)")
        }
    }
}
