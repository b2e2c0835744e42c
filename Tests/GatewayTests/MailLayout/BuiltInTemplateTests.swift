import Foundation
import GatewayTestSupport
import MailComposing
import Testing

@testable import Gateway

/// The templates travel with the executable: the built-in set is `MailTemplates/`, a config
/// anywhere works without templates beside it, `[gateway] templates` replaces files one at a
/// time, and `templates export` writes the set for editing.
@Suite struct BuiltInTemplateTests {
    static let source = TestWorkspace.repository.appendingPathComponent("MailTemplates")

    @Test func theBuiltInSetIsMailTemplates() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.source.path).filter { $0.hasSuffix(".mustache") }.sorted()
        #expect(files == TemplateSet.builtIn.keys.sorted(), "run Tests/scripts/generate-builtin-templates.sh")
        #expect(files == TemplateSet.fileNames.sorted())
        for file in files {
            let text = try String(contentsOf: Self.source.appendingPathComponent(file), encoding: .utf8)
            #expect(TemplateSet.builtIn[file] == text, "\(file) differs from the built-in one: run Tests/scripts/generate-builtin-templates.sh")
        }
    }

    @Test func overridesReplaceOneFileAtATime() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Subject: Our own words\n\nCustom body.\n".write(
            to: folder.appendingPathComponent("rejected.mustache"), atomically: true, encoding: .utf8)
        #expect(try TemplateSet(overrides: folder).overridden == ["rejected.mustache"])
        #expect(try TemplateSet().overridden.isEmpty)
        #expect(throws: TemplateSet.LoadError.self) { try TemplateSet(overrides: folder.appendingPathComponent("missing")) }

        let workspace = try TestWorkspace(extraConfig: "")
        defer { workspace.remove() }
        try Self.setTemplates(folder.path, in: workspace)
        let checked = try GatewayCLI.run(["check-config", "--config", workspace.configURL.path])
        #expect(checked.output.contains("templates: built-in; from \(folder.path): rejected.mustache"), "\(checked.output)")
        try Self.setTemplates("no-such-folder", in: workspace)
        #expect(throws: ConfigError.self) { try GatewayConfig.load(path: workspace.configURL.path) }
        #expect(try GatewayCLI.run(["check-config", "--config", workspace.configURL.path]).status != 0)
    }

    /// A config in a folder with no templates, the command run from another folder: `process`
    /// answers on the built-in templates, and `bench pipeline` runs outside the checkout.
    @Test func aConfigAnywhereUsesTheBuiltInTemplates() throws {
        let workspace = try TestWorkspace(extraConfig: "")
        defer { workspace.remove() }
        try Self.setTemplates(nil, in: workspace)
        let elsewhere = FileManager.default.temporaryDirectory
        let checked = try GatewayCLI.run(["check-config", "--config", workspace.configURL.path], in: elsewhere)
        #expect(checked.output.contains("templates: built-in\n"), "\(checked.output)")
        #expect(try GatewayCLI.run(["import", "--config", workspace.configURL.path, workspace.directoryFile], in: elsewhere).status == 0)
        let mail = workspace.folder.appendingPathComponent("escalate.eml")
        try Data(try workspace.sample("01-case-escalation-approved/01-jane-escalates.eml")).write(to: mail)
        #expect(try GatewayCLI.run(["process", "--config", workspace.configURL.path, mail.path], in: elsewhere).status == 0)
        let sent = try workspace.outboxFiles().map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) }
        #expect(sent.contains { $0.contains("X-Escalation-Event: approval-requested") }, "\(sent.count) mails")

        let bench = try GatewayCLI.run(["bench", "pipeline", "--mails", "200"], in: elsewhere)
        #expect(bench.status == 0 && bench.output.contains("mails/s"), "\(bench.output)")

        let export = workspace.folder.appendingPathComponent("exported")
        #expect(try GatewayCLI.run(["templates", "export", export.path], in: elsewhere).status == 0)
        for (file, text) in TemplateSet.builtIn {
            #expect(try String(contentsOf: export.appendingPathComponent(file), encoding: .utf8) == text, "\(file)")
        }
    }

    /// Sets (or, with nil, removes) `[gateway] templates` in the workspace's config.
    static func setTemplates(_ path: String?, in workspace: TestWorkspace) throws {
        let config = try String(contentsOf: workspace.configURL, encoding: .utf8)
        let lines = config.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("templates = ") }
        var text = lines.joined(separator: "\n")
        if let path {
            text = text.replacingOccurrences(of: "domain = \"support.example\"", with: "domain = \"support.example\"\ntemplates = \"\(path)\"")
        }
        try text.write(to: workspace.configURL, atomically: true, encoding: .utf8)
    }
}
