import Foundation
import GatewayTestSupport
import Testing

/// `init DIR` writes a config that works as it is: `check-config` passes and `run --once` runs.
@Suite struct InitCommandTests {
    @Test func initThenCheckConfigThenRunOnce() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-init-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try GatewayCLI.run(["init", folder.path])
        #expect(written.status == 0)
        #expect(written.output.contains("edit"), "a line on what to edit")
        let config = folder.appendingPathComponent("gateway.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        #expect(text.contains("listen = \"127.0.0.1:9464\""))
        // Another process may hold the default port on a shared machine.
        try text.replacingOccurrences(of: "127.0.0.1:9464", with: "127.0.0.1:\(RunningGateway.freePort())").write(
            to: config, atomically: true, encoding: .utf8)
        #expect(try GatewayCLI.run(["check-config", "--config", config.path]).status == 0)
        #expect(try GatewayCLI.run(["import", "--config", config.path, folder.appendingPathComponent("directory.json").path]).status == 0)
        try FileManager.default.copyItem(
            at: TestWorkspace.repository.appendingPathComponent("Samples/conversations/06-unknown-sender/01-stranger-asks.eml"),
            to: folder.appendingPathComponent("inbox/stranger.eml"))
        let run = try GatewayCLI.run(["run", "--once", "--config", config.path])
        #expect(run.status == 0)
        #expect(run.output.contains("stranger.eml: refused"), "\(run.output)")
        #expect(try GatewayCLI.run(["init", folder.path]).status == 78, "init never overwrites")
    }
}
