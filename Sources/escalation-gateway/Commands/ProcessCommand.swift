import ArgumentParser
import EscalationStore
import Foundation
import Gateway
import MailTransport

/// `process FILE…|-`: applies each mail once, in order, and delivers the mail it caused. Every
/// file is processed; the exit status is 1 when any mail failed (its reason printed), else 0.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Apply mail files (or one mail on standard input) once.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Mail files (.eml), or - for one mail on standard input.")
    var files: [String]

    func run() throws {
        let gateway = try options.makeGateway()
        let sink = try gateway.config.makeSink()
        var anyFailed = false
        for file in files {
            let position = file == "-" ? "stdin" : file
            var outcome: MailOutcome
            do {
                outcome = try gateway.process(InboundMail(raw: try read(file), mailbox: "process", position: position))
            } catch {
                outcome = MailOutcome(file: nil, messageId: "", outcome: .failed, reason: "\(error)", intent: "", escalation: nil, sent: [])
            }
            outcome.file = file
            anyFailed = anyFailed || outcome.outcome == .failed
            try gateway.dispatch(to: sink)
            if options.json {
                JSONLines.print(outcome)
            } else {
                print("\(file): \(outcome.outcome) – \(outcome.reason)" + (outcome.escalation.map { " [\($0)]" } ?? ""))
                for mail in outcome.sent { print("  sent \(mail.template) to \(mail.to.joined(separator: ", ")): \(mail.subject)") }
            }
        }
        if anyFailed { throw ExitCode.failure }
    }

    /// The bytes of a mail file, or of standard input for `-`.
    private func read(_ file: String) throws -> [UInt8] {
        if file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot be read") }
        return Array(data)
    }
}
