import Foundation
import MailMessage
import MailReading

/// One reply of the phrasing set (`Tests/MailReadingTests/Phrasing/Replies/<language>.txt`): what its
/// author wrote, the intent and arguments a person reads in it, and how a mail client wraps it.
///
/// A file holds entries like this, one after another:
///
///     === negation | unclear | html apple
///     reason~ part of the expected reason
///     ---
///     please don't de-escalate yet, we still see errors
///
/// The header names the category, the intent and the form (`plain` or `html`, then `none`,
/// `gmail`, `outlook`, `apple` or `mobile` quoting). Lines before `---` give arguments:
/// `key: value` exactly, `key~ value` as a part; an intent with no such line may have any.
struct PhrasingReply: CustomStringConvertible, Sendable {
    var language: String
    var line: Int
    var category: String
    var intent: String
    var html: Bool
    var quoting: String
    var exact: [String: String]
    var parts: [String: String]
    var text: String

    var description: String { "\(language).txt:\(line) [\(category)] \(text.prefix(50).replacingOccurrences(of: "\n", with: " "))" }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Replies")

    /// Every reply of one language's file.
    static func load(_ language: String) throws -> [PhrasingReply] {
        let content = try String(contentsOf: folder.appendingPathComponent("\(language).txt"), encoding: .utf8)
        var replies: [PhrasingReply] = []
        let lines = content.components(separatedBy: "\n")
        var index = 0
        while index < lines.count {
            guard lines[index].hasPrefix("=== ") else {
                index += 1
                continue
            }
            let header = lines[index].dropFirst(4).split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let form = header.count > 2 ? header[2].split(separator: " ").map(String.init) : []
            var reply = PhrasingReply(
                language: language, line: index + 1, category: header[0], intent: header.count > 1 ? header[1] : "",
                html: form.first == "html", quoting: form.count > 1 ? form[1] : "none", exact: [:], parts: [:], text: "")
            index += 1
            while index < lines.count, lines[index] != "---" {
                let argument = lines[index]
                if let colon = argument.range(of: ": ") {
                    reply.exact[String(argument[..<colon.lowerBound])] = String(argument[colon.upperBound...])
                } else if let tilde = argument.range(of: "~ ") {
                    reply.parts[String(argument[..<tilde.lowerBound])] = String(argument[tilde.upperBound...])
                }
                index += 1
            }
            index += 1
            var body: [String] = []
            while index < lines.count, !lines[index].hasPrefix("=== ") {
                body.append(lines[index])
                index += 1
            }
            reply.text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            replies.append(reply)
        }
        return replies
    }

    /// What the reader finds in the mail body a client would send.
    func read() -> Reading {
        let body = html ? HTMLText.text(PhrasingQuote.html(text, quoting, language)) : PhrasingQuote.plain(text, quoting, language)
        return CommandReader.read(ReplyExtractor.extract(body).text)
    }
}
