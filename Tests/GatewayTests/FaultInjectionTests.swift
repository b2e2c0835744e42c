import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
@_spi(Testing) import Gateway
import GatewayTestSupport
import MailMessage
import Testing

/// The real binary killed at each window of the exactly-once design, then restarted: the final
/// state equals a clean run's, no mail is left unprocessed or applied twice, and every reply
/// exists exactly once (by Message-ID).
@Suite(.serialized) struct FaultInjectionTests {
    static let mails = [
        "01-case-escalation-approved/01-jane-escalates.eml", "02-rejected-then-reescalated/01-bob-escalates.eml",
        "03-account-escalation-linked-cases/01-jane-escalates-account.eml", "06-unknown-sender/01-stranger-asks.eml",
        "07-auto-reply/01-out-of-office.eml",
    ]

    /// What a run leaves behind, timestamps aside.
    struct Outcome: Equatable {
        var journal: [String]
        var outbox: [String]
        var sentMessageIDs: [String]
        var outboxFiles: Int
        var inboxLeft: Int
        var processed: Int
    }

    private func runOnce(_ workspace: TestWorkspace, crashAt point: String?) throws -> Int32 {
        let process = Process()
        process.executableURL = TestWorkspace.repository.appendingPathComponent(".build/debug/escalation-gateway")
        process.arguments = ["run", "--once", "--config", workspace.configURL.path]
        var environment = ["PATH": "/usr/bin:/bin"]
        environment["ESCALATION_GATEWAY_CRASH_AT"] = point
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    private func scenario(crashAt point: FaultPoint?) throws -> (Outcome, crashed: Bool) {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        // One secret for the clean and the crashed run: outgoing Message-IDs carry its HMAC.
        let state = workspace.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FaultWorld.secret.write(to: state.appendingPathComponent("token.secret"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: state.appendingPathComponent("token.secret").path)
        _ = try workspace.gateway().importDirectory(path: workspace.directoryFile)
        let inbox = workspace.folder.appendingPathComponent("inbox")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        for (index, mail) in Self.mails.enumerated() {
            try Data(try workspace.sample(mail)).write(to: inbox.appendingPathComponent(String(format: "%02d.eml", index)))
        }
        var crashed = false
        if let point {
            crashed = try runOnce(workspace, crashAt: point.rawValue) != 0
        }
        #expect(try runOnce(workspace, crashAt: nil) == 0)
        #expect(try runOnce(workspace, crashAt: nil) == 0)
        let store = try Store(path: workspace.folder.appendingPathComponent("state/gateway.sqlite").path)
        let journal = try store.read { session in
            try ["CS0001234", "CS0002001", "ACC0001001"].compactMap(EscalationSource.init).flatMap { try session.journal(source: $0) }
                .map { "\($0.action) \($0.detail)" }
        }
        let outbox = try store.read { session in try session.outbox(limit: 10_000) }
        let files = try workspace.outboxFiles()
        let ids = try files.compactMap { try Mail(parsing: Array(try Data(contentsOf: $0))).messageID }.sorted()
        let left = try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.hasSuffix(".eml") }.count
        let processed = try FileManager.default.contentsOfDirectory(atPath: inbox.appendingPathComponent("processed").path).count
        return (
            Outcome(
                journal: journal, outbox: outbox.map { "\($0.kind) \($0.state.rawValue)" }.sorted(), sentMessageIDs: ids, outboxFiles: files.count,
                inboxLeft: left, processed: processed), crashed
        )
    }

    @Test(arguments: FaultPoint.allCases)
    func aCrashAtEachWindowChangesNoOutcome(_ point: FaultPoint) throws {
        let (clean, _) = try scenario(crashAt: nil)
        let (recovered, crashed) = try scenario(crashAt: point)
        #expect(crashed, "the process did not die at \(point.rawValue)")
        #expect(recovered == clean)
        #expect(recovered.inboxLeft == 0 && recovered.processed == Self.mails.count)
        #expect(recovered.outboxFiles == Set(recovered.sentMessageIDs).count, "a reply was written twice")
    }
}
