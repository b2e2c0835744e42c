import Foundation
import GatewayTestSupport
import Testing

/// `bench pipeline` measures the mail path: it writes its figures and no log line per mail.
@Suite struct BenchQuietTests {
    @Test func benchPipelineLogsNothingPerMail() throws {
        let process = Process()
        process.executableURL = GatewayCLI.binary
        process.arguments = ["bench", "pipeline", "--mails", "60", "--batch-size", "20"]
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let logged = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(printed.contains("pipeline: 60 mails"), "\(printed)")
        #expect(logged.isEmpty, "the bench logged: \(logged.prefix(300))")
    }
}
