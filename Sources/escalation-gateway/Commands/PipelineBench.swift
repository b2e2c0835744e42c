import ArgumentParser
import EscalationStore
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

    @Option(
        name: .long,
        help: """
            A PostgreSQL server (postgres://user@host:port/database, a user who may create databases; the password in PGPASSWORD): \
            the same mails run on SQLite, on PostgreSQL with one instance, and with two instances on two mailboxes, each in a new \
            database dropped afterwards, and the figures are printed side by side.
            """)
    var database: String?

    func run() throws {
        guard mails > 0, batchSize > 0 else { throw ValidationError("--mails and --batch-size must be positive") }
        guard let database else {
            let result = try run(postgres: nil, instances: 1)
            print(PipelineReport(result).lines.joined(separator: "\n"))
            print("memory allocator: \(MemoryAllocator.inUse)")
            return
        }
        let server: PostgresLocation
        do {
            server = try PostgresLocation(url: database, password: ProcessInfo.processInfo.environment["PGPASSWORD"])
        } catch let error as PostgresLocationError {
            throw ValidationError("--database: \(error.reason)")
        }
        var rows: [(String, PipelineBenchmark.Result)] = []
        for (name, instances, onPostgres) in [
            ("SQLite, 1 instance", 1, false), ("PostgreSQL, 1 instance", 1, true), ("PostgreSQL, 2 instances", 2, true),
        ] {
            let scratch = onPostgres ? try PostgresScratchDatabase.create(on: server, prefix: "eg_bench") : nil
            defer { if let scratch { PostgresScratchDatabase.drop(scratch, through: server) } }
            let result = try run(postgres: scratch, instances: instances)
            print("== \(name)")
            print(PipelineReport(result).lines.joined(separator: "\n"))
            rows.append((name, result))
        }
        print("")
        print(PipelineReport.sideBySide(rows).joined(separator: "\n"))
    }

    private func run(postgres: PostgresLocation?, instances: Int) throws -> PipelineBenchmark.Result {
        let folder =
            work.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory.appendingPathComponent("escalation-bench-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        defer { if work == nil { try? FileManager.default.removeItem(at: folder) } }
        return try PipelineBenchmark(
            options: .init(
                mails: mails, seed: seed, batchSize: batchSize, folder: folder, templates: templates.map { URL(fileURLWithPath: $0) },
                keepMails: keepMails.map { URL(fileURLWithPath: $0) }, postgres: postgres, instances: instances)
        ).run()
    }
}
