import ArgumentParser
import Foundation
import Gateway
import MailTransport

/// `process FILE…|-`: applies each mail once, in order, and delivers the mail it caused.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Apply mail files (or one mail on standard input) once.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "Mail files (.eml), or - for one mail on standard input.")
    var files: [String]

    func run() throws {
        let gateway = try options.makeGateway()
        let sink = try gateway.config.makeSink()
        for file in files {
            let raw: [UInt8]
            if file == "-" {
                raw = Array(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("\(file): cannot be read") }
                raw = Array(data)
            }
            var outcome = try gateway.process(InboundMail(raw: raw, mailbox: "process", position: file == "-" ? "stdin" : file))
            outcome.file = file
            try gateway.dispatch(to: sink)
            if options.json {
                JSONLines.print(outcome)
            } else {
                print("\(file): \(outcome.outcome) – \(outcome.reason)" + (outcome.escalation.map { " [\($0)]" } ?? ""))
                for mail in outcome.sent { print("  sent \(mail.template) to \(mail.to.joined(separator: ", ")): \(mail.subject)") }
            }
        }
    }
}
