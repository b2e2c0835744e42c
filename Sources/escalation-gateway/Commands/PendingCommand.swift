import ArgumentParser
import EscalationCore
import EscalationValues
import Foundation
import Gateway

/// `pending`: the escalation requests waiting for a decision ("My Approvals"), as `PENDING` by
/// mail answers them; for one approver with their one-click links.
struct PendingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pending", abstract: "List escalation requests waiting for a decision (for one approver with --approver).")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "Only the requests waiting for this approver's decision, with their one-click links.")
    var approver: String?

    func run() throws {
        let address = try approver.map { text in
            guard let address = EmailAddress(text) else { throw ValidationError("--approver: not a mail address: \(text)") }
            return address
        }
        let items = try options.makeGateway().pendingApprovals(for: address)
        if options.json {
            for item in items { JSONLines.print(item) }
            return
        }
        if items.isEmpty { print(address.map { "nothing waits for \($0)" } ?? "no pending requests") }
        for item in items {
            print("\(item.number)  \(item.supportCase ?? item.account)  \(item.accountName)  \(item.requester)  \(item.reason)  waiting \(item.age)")
            if address == nil { print("    waiting for \(item.waitingFor.joined(separator: ", "))") }
            if let approve = item.approveLink, let reject = item.rejectLink {
                print("    approve: \(approve)")
                print("    reject:  \(reject)")
            }
        }
    }
}
