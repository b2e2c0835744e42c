import Foundation
import Testing

/// `escalation-gateway read --json`: one object per file, in order, every key present (absent
/// values as `null`), as operators and scripts read it.
@Suite struct ReadCommandTests {
    private func read(_ files: [URL], _ flags: [String], workspace: TestWorkspace) throws -> [[String: Any]] {
        let (status, output) = try GatewayCLI.run(["read", "--json", "--config", workspace.configURL.path] + flags + files.map(\.path))
        #expect(status == 0)
        return output.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func everyObjectHasEveryKeyInFileOrder() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let approval = workspace.folder.appendingPathComponent("approval.txt")
        let doubt = workspace.folder.appendingPathComponent("doubt.txt")
        try Data("Approved, go ahead.\n\nSent from my iPhone\n".utf8).write(to: approval)
        try Data("I don't think we should approve this yet.\n\nOn Tue, Nov 24, 2026 at 10:02 AM Escalations wrote:\n> Please approve\n".utf8).write(to: doubt)

        let objects = try read([approval, doubt], ["--text"], workspace: workspace)

        #expect(objects.count == 2)
        for object in objects {
            for key in ["file", "from", "subject", "automated", "replyText", "signature", "intent"] {
                #expect(object.keys.contains(key), "no \(key) in \(object)")
            }
            #expect(object["automated"] is NSNull)
        }
        #expect(objects.first?["file"] as? String == approval.path)
        #expect(objects.first?["intent"] as? String == "approve")
        #expect(objects.first?["signature"] as? String == "Sent from my iPhone")
        #expect(objects.last?["file"] as? String == doubt.path)
        #expect(objects.last?["intent"] as? String == "unclear")
        #expect(objects.last?["replyText"] as? String == "I don't think we should approve this yet.")
        #expect(objects.last?["signature"] is NSNull)
    }
}
