import Foundation
import GatewayTestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// `escalation-gateway run` as a separate process that a test kills with SIGKILL and restarts;
/// its log (standard error) is kept across restarts in `gateway.log` beside the config (or the
/// file named `logName` there, one per instance when several run).
final class GatewayProcess {
    let config: URL
    let log: URL
    private var process: Process?
    private(set) var starts = 0

    init(config: URL, logName: String = "gateway.log") {
        self.config = config
        log = config.deletingLastPathComponent().appendingPathComponent(logName)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    }

    /// The running process's id, or nil.
    var processIdentifier: Int32? { process?.isRunning == true ? process?.processIdentifier : nil }

    /// Starts the gateway; `crashAt` arms a fault point (`ESCALATION_GATEWAY_CRASH_AT`).
    func start(crashAt: String? = nil) throws {
        let process = Process()
        process.executableURL = TestWorkspace.repository.appendingPathComponent(".build/debug/escalation-gateway")
        process.arguments = ["run", "--config", config.path]
        var environment = ["PATH": "/usr/bin:/bin", "EG_TEST_PASSWORD": "secret"]
        environment["ESCALATION_GATEWAY_CRASH_AT"] = crashAt
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        starts += 1
    }

    var isRunning: Bool { process?.isRunning ?? false }

    /// SIGKILL, as a power cut or the OOM killer would; waits until it is gone.
    func kill9() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, the way an operator stops it; waits until it is gone.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// Sends `signal` and waits up to `seconds` for the process to end: how it ended and how
    /// long after the signal, or nil while it still runs.
    func signal(_ signal: Int32, exitWithin seconds: Double) -> (reason: Process.TerminationReason, status: Int32, seconds: Double)? {
        guard let process, process.isRunning else { return nil }
        let sent = Date()
        kill(process.processIdentifier, signal)
        while process.isRunning {
            if Date().timeIntervalSince(sent) > seconds { return nil }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return (process.terminationReason, process.terminationStatus, Date().timeIntervalSince(sent))
    }

    /// The log lines so far.
    func logLines() -> [String] {
        (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
    }
}
