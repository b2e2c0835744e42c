import Testing

@testable import MailComposing

/// The text part at 78 columns: short lines as written, long ones broken at blanks, a link on
/// a line of its own and never split, list items indented when they go on.
@Suite struct TextWrappingTests {
    @Test func shortLinesStayAsWritten() {
        let text = "Reason: Production down since Monday.\nSeverity: high\n\nReply with APPROVE."
        #expect(TextWrapping.wrap(text) == text)
    }

    @Test func longLinesBreakAtBlanks() {
        let line = Array(repeating: "escalate", count: 12).joined(separator: " ")
        let wrapped = TextWrapping.wrap(line + "\nnext line")
        #expect(
            wrapped == Array(repeating: "escalate", count: 8).joined(separator: " ") + "\n"
                + Array(repeating: "escalate", count: 4).joined(separator: " ") + "\nnext line")
    }

    @Test func aLinkStandsOnALineOfItsOwn() {
        let link = "mailto:escalations@support.example?subject=APPROVE%20%5Bref%3Aabc%5D&body=Approved."
        #expect(TextWrapping.wrap("Approve: \(link)\nReject: https://x.example/r") == "Approve:\n\(link)\nReject:\nhttps://x.example/r")
    }

    @Test func listItemsGoOnIndented() {
        let item = "- " + Array(repeating: "request", count: 12).joined(separator: " ")
        #expect(
            TextWrapping.wrap(item) == "- " + Array(repeating: "request", count: 9).joined(separator: " ") + "\n  "
                + Array(repeating: "request", count: 3).joined(separator: " "))
    }

    @Test func columnsCountCharactersNotBytes() {
        let accented = String(repeating: "é", count: 78)
        #expect(TextWrapping.wrap(accented) == accented)
        let words = Array(repeating: "Zoë", count: 20).joined(separator: " ")
        #expect(TextWrapping.wrap(words) == Array(repeating: "Zoë", count: 19).joined(separator: " ") + "\nZoë")
    }
}
