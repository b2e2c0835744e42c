import Foundation
import GatewayTestSupport
import Testing

/// `import --dry-run`: says what an import would add, remove and change, and changes nothing.
@Suite struct ImportDryRunTests {
    @Test func dryRunNamesTheChangesAndChangesNothing() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = workspace.configURL.path
        #expect(try GatewayCLI.run(["import", "--config", config, workspace.directoryFile]).status == 0)
        // The sample directory with Bob gone, a new staff member, and CS0001235 given to Sam.
        var json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.directoryFile))) as? [String: Any])
        json["contacts"] = (json["contacts"] as? [[String: Any]])?.filter { $0["email"] as? String != "bob@globex.example" }
        json["staff"] = ((json["staff"] as? [[String: Any]]) ?? []) + [["email": "new-agent@support.example", "name": "Nia New"]]
        json["cases"] = (json["cases"] as? [[String: Any]])?.map { supportCase in
            var changed = supportCase
            if supportCase["number"] as? String == "CS0001235" { changed["owner"] = "agent1@support.example" }
            return changed
        }
        let edited = workspace.folder.appendingPathComponent("edited.json")
        try JSONSerialization.data(withJSONObject: json).write(to: edited)

        let before = try GatewayCLI.run(["show", "--json", "--config", config, "CS0001235"]).output
        let dry = try GatewayCLI.run(["import", "--dry-run", "--config", config, edited.path])
        #expect(dry.status == 0)
        #expect(
            dry.output.split(separator: "\n") == [
                "contacts: remove 1 (bob@globex.example)", "staff: add 1 (new-agent@support.example)", "cases: change 1 (CS0001235)",
            ], "\(dry.output)")
        let asJSON = try GatewayCLI.run(["import", "--dry-run", "--json", "--config", config, edited.path]).output
        #expect(asJSON.contains("\"removed\":[\"bob@globex.example\"]"))
        #expect(try GatewayCLI.run(["show", "--json", "--config", config, "CS0001235"]).output == before, "nothing changed")
        #expect(try GatewayCLI.run(["import", "--dry-run", "--config", config, workspace.directoryFile]).output == "no change\n")
        #expect(try GatewayCLI.run(["import", "--dry-run", "--config", config, "/nonexistent.json"]).status == 78)
    }
}
