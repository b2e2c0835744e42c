import ArgumentParser
import Foundation
import Gateway
import GatewayBenchmarks

/// `bench pipeline --mails N`: the whole in-process pipeline over generated conversations.
struct PipelineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Generate N mails forming whole conversations, run the pipeline over them, then dispatch the outbox; prints the figures.")

    @Option(name: .long, help: "How many inbound mails to generate and process.")
    var mails: Int = 10_000

    @Option(name: .long, help: "The seed of the generator; the same seed gives the same mails.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Mails per batch (one transaction, one fsync).")
    var batchSize: Int = 500

    @Option(name: .long, help: "The folder to work in (default: a new temporary folder, removed afterwards).")
    var work: String?

    @Option(name: .long, help: "A folder of mail templates that replace the built-in ones of the same name.")
    var templates: String?

    @Option(name: .long, help: "Also write every generated mail into this folder (000001.eml…), e.g. for Tests/bench/python_pipeline.py.")
    var keepMails: String?

    func run() throws {
        guard mails > 0, batchSize > 0 else { throw ValidationError("--mails and --batch-size must be positive") }
        let templatesFolder = templates.map { URL(fileURLWithPath: $0) }
        let folder =
            work.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("escalation-bench-\(getpid())")
        defer { if work == nil { try? FileManager.default.removeItem(at: folder) } }
        let benchmark = PipelineBenchmark(
            options: .init(
                mails: mails, seed: seed, batchSize: batchSize, folder: folder, templates: templatesFolder,
                keepMails: keepMails.map { URL(fileURLWithPath: $0) }))
        let result = try benchmark.run()
        print(PipelineReport(result).lines.joined(separator: "\n"))
        print("memory allocator: \(MemoryAllocator.inUse)")
    }
}
