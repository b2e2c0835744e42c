import EscalationCore
import Testing

/// Reasons are found as whole words in any case and script, the longest name winning.
@Suite struct ReasonCatalogTests {
    static let catalog = ReasonCatalog([
        EscalationReason(name: "Executive Visibility", aliases: ["executive"]),
        EscalationReason(name: "Lack of Progress", aliases: ["no progress", "stalled", "progress"]),
        EscalationReason(name: "Customer Imposed Deadline", aliases: ["deadline", "délai", "K-day"]),
    ])

    @Test(
        arguments: [
            ("Lack of progress: nothing moved for two weeks", "Lack of Progress"),
            ("LACK   OF\nPROGRESS!!", "Lack of Progress"),
            ("Our executive sponsor asks", "Executive Visibility"),
            ("executives are watching", nil),
            ("progress report", "Lack of Progress"),
            ("the deadline is Monday; no progress", "Lack of Progress"),
            ("Le délai est lundi", "Customer Imposed Deadline"),
            ("Le de\u{301}lai est lundi", "Customer Imposed Deadline"),
            ("k day approaches", "Customer Imposed Deadline"),
            ("kday approaches", nil),
            ("stalled—since Friday", "Lack of Progress"),
            ("", nil),
            ("   ", nil),
        ] as [(String, String?)])
    func reasonsAreFoundAsWholeWords(_ text: String, _ expected: String?) {
        #expect(Self.catalog.reason(in: text)?.name == expected)
    }
}
