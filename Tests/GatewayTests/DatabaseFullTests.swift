import EscalationStore
import Foundation
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// A full database loses no inbound mail: nothing is applied, nothing is moved, and once there
/// is room again the same mails are applied exactly once.
@Suite(.sqliteFileOnly) struct DatabaseFullTests {
    @Test func mailStaysOnItsSourceUntilThereIsRoom() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let gateway = try workspace.gateway()
        let inbox = try DirectorySource(folder: workspace.folder.appendingPathComponent("inbox"))
        for (index, mail) in FaultInjectionTests.mails.enumerated() {
            try Data(try workspace.sample(mail)).write(to: inbox.folder.appendingPathComponent(String(format: "%02d.eml", index)))
        }
        try gateway.store.limitGrowth(toExtraPages: 0)
        let whileFull = (try? gateway.drain(inbox, batchSize: 10)) ?? []
        #expect(whileFull.isEmpty)
        #expect(try inbox.fetch(limit: 100).count == FaultInjectionTests.mails.count)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.folder.appendingPathComponent("processed").path).isEmpty)

        try gateway.store.limitGrowth(toExtraPages: nil)
        let afterwards = try gateway.drain(inbox, batchSize: 10)
        #expect(afterwards.count == FaultInjectionTests.mails.count)
        #expect(!afterwards.contains { $0.outcome == .duplicate })
        #expect(try inbox.fetch(limit: 100).isEmpty)
    }
}
