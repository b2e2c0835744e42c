import ArgumentParser
import EscalationCore
import EscalationValues
import Foundation
import Gateway
import GatewayBenchmarks

/// `bench`: benchmarks that print their figures; never pass/fail.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure the gateway's speed.", subcommands: [PipelineBench.self, ParseBench.self, IMAPBench.self])
}

/// `bench parse DIR`: parse + read every file under DIR, from memory.
struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Parse and read every file under a folder; prints mails/s, MB/s, time per KB and peak RSS.")

    @Argument(help: "The folder of mail files (searched recursively).")
    var folder: String

    @Option(name: .long, help: "How many times to go over the files (after one warm-up round).")
    var rounds: Int = 5

    @Option(name: .long, help: "Workers parsing at once (default: one per core, as the pipeline does).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        let files = try ParseBenchmark.load(URL(fileURLWithPath: folder))
        guard !files.isEmpty else { throw ValidationError("\(folder): no files") }
        guard let gateway = EmailAddress("escalations@support.example") else { return }
        _ = ParseBenchmark.run(files, rounds: 1, threads: threads, gateway: gateway)
        let result = ParseBenchmark.run(files, rounds: rounds, threads: threads, gateway: gateway)
        let megabytes = Double(files.reduce(0) { $0 + $1.count }) / 1_048_576
        print(
            "files: \(files.count) (\(String(format: "%.1f", megabytes)) MB), rounds: \(rounds), threads: \(threads), over a limit: \(result.failed / rounds)"
        )
        print("\(Int(result.mailsPerSecond)) mails/s")
        print(String(format: "%.1f MB/s", result.megabytesPerSecond))
        print(String(format: "%.2f µs per KB", result.seconds * 1e6 / max(1, Double(result.bytes) / 1024)))
        if let peak = ProcessMemory.peakResidentBytes() { print("peak RSS \(peak >> 20) MB (the files' own bytes included)") }
    }
}
