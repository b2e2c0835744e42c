import ArgumentParser
import Foundation
import Gateway

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
        let gateway = try options.makeGateway()
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
