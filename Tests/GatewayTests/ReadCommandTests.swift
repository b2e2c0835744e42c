import Foundation
import GatewayTestSupport
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
        try Data("I don't think we should approve this yet.\n\nOn Tue, Nov 24, 2026 at 10:02 AM Escalations wrote:\n> Please approve\n".utf8).write(
            to: doubt)

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

    @Test func readsWithoutAConfigAsWithAnEmptyStore() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let files = [
            (
                "approve.txt", "Thanks for the summary. Approved.\n\nOn Tue, Nov 24, 2026 at 10:02 AM Escalations wrote:\n> Please approve\n",
                "approve"
            ),
            ("negated.txt", "please don't de-escalate yet, we still see errors\n", "unclear"),
            ("escalate.txt", "Our export fails every night. Could you escalate CS0001234?\n", "escalate"),
        ].map { name, body, intent in (workspace.folder.appendingPathComponent(name), body, intent) }
        for (url, body, _) in files { try Data(body.utf8).write(to: url) }
        let missing = workspace.folder.appendingPathComponent("no-such-gateway.toml")

        let (status, output) = try GatewayCLI.run(["read", "--json", "--text", "--config", missing.path] + files.map(\.0.path))
        let without = output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let with = try read(files.map(\.0), ["--text"], workspace: workspace)

        #expect(status == 0)
        #expect(without.count == files.count)
        for (index, (_, _, intent)) in files.enumerated() {
            #expect(without[index]["intent"] as? String == intent)
            #expect(with[index]["intent"] as? String == intent, "the intent does not depend on the config")
            #expect(without[index]["thread"] is NSNull)
            #expect((without[index]["threadMethod"] as? String)?.contains("no config") == true)
        }
    }
}
