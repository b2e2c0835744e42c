import EscalationValues
import Testing

/// UIDs and UIDVALIDITY are nonzero 32-bit numbers (RFC 3501 §9, `nz-number`); UIDs order as
/// mail arrived.
@Suite struct IMAPIdentifierTests {
    @Test(arguments: [(0, false), (1, true), (17, true), (UInt32.max, true)] as [(UInt32, Bool)])
    func onlyNonzeroNumbersAreIdentifiers(_ number: UInt32, _ valid: Bool) {
        #expect((UID(rawValue: number) != nil) == valid)
        #expect((UIDValidity(rawValue: number) != nil) == valid)
        #expect(UID(rawValue: number)?.rawValue == (valid ? number : nil))
    }

    @Test func uidsOrderByTheirNumber() {
        let uids = [18, 2, 300, 17].compactMap { UID(rawValue: $0) }
        #expect(uids.sorted().map(\.rawValue) == [2, 17, 18, 300])
        #expect(UID(rawValue: 4_000_000_000)?.description == "4000000000")
    }
}
