public import Foundation

/// The debug build of `escalation-gateway`, run to completion as a user runs it.
public enum GatewayCLI {
    /// The executable that `swift build` wrote.
    public static let binary = TestWorkspace.repository.appendingPathComponent(".build/debug/escalation-gateway")

    /// Runs one command (in `directory`, else the test's own); returns its exit status and
    /// standard output (standard error is dropped).
    public static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil) throws -> (
        status: Int32, output: String
    ) {
        let process = Process()
        process.executableURL = binary
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
