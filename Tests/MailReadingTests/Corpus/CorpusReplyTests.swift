import CorpusSupport
import Foundation
import Testing

/// The reply fixtures of `../shared/corpus` with a stated visible text or first fragment (202):
/// each source's count is checked, so a fixture the loader leaves out fails the test; at least
/// 195 must give their text, and every one that does not is listed with its reason in
/// `reply-known-failures.txt` (the list may only shrink: a fixture that passes must be taken off it).
@Suite struct CorpusReplyTests {
    /// `source/file` → reason, from the known-failures file.
    static func knownFailures() throws -> [String: String] {
        CorpusLocation.knownFailures("Tests/MailReadingTests/Corpus/reply-known-failures.txt")
    }

    @Test func replyFixturesGiveTheirVisibleText() throws {
        guard CorpusLocation.root != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "missing in CI, where it must run")
            print("corpus not found beside the checkout (../shared/corpus): reply corpus test skipped")
            return
        }
        let fixtures = try ReplyFixture.all()
        let known = try Self.knownFailures()
        var failing: [String] = []
        var report = ""
        var perSource: [String: (checked: Int, passed: Int)] = [:]
        for fixture in fixtures {
            let actual = try fixture.actual()
            perSource[fixture.source, default: (0, 0)].checked += 1
            if fixture.matches(actual) {
                perSource[fixture.source, default: (0, 0)].passed += 1
                #expect(known[fixture.description] == nil, "\(fixture) passes now: take it off reply-known-failures.txt")
            } else {
                failing.append(fixture.description)
                report += "== \(fixture)\n-- expected:\n\(fixture.expected)\n-- actual:\n\(actual)\n\n"
                #expect(known[fixture.description] != nil, "\(fixture) fails and is not listed in reply-known-failures.txt")
            }
        }
        for (source, stated) in ReplyFixture.sources {
            #expect(
                perSource[source]?.checked == stated, "\(source): \(perSource[source]?.checked ?? 0) fixtures checked, the manifest states \(stated)")
        }
        let passed = fixtures.count - failing.count
        let lines = perSource.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value.passed) of \($0.value.checked)" }
        print("reply corpus: \(passed) of \(fixtures.count) fixtures give their stated text\n" + lines.joined(separator: "\n"))
        try? report.write(
            to: FileManager.default.temporaryDirectory.appendingPathComponent("reply-corpus-failures.txt"), atomically: true, encoding: .utf8)
        #expect(fixtures.count == 202)
        #expect(passed >= 195)
    }
}
