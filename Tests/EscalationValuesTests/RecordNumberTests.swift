import EscalationValues
import Testing

/// Record numbers as people type them: any case, blanks around, short numbers padded; anything
/// else is not a number.
@Suite struct RecordNumberTests {
    @Test(arguments: [
        ("CS0001234", "CS0001234"), ("cs1234", "CS0001234"), ("  Cs12 \t", "CS0000012"), ("cS1234567890", "CS1234567890"),
        ("\u{00A0}CS12\u{2003}", "CS0000012"),
    ])
    func casesAreRead(_ text: String, _ expected: String) {
        #expect(CaseNumber(text)?.value == expected)
    }

    @Test(arguments: ["CS", "CS 12", "CS12345678901", "CS12a4", "ACC1000001", "XS0001234", "#S0001234", "CS１２", "ｃs12", "", "  "])
    func otherTextIsNoCase(_ text: String) {
        #expect(CaseNumber(text) == nil)
    }

    @Test func everyKindKeepsItsPrefix() {
        #expect(AccountNumber("acc1000001")?.value == "ACC1000001")
        #expect(EscalationNumber("esc1001")?.value == "ESC0001001")
        #expect(RequestNumber("Req7")?.value == "REQ0000007")
        #expect(EscalationSource("acc1000001") == .account(AccountNumber("ACC1000001")!))
        #expect(EscalationSource("CS1") == .supportCase(CaseNumber("CS0000001")!))
    }
}
