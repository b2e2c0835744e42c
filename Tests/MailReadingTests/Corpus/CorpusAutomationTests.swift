import CorpusSupport
import Foundation
import MailMessage
import MailReading
import Testing

/// Every auto-reply and bounce fixture of `../shared/corpus` is classified as such; mail that
/// only asks not to be auto-answered (`X-Auto-Response-Suppress`) is not.
@Suite struct CorpusAutomationTests {
    private static let sources = [
        "sisimai-set-of-emails", "discourse-discourse", "mikel-mail", "postalsys-postal-mime", "nodemailer-mailparser",
        "python-cpython-test_email",
    ]

    private func classify(_ source: String, _ file: String) throws -> Automation? {
        AutomationClassifier.classify(try Mail(parsing: Array(try CorpusLocation.file(source, file))), isOwn: { _ in nil })
    }

    @Test func autoRepliesAndBouncesAreRecognised() throws {
        _ = try #require(CorpusLocation.root, "the corpus must lie beside the checkout (../shared/corpus)")
        var counts: [String: Int] = [:]
        var statuses = (stated: 0, matched: 0)
        for source in Self.sources {
            for entry in try CorpusLocation.manifest(source) {
                guard let file = entry["file"] as? String, let kind = entry["kind"] as? String else { continue }
                let expected: String
                switch kind {
                case _ where file.contains("rfc3834"): expected = "auto-reply"
                case "autoreply": expected = "auto-reply"
                case "bounce", "bounce-arf", "bounce-crlf", "bounce-cr-only", "dsn-delivered": expected = "bounce"
                case "autoreply-negative":
                    #expect(try classify(source, file) == nil, "\(source)/\(file) only asks not to be auto-answered")
                    continue
                default: continue
                }
                let automation = try classify(source, file)
                #expect(automation?.kind == expected, "\(source)/\(file) (\(kind)) read as \(automation?.kind ?? "not automated")")
                counts[expected, default: 0] += 1
                if case .bounce(let bounce) = automation, let facts = (entry["expected"] as? [String: Any])?["recipients"] as? [[String: Any]],
                    let status = facts.first?["status"] as? String, status.hasPrefix("5") || status.hasPrefix("4")
                {
                    statuses.stated += 1
                    if bounce.status == status { statuses.matched += 1 }
                }
            }
        }
        print(
            "automation corpus: \(counts["auto-reply"] ?? 0) auto-replies and \(counts["bounce"] ?? 0) bounces classified; status extracted as stated for \(statuses.matched) of \(statuses.stated)"
        )
        #expect(counts["auto-reply"] ?? 0 >= 7)
        #expect(counts["bounce"] ?? 0 >= 170)
    }
}
