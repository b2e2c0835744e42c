import ArgumentParser
import Foundation
import Gateway
import Logging
import Operations
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
    import Glibc
#endif

/// `run`: the daemon (poll, apply, send, tick SLAs) and the `[http]` listener as services of one
/// ServiceLifecycle group, which SIGTERM and SIGINT shut down gracefully: the mail in hand is
/// finished and committed, the rest stays on its source (`MailService`). `--once` does one cycle
/// and exits.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Poll, apply, send and tick SLAs until stopped.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Process what is there, send, tick SLAs, then exit.")
    var once = false

    func run() async throws {
        // A server that dies mid-conversation would otherwise kill the gateway with SIGPIPE on
        // the next write, silently; ignored, the write fails, is logged, and is retried.
        signal(SIGPIPE, SIG_IGN)
        let config = try options.loadConfig()
        options.bootstrapLogging(config.log)
        // The metrics backend first: the gateway makes its metric handles when it is wired.
        let server = try config.http.map { try OperationsServer(settings: $0, logger: Logger(label: "escalation-gateway.http")) }
        let gateway = try options.openGateway(clock: { Date() })
        let mail = MailService(
            gateway: gateway, mailboxes: try gateway.config.makeSources(), sink: try gateway.config.makeSink(),
            mode: once ? .once(report: { [json = options.json] in Self.show($0, json: json) }) : .continuous)
        // Either service ending, by itself or failing, ends the other: the group stops as a whole,
        // the last service first (the mail, then the listener, which answers until then).
        let named: [(String, any Service)?] = [server.map { ("http", $0.service(for: gateway)) }, ("mail", mail)]
        let services = named.compactMap { $0 }.map { name, service in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: service, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup,
                serviceName: name)
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: Logger(label: "escalation-gateway.lifecycle")))
        try await group.run()
    }

    /// Prints each mail's outcome on standard output, as JSON lines with `--json`.
    private static func show(_ outcomes: [MailOutcome], json: Bool) {
        for outcome in outcomes {
            if json { JSONLines.print(outcome) } else { print("\(outcome.file ?? ""): \(outcome.outcome) – \(outcome.reason)") }
        }
    }
}
