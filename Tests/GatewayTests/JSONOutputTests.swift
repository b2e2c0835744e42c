import Foundation
import GatewayTestSupport
import Testing

/// What users and scripts read stays the same: `list --json`, `show --json`, `read --json` and
/// `process --json` of this build print, on the samples, what the build before the relational
/// store printed (Tests/Fixtures/json-before/, made by Tests/scripts/capture-json.sh with the
/// build of commit 36dee65; times relative, made-up Message-IDs numbered).
@Suite struct JSONOutputTests {
    @Test func samplesPrintWhatTheBuildBeforePrinted() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let output = workspace.folder.appendingPathComponent("json")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            TestWorkspace.repository.appendingPathComponent("Tests/scripts/capture-json.sh").path, GatewayCLI.binary.path, output.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let expected = TestWorkspace.repository.appendingPathComponent("Tests/Fixtures/json-before")
        for name in ["list", "show", "read", "process"] {
            let before = try String(contentsOf: expected.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n")
            let now = try String(contentsOf: output.appendingPathComponent("\(name).jsonl"), encoding: .utf8).split(separator: "\n")
            #expect(now.count == before.count, "\(name) --json: \(now.count) lines, before \(before.count)")
            for (index, (line, old)) in zip(now, before).enumerated() where line != old {
                Issue.record("\(name) --json, line \(index + 1) differs:\nnow:    \(line)\nbefore: \(old)")
            }
        }
    }
}
