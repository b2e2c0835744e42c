import Foundation
import MailMessage
import Testing

/// What a hostile mail can make the parser hold: Message-IDs and References within their
/// limits, decoded sizes within `maxBytes`, embedded messages read where they stand.
@Suite struct BoundedParsingTests {
    private func mail(headers: String, body: String = "Hello\r\n", limits: ParseLimits = ParseLimits()) throws -> Mail {
        try Mail(parsing: Array("From: a@x.example\r\nSubject: s\r\n\(headers)\r\n\(body)".utf8), limits: limits)
    }

    @Test(arguments: [(250, true), (251, false), (50_000, false)])
    func ownMessageIDOverTheLimitCountsAsAbsent(_ length: Int, _ kept: Bool) throws {
        let id = String(repeating: "m", count: length - "@x.example".count) + "@x.example"
        let parsed = try mail(headers: "Message-ID: <\(id)>\r\n")
        #expect(parsed.messageID == (kept ? id : nil))
        #expect(parsed.defects.contains { $0.hasPrefix("Message-ID of \(length) bytes") } == !kept)
    }

    @Test func referencesKeepTheNewestWithinTheLimitAndSkipLongOnes() throws {
        let long = String(repeating: "r", count: 300) + "@x.example"
        let ids = (1...10_000).map { "ref\($0)@x.example" }
        let parsed = try mail(
            headers: "In-Reply-To: <\(long)> <ref10000@x.example>\r\nReferences: \((ids + [long]).map { "<\($0)>" }.joined(separator: " "))\r\n")
        #expect(parsed.references == Array(ids.suffix(20)))
        #expect(parsed.inReplyTo == ["ref10000@x.example"])
        let five = try mail(
            headers: "References: \(ids.prefix(9).map { "<\($0)>" }.joined(separator: " "))\r\n", limits: ParseLimits(maxReferences: 5))
        #expect(five.references == ["ref5@x.example", "ref6@x.example", "ref7@x.example", "ref8@x.example", "ref9@x.example"])
    }

    /// 39 embedded messages around a 1 MB text, under a limit of 1.5 MB: read where they stand,
    /// the levels cost nothing against `maxBytes` (a copy per level would be 39 MB).
    @Test func nestedMessagesAreReadWhereTheyStand() throws {
        let leaf = String(repeating: String(repeating: "x", count: 76) + "\r\n", count: 13_000)
        var inner = "From: a@x.example\r\nSubject: level 0\r\n\r\nInnermost\r\n" + leaf
        for level in 1...39 {
            inner = "From: a@x.example\r\nSubject: level \(level)\r\nContent-Type: message/rfc822\r\n\r\n" + inner
        }
        let parsed = try Mail(parsing: Array(inner.utf8), limits: ParseLimits(maxBytes: 1_500_000))
        var part = parsed.root
        var depth = 0
        while let child = part.children.first {
            #expect(part.content.isEmpty)
            part = child
            depth += 1
        }
        #expect(depth == 39)
        #expect(part.header["Subject"] == "level 0")
        #expect(part.text.hasPrefix("Innermost\n"))
        #expect(part.content.count == "Innermost\r\n".utf8.count + leaf.utf8.count)
    }

    /// Base64 embedded in base64: each level decodes to three quarters of its size, and the
    /// decoded bytes of all levels together pass `maxBytes` while the raw mail does not.
    @Test func decodedSizesCountAgainstMaxBytes() throws {
        var inner = "From: a@x.example\r\nSubject: level 0\r\n\r\n" + String(repeating: "y", count: 300_000) + "\r\n"
        for level in 1...3 {
            let encoded = Data(inner.utf8).base64EncodedString(options: .lineLength76Characters)
            inner =
                "From: a@x.example\r\nSubject: level \(level)\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n" + encoded
                + "\r\n"
        }
        let limits = ParseLimits(maxBytes: 1_000_000)
        #expect(inner.utf8.count < limits.maxBytes)
        #expect(throws: MailParseError.self) { try Mail(parsing: Array(inner.utf8), limits: limits) }
        do {
            _ = try Mail(parsing: Array(inner.utf8), limits: limits)
        } catch let error as MailParseError {
            #expect(error.reason.contains("decoded content"))
        }
        #expect(try Mail(parsing: Array(inner.utf8), limits: ParseLimits(maxBytes: 2_000_000)).root.children.count == 1)
    }

    @Test(arguments: [(1, ""), (2, "é"), (3, "é"), (4, "éé"), (5, "éé"), (6, "ééé")])
    func textPrefixEndsBeforeASplitCharacter(_ bytes: Int, _ expected: String) throws {
        let part = try mail(headers: "Content-Type: text/plain; charset=utf-8\r\n", body: "ééé").root
        #expect(part.text(prefixBytes: bytes) == expected)
    }
}
