import Foundation
import MailReading
import Testing

/// The phrasing set: replies written as people write them, one file per language, each read
/// through the whole reader (HTML to text, quote and signature removal, intent) and compared
/// with what a person reads in it. Prints the count per language and category.
@Suite struct PhrasingSetTests {
    static let mainLanguages = ["en", "de", "fr", "es"]
    static let otherLanguages = ["it", "pt", "nl", "sv", "da", "fi", "pl", "ru", "ja", "zh", "ko"]
    static let categories = ["context", "command", "negation", "condition", "question", "deliberation", "reversal", "person", "label"]

    @Test func everyReplyReadsAsAPersonReadsIt() throws {
        var total = 0
        var report: [String] = []
        for language in Self.mainLanguages + Self.otherLanguages {
            let replies = try PhrasingReply.load(language)
            #expect(!replies.isEmpty, "\(language).txt has no replies")
            var counts: [String: Int] = [:]
            for reply in replies {
                counts[reply.category, default: 0] += 1
                let intent = reply.read()
                #expect(intent.name == reply.intent, "\(reply): read as \(intent)")
                for (key, value) in reply.exact {
                    #expect(intent.arguments[key] == value, "\(reply): \(key) of \(intent)")
                }
                for (key, part) in reply.parts {
                    #expect(intent.arguments[key]?.lowercased().contains(part.lowercased()) == true, "\(reply): \(key) of \(intent)")
                }
            }
            if Self.mainLanguages.contains(language) {
                for category in Self.categories { #expect(counts[category] ?? 0 > 0, "\(language).txt has no \(category) reply") }
            }
            total += replies.count
            report.append(
                "\(language) \(replies.count): " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        print("phrasing set: \(total) replies checked\n  " + report.joined(separator: "\n  "))
        #expect(total >= 150)
    }

    @Test func everyCommandIsSaidInEachMainLanguage() throws {
        let commands = [
            "escalate", "escalate-account", "approve", "reject", "de-escalate", "severity", "trend", "watch", "unwatch", "link", "unlink",
            "assign", "comment", "withdraw", "pending", "unclear",
        ]
        for language in Self.mainLanguages {
            let intents = Set(try PhrasingReply.load(language).map(\.intent))
            for command in commands { #expect(intents.contains(command), "\(language).txt never says \(command)") }
        }
    }

    @Test func everyClientFormIsUsed() throws {
        let replies = try (Self.mainLanguages).flatMap(PhrasingReply.load)
        for quoting in ["none", "gmail", "outlook", "apple", "mobile"] {
            #expect(replies.contains { $0.quoting == quoting && $0.html }, "no HTML reply with \(quoting) quoting")
            #expect(replies.contains { $0.quoting == quoting && !$0.html }, "no plain reply with \(quoting) quoting")
        }
    }
}
