import ArgumentParser
import EscalationStore
import Foundation
import Gateway
import MailTransport

/// `process FILE…|-`: applies each mail once, in order, and delivers the mail it caused. Every
/// file is processed; the exit status is 1 when any mail failed (its reason printed), else 0.
/// `process -` is the MTA pipe: a temporary failure (the database cannot be opened or written)
/// exits 75 (EX_TEMPFAIL), so that the MTA keeps the mail and tries again.
struct ProcessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "process", abstract: "Apply mail files (or one mail on standard input) once.")

    /// sysexits' EX_TEMPFAIL: Postfix, Exim and sendmail defer the mail and retry.
    static let temporaryFailure = ExitCode(75)

    @OptionGroup var options: CommonOptions

    @Argument(help: "Mail files (.eml), or - for one mail on standard input.")
    var files: [String]

    func run() throws {
        let piped = files == ["-"]
        let gateway: Gateway
        do {
            gateway = try options.makeGateway()
        } catch let error as ValidationError where piped {
            FileHandle.standardError.write(Data("temporary failure: \(error)\n".utf8))
            throw Self.temporaryFailure
        }
        let sink = try gateway.config.makeSink()
        var anyFailed = false
        for file in files {
            let position = file == "-" ? "stdin" : file
            var outcome: MailOutcome
            do {
                outcome = try gateway.process(InboundMail(raw: try read(file), mailbox: "process", position: position))
            } catch {
                if piped {
                    FileHandle.standardError.write(Data("temporary failure: \(error)\n".utf8))
                    throw Self.temporaryFailure
                }
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
