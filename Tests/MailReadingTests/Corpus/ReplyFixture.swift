import CorpusSupport
import Foundation
import MailMessage
import MailReading

/// One reply fixture of the corpus with a stated visible text or first fragment, read the way
/// its source reads it.
struct ReplyFixture: CustomStringConvertible {
    enum Input {
        case plainText
        case mail
        case html
    }

    enum Comparison {
        /// Whitespace runs collapsed to one space, ends trimmed.
        case normalized
        /// All whitespace removed (talon's HTML tests).
        case noWhitespace
    }

    var source: String
    var file: String
    var input: Input
    var expected: String
    var comparison: Comparison
    /// talon removes quotations only; signatures stay in its expected text.
    var keepsSignature: Bool

    var description: String { "\(source)/\(file)" }

    /// The sources with reply expectations, and how many fixtures each states one for: a
    /// fixture left out by the loader fails the corpus test.
    static let sources = [
        "github-email_reply_parser": 8, "zapier-email-reply-parser": 5, "crisp-oss-email-reply-parser": 46, "discourse-email_reply_trimmer": 64,
        "mailgun-talon": 72, "discourse-discourse": 7,
    ]

    /// Every reply fixture with `visible_text`, `visible_text_file` or `first_fragment_trimmed`.
    static func all() throws -> [ReplyFixture] {
        var fixtures: [ReplyFixture] = []
        for source in sources.keys.sorted() {
            for entry in try CorpusLocation.manifest(source) {
                guard let file = entry["file"] as? String, let expectedFacts = entry["expected"] as? [String: Any] else { continue }
                let expected: String
                if let text = expectedFacts["visible_text"] as? String {
                    expected = text
                } else if let path = expectedFacts["visible_text_file"] as? String {
                    expected = String(decoding: try CorpusLocation.file(source, path), as: UTF8.self)
                } else if let fragment = expectedFacts["first_fragment_trimmed"] as? String {
                    expected = fragment
                } else {
                    continue
                }
                let input: Input = file.hasSuffix(".eml") ? .mail : file.hasSuffix(".html") ? .html : .plainText
                let compare = (expectedFacts["visible_text_compare"] as? String ?? "").lowercased()
                fixtures.append(
                    ReplyFixture(
                        source: source, file: file, input: input, expected: expected,
                        comparison: compare.contains("whitespace removed") ? .noWhitespace : .normalized,
                        keepsSignature: source == "mailgun-talon"))
            }
        }
        return fixtures
    }

    /// What the reader makes of the fixture.
    func actual() throws -> String {
        let data = try CorpusLocation.file(source, file)
        let body: String
        switch input {
        case .plainText:
            body = String(decoding: data, as: UTF8.self)
        case .html:
            body = HTMLText.text(String(decoding: data, as: UTF8.self))
        case .mail:
            let mail = try Mail(parsing: Array(data))
            body = mail.textBody ?? mail.htmlBody.map { HTMLText.text($0) } ?? ""
        }
        let reply = ReplyExtractor.extract(body)
        return keepsSignature ? reply.unquoted : reply.text
    }

    func matches(_ actual: String) -> Bool {
        Self.normalize(actual, comparison) == Self.normalize(expected, comparison)
    }

    static func normalize(_ text: String, _ comparison: Comparison) -> String {
        switch comparison {
        case .noWhitespace: String(text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
        case .normalized: text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        }
    }
}
