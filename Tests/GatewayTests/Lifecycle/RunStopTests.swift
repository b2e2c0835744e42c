import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `run` with a folder inbox, stopped by a signal: with a batch of 500 mails in hand
/// (`StopMidBatch`), and while it waits for new mail with an hour's poll interval.
@Suite(.serialized) struct RunStopTests {
    @Test func sigtermWithFiveHundredMailsInAFolderStopsAfterTheMailInHand() throws {
        try StopMidBatch(mailbox: .directory, count: 500, seed: 6161).run(stoppingWith: SIGTERM)
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalWhileWaitingForMailEndsTheWaitAtOnce(_ signal: Int32) throws {
        let port = RunningGateway.freePort()
        let world = try FaultWorld(transports: FaultWorld.directoryTransports(pollInterval: "1h") + "\n\n[http]\nlisten = \"127.0.0.1:\(port)\"")
        defer { world.remove() }
        let gateway = GatewayProcess(config: world.config)
        defer { gateway.stop() }
        try gateway.start()
        try waitUntil(seconds: 60, "the first cycle finished (/readyz answering 200)") { httpGet("http://127.0.0.1:\(port)/readyz")?.status == 200 }
        let exit = try #require(gateway.signal(signal, exitWithin: 2), "still running 2 s after signal \(signal)")
        #expect(exit.reason == .exit && exit.status == 0, "exit \(exit.reason) \(exit.status)")
    }
}
