import CorpusSupport
import Foundation
import Testing

/// The reply fixtures of `../shared/corpus` with a stated visible text: at least 95% must give
/// it, and every one that does not is listed with its reason in `reply-known-failures.txt`
/// (the list may only shrink: a fixture that passes must be taken off it).
@Suite struct CorpusReplyTests {
    /// `source/file` → reason, from the known-failures file.
    static func knownFailures() throws -> [String: String] {
        CorpusLocation.knownFailures("Tests/MailReadingTests/Corpus/reply-known-failures.txt")
    }

    @Test func replyFixturesGiveTheirVisibleText() throws {
        guard CorpusLocation.root != nil else {
            print("corpus not found beside the checkout (../shared/corpus): reply corpus test skipped")
            return
        }
        let fixtures = try ReplyFixture.all()
        #expect(fixtures.count == 160)
        let known = try Self.knownFailures()
        var failing: [String] = []
        var report = ""
        for fixture in fixtures {
            let actual = try fixture.actual()
            if fixture.matches(actual) {
                #expect(known[fixture.description] == nil, "\(fixture) passes now: take it off reply-known-failures.txt")
            } else {
                failing.append(fixture.description)
                report += "== \(fixture)\n-- expected:\n\(fixture.expected)\n-- actual:\n\(actual)\n\n"
                #expect(known[fixture.description] != nil, "\(fixture) fails and is not listed in reply-known-failures.txt")
            }
        }
        let passed = fixtures.count - failing.count
        let excluded = known.values.filter { $0.hasPrefix("excluded") }.count
        let counted = fixtures.count - excluded
        print("reply corpus: \(passed) of \(fixtures.count) give their visible text; \(excluded) excluded as contradicted, so \(passed) of \(counted) counted")
        try? report.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("reply-corpus-failures.txt"), atomically: true, encoding: .utf8)
        #expect(Double(passed) >= 0.95 * Double(counted))
    }
}
