import ArgumentParser
import EscalationStore
import Foundation
import Gateway

/// `failed`: lists mail that ended `failed`; `failed --retry ID` processes one again after a fix.
struct FailedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "failed", abstract: "List failed mail, or process one again.")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Process the failed mail with this id again.")
    var retry: Int?

    func run() throws {
        let gateway = try options.makeGateway()
        if let retry {
            guard let outcome = try gateway.reprocessFailed(id: retry) else { throw ValidationError("no failed mail with id \(retry)") }
            try gateway.dispatch(to: try gateway.config.makeSink())
            if options.json { JSONLines.print(outcome) } else { print("\(retry): \(outcome.outcome) – \(outcome.reason)") }
            return
        }
        for mail in try gateway.failedMail() {
            struct Row: Encodable {
                var id: Int
                var messageId: String
                var position: String
                var reason: String
            }
            if options.json {
                JSONLines.print(Row(id: mail.id, messageId: mail.messageID, position: mail.position, reason: mail.reason))
            } else {
                print("\(mail.id)  \(mail.position)  \(mail.reason)")
            }
        }
    }
}
