import Foundation
import Testing

@testable import Gateway

/// The one-click approval links: their subject and body percent-encoded exactly as
/// Foundation's `addingPercentEncoding` encodes them with letters, digits and `-._~` allowed.
@Suite struct MailtoLinkTests {
    private static let unreserved = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))

    @Test func approvalLinksReadAsBefore() {
        #expect(
            OutgoingSignature.mailto("escalations@support.example", subject: "REJECT [ref:r12xab2]", body: "REJECT reason: ")
                == "mailto:escalations@support.example?subject=REJECT%20%5Bref%3Ar12xab2%5D&body=REJECT%20reason%3A%20")
    }

    /// The subjects stay `APPROVE [ref:<token>]` and `REJECT [ref:<token>]` (replies and filters rely
    /// on them); the Reject link's body is the prompt for a reason, never a command word.
    @Test func approveAndRejectLinksCarryTheirSubjectsAndThePrompt() {
        #expect(
            OutgoingSignature.approveLink("escalations@support.example", token: "r12xab2")
                == "mailto:escalations@support.example?subject=APPROVE%20%5Bref%3Ar12xab2%5D")
        #expect(
            OutgoingSignature.rejectLink("escalations@support.example", token: "r12xab2")
                == "mailto:escalations@support.example?subject=REJECT%20%5Bref%3Ar12xab2%5D&body=Reason%20for%20rejecting%3A%20")
    }

    @Test func generatedTextsEncodeAsFoundationDoes() {
        let parts = [
            "a", "Z", "0", "9", "-", ".", "_", "~", " ", "[", "]", ":", "%", "&", "=", "?", "+", "/", "é", "ß", "日本", "Ж", "🚀", "\n", "\u{0}",
            "e\u{301}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...20, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(OutgoingSignature.percentEncoded(text) == text.addingPercentEncoding(withAllowedCharacters: Self.unreserved), "\(text)")
        }
    }
}
