import ArgumentParser
import Foundation
import Gateway
import Logging
import Operations

#if canImport(Glibc)
    import Glibc
#endif

/// A flag set by SIGINT/SIGTERM; the loop stops after the current mail.
private nonisolated(unsafe) var stopRequested: sig_atomic_t = 0

/// `run`: the daemon loop (poll, apply, send, tick SLAs); `--once` does one cycle and exits.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Poll, apply, send and tick SLAs until stopped.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Process what is there, send, tick SLAs, then exit.")
    var once = false

    func run() throws {
        // A server that dies mid-conversation would otherwise kill the gateway with SIGPIPE on
        // the next write, silently; ignored, the write fails, is logged, and is retried.
        signal(SIGPIPE, SIG_IGN)
        let config = try options.loadConfig()
        options.bootstrapLogging(config.log)
        // The metrics backend first: the gateway makes its metric handles when it is wired.
        let server = try config.http.map { try OperationsServer(settings: $0, logger: Logger(label: "escalation-gateway.http")) }
        let gateway = try options.openGateway(clock: { Date() })
        try server?.start(gateway)
        defer { server?.stop() }
        let source = try gateway.config.makeSource()
        let sink = try gateway.config.makeSink()
        if once {
            let outcomes = try gateway.cycle(source: source, sink: sink)
            for outcome in outcomes {
                if options.json { JSONLines.print(outcome) } else { print("\(outcome.file ?? ""): \(outcome.outcome) – \(outcome.reason)") }
            }
            return
        }
        // A parent may hand down a mask that blocks these (Foundation's Process does): unblock them.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGINT)
        sigaddset(&stopSignals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &stopSignals, nil)
        signal(SIGINT) { _ in stopRequested = 1 }
        signal(SIGTERM) { _ in stopRequested = 1 }
        gateway.run(source: source, sink: sink) { stopRequested != 0 }
    }
}
