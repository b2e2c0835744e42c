import ArgumentParser
import Foundation
import Gateway
import MailTransport

/// `bench imap`: fetches every mail of the configured IMAP inbox with the real transport,
/// in batches, without moving anything; prints mails/s.
struct IMAPBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imap", abstract: "Fetch the configured IMAP inbox with the real transport; prints mails/s.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let config = try options.loadConfig()
        guard case .imap = config.inbound[0].source else { throw ValidationError("[inbound] kind must be \"imap\" for bench imap") }
        let source = try config.makeSource()
        let start = DispatchTime.now().uptimeNanoseconds
        let mails = try source.fetch(limit: 1_000_000)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let bytes = mails.reduce(0) { $0 + $1.raw.count }
        print(
            "fetched \(mails.count) mails (\(String(format: "%.1f", Double(bytes) / 1_048_576)) MB) in \(String(format: "%.3f", seconds)) s, one connection"
        )
        print("\(Int(Double(mails.count) / max(seconds, 1e-9))) mails/s")
    }
}
