import Foundation
import MailMessage
import Testing

@testable import MailReading

/// Reply tokens are found in subjects and bodies exactly as the patterns say:
/// `[ref:<token>]` with the whole token, `Reference: <token>` with its first 80 characters.
@Suite struct ReplyTokenTests {
    static let subjectPattern = try! NSRegularExpression(pattern: #"\[ref:([A-Za-z0-9_-]{8,80})\]"#)
    static let footerPattern = try! NSRegularExpression(pattern: #"Reference: ([A-Za-z0-9_-]{8,80})"#)

    static func expected(_ text: String) -> [String] {
        [subjectPattern, footerPattern].flatMap { pattern in
            pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            }
        }
    }

    static func found(_ text: String) -> [String] {
        ReplyToken.matches(in: text, after: Array("[ref:".utf8), closedBy: UInt8(ascii: "]"))
            + ReplyToken.matches(in: text, after: Array("Reference: ".utf8), closedBy: nil)
    }

    @Test func tokensInAQuotedRequestAreFound() throws {
        let raw = """
            From: Dana <duty-manager@support.example>\r
            To: Escalations <escalations@support.example>\r
            Subject: Re: [CS0000001] Approval needed [ref:r1xd3zfnjasr7v62vbuw4xhoogr]\r
            \r
            APPROVE\r
            \r
            > Approve: mailto:escalations@support.example?subject=APPROVE%20%5Bref%3Ar1xd3zfnjasr7v62vbuw4xhoogr%5D\r
            > Reference: r1xd3zfnjasr7v62vbuw4xhoogr\r
            > Reference: s2second-token_x\r

            """
        let mail = try Mail(parsing: Array(raw.utf8))
        let body = mail.textBody ?? ""
        #expect(
            ReplyToken.find(in: mail, body: body, gatewayAddress: "escalations@support.example") == [
                "r1xd3zfnjasr7v62vbuw4xhoogr", "s2second-token_x",
            ])
    }

    @Test(arguments: [
        "[ref:abcdefgh] [ref:abcdefg] [ref:" + String(repeating: "x", count: 81) + "]",
        "Reference: " + String(repeating: "y", count: 85) + " Reference: short Reference: Zoë-token-1",
        "Fälle [ref:ünicode12] [ref:abc_-1234]]] Reference:  spaced12 References: x",
    ])
    func edgesAreReadAsThePatternsRead(_ text: String) {
        #expect(Self.found(text) == Self.expected(text))
    }

    /// The same as the regular expressions on many generated texts made of the patterns' parts.
    @Test func generatedTextsAreReadAsThePatternsRead() {
        let parts = ["[ref:", "Reference: ", "]", "abcd", "XYZ12", "_-", "0123456789", "ü", " ", ":", "[", "ref", "Reference:", "R"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in parts.randomElement(using: &generator)! }.joined()
            #expect(Self.found(text) == Self.expected(text), "\(text)")
        }
    }
}
