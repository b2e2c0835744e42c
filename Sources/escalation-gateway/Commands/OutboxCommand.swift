import ArgumentParser
import EscalationStore
import Foundation
import Gateway

/// `outbox`: lists outgoing mail and its state; `--retry` requeues mail that was given up.
struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "outbox", abstract: "List outgoing mail, or requeue failed mail.")

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Requeue outgoing mail that was given up.")
    var retry = false

    func run() throws {
        let gateway = try options.makeGateway()
        if retry {
            print("requeued \(try gateway.retryFailedOutbox())")
            return
        }
        for message in try gateway.outbox() {
            struct Row: Encodable {
                var id: Int
                var messageId: String
                var kind: String
                var state: String
                var attempts: Int
                var to: [String]
                var subject: String
                var lastError: String?
            }
            let row = Row(
                id: message.id, messageId: message.messageID, kind: message.kind, state: message.state.rawValue, attempts: message.attempts,
                to: message.recipients, subject: message.subject, lastError: message.lastError)
            if options.json {
                JSONLines.print(row)
            } else {
                print("\(row.id)  \(row.state)  \(row.kind)  \(row.to.joined(separator: ","))  \(row.subject)")
            }
        }
    }
}
