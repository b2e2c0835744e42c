import EscalationCore
import Testing

/// Severity names as people type them: any case, blanks and quotes around, or the colour.
@Suite struct SeverityNameTests {
    @Test func severitiesAreFoundByNameOrColour() {
        let configuration = Fixtures.configuration()
        #expect(configuration.severity(named: "high")?.name == "high")
        #expect(configuration.severity(named: "HIGH")?.name == "high")
        #expect(configuration.severity(named: " High!\n")?.name == "high")
        #expect(configuration.severity(named: "\"medium\"")?.name == "medium")
        #expect(configuration.severity(named: "Red")?.name == "high")
        #expect(configuration.severity(named: "urgent") == nil)
        #expect(configuration.severity(named: "") == nil)
    }
}
