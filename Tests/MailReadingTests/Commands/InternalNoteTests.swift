import Testing

@testable import MailReading

/// `NOTE <text>` (capitals only) or a first line `Internal:` / `Internal note:` (any case) makes a
/// reply an internal note; anything else is none.
@Suite struct InternalNoteTests {
    @Test(arguments: [
        ("NOTE customer asked us to escalate", "customer asked us to escalate"), ("NOTE:\tcall back", "call back"),
        ("NOTE\tabc", "abc"), ("Internal: ship Friday", "ship Friday"), ("INTERNAL NOTE: keep quiet", "keep quiet"),
        ("internal:\nsecond line", "second line"),
    ])
    func notesAreRead(_ body: String, _ expected: String) {
        #expect(InternalNote.text(of: body) == expected)
    }

    @Test(arguments: [
        "Note that the fix ships Friday", "NOTE", "NOTE:", "internal", "Internally we agree", "İnternal: x", "Ｉnternal: x", "", " NOTE x",
        "NOTEx", "Please escalate",
    ])
    func otherTextIsNoNote(_ body: String) {
        #expect(InternalNote.text(of: body) == nil)
    }
}
