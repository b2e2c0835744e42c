import ArgumentParser
import EscalationCore
import Foundation
import Gateway
import GatewayDemo

/// `demo`: starts from an empty database, imports the sample directory and plays the sample
/// conversations, answering the gateway's real mail as each participant's client would.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Play the sample conversations and list the escalations.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The directory file to import.")
    var directory: String = "Samples/directory.json"

    @Option(name: .long, help: "The folder of conversations (one folder of .eml steps each).")
    var conversations: String = "Samples/conversations"

    @Option(
        name: .long,
        help: "Start the conversations' clock this long ago (90m, 8h, 2d), so that a dashboard or `run` afterwards sees them in the past.")
    var startAgo: String?

    func run() throws {
        let config = try options.loadConfig()
        options.bootstrapLogging(config.log)
        try DemoWorkspace.reset(config)
        guard let ago = startAgo.map(TimeSpan.init) ?? TimeSpan(seconds: 0) else {
            throw ValidationError("--start-ago: a duration such as 90m, 8h or 2d")
        }
        let clock = VirtualClock(start: Date().addingTimeInterval(-Double(ago.seconds)))
        let counts = try options.openGateway(clock: { clock.now() }).importDirectory(path: directory)
        print("imported \(counts.accounts) accounts, \(counts.contacts) contacts, \(counts.staff) staff, \(counts.cases) cases")
        let player = DemoPlayer(gateway: try options.openGateway(clock: { clock.now() }), clock: clock) { print($0) }
        try player.play(conversations: URL(fileURLWithPath: conversations))
        print("\n=== escalation-gateway list ===")
        for report in try options.openGateway(clock: { clock.now() }).listReport() {
            ListCommand.printLine(report)
        }
    }
}
