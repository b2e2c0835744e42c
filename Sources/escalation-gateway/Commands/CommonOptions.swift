import ArgumentParser
import EscalationStore
import Foundation
import Gateway
import Logging
import Operations

/// Options every command takes.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "The config file (TOML).")
    var config: String = "gateway.toml"

    @Flag(name: .long, help: "Print JSON on standard output, one compact object per line; logs go to standard error.")
    var json = false

    @Flag(name: .long, help: "Log every mail processed.")
    var verbose = false

    /// Loads the config and wires the gateway, or exits with the config error.
    func makeGateway(clock: @escaping @Sendable () -> Date = { Date() }) throws -> Gateway {
        bootstrapLogging(try loadConfig().log)
        return try openGateway(clock: clock)
    }

    /// Wires a gateway without touching logging (which may be bootstrapped only once).
    func openGateway(clock: @escaping @Sendable () -> Date) throws -> Gateway {
        let loaded = try loadConfig()
        do {
            return try Gateway(config: loaded, store: try loaded.openStore(), logger: Logger(label: "escalation-gateway"), clock: clock)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func loadConfig() throws -> GatewayConfig {
        do {
            return try GatewayConfig.load(path: config)
        } catch let error as ConfigError {
            throw configurationExit(error)
        }
    }

    /// Logging as `[log]` says; `--verbose` logs every mail whatever the level, and without a
    /// level only warnings and errors are written.
    func bootstrapLogging(_ settings: LogSettings) {
        var settings = settings
        if verbose, (settings.level.flatMap(Logger.Level.init(rawValue:)) ?? .warning) > .info { settings.level = "info" }
        LogBootstrap.bootstrap(settings, fallback: .warning)
    }
}

/// Compact JSON lines on standard output.
enum JSONLines {
    static func print(_ value: some Encodable) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(value) {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}

/// A configuration or directory file that cannot be used: printed as `error: file:line: key:
/// expectation` without the usage text (the command line was fine), exit status 78 (EX_CONFIG).
func configurationExit(_ error: ConfigError) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
    return ExitCode(78)
}
