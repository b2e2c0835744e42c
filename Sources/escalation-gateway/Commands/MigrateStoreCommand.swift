import ArgumentParser
import EscalationStore
import Foundation
import Gateway
import Logging

/// `migrate-store --to postgres://…`: copies the configured SQLite database into an empty
/// PostgreSQL database, then checks the copy: `show --json` of every escalation, case and
/// account reads the same from both. The SQLite file is only read.
struct MigrateStoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store", abstract: "Copy the SQLite database into an empty PostgreSQL database and check the copy.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The PostgreSQL database: postgres://user@host:port/database?sslmode=disable|require|verify-full.")
    var to: String

    @Option(name: .long, help: "A file holding the PostgreSQL password.")
    var passwordFile: String?

    @Option(name: .long, help: "An environment variable holding the PostgreSQL password.")
    var passwordEnv: String?

    func run() throws {
        let config = try options.loadConfig()
        options.bootstrapLogging(config.log)
        guard config.sqlitePath != nil else { throw ValidationError("\(options.config) names no SQLite database to copy from") }
        let target: PostgresLocation
        do {
            target = try PostgresLocation(url: to, password: try password())
        } catch let error as PostgresLocationError {
            throw ValidationError("--to: \(error.reason)")
        }
        let source = try options.openGateway(clock: { Date() })
        let copy = try Gateway(
            config: config, store: try Store(location: .postgres(target)), logger: Logger(label: "escalation-gateway"), clock: { Date() })
        let counts = try source.store.copy(into: copy.store)
        print("copied \(counts.rows) rows of \(counts.tables.count) tables to \(target.description)")
        let numbers = try source.store.read { try $0.recordNumbers() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var differing: [String] = []
        for number in numbers {
            let before = try source.showReport(number).map { try encoder.encode($0) }
            let after = try copy.showReport(number).map { try encoder.encode($0) }
            if before != after { differing.append(number) }
        }
        guard differing.isEmpty else {
            throw ValidationError("show --json reads differently on PostgreSQL for \(differing.count) records: \(differing.joined(separator: ", "))")
        }
        print("show --json reads the same on both for all \(numbers.count) escalations, cases and accounts")
    }

    private func password() throws -> String? {
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ValidationError("--password-file: \(passwordFile) cannot be read")
            }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        if let passwordEnv {
            guard let value = ProcessInfo.processInfo.environment[passwordEnv] else {
                throw ValidationError("--password-env: \(passwordEnv) is not set")
            }
            return value
        }
        return nil
    }
}
