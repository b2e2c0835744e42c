import ArgumentParser
import Foundation
import Gateway

/// `show NUMBER`: an escalation (ESC…), a case (CS…) or an account (ACC…).
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an escalation, a case or an account.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "An ESC, CS or ACC number.")
    var number: String

    func run() throws {
        guard let report = try options.makeGateway().showReport(number) else {
            throw ValidationError("\(number): no such escalation, case or account")
        }
        if options.json {
            JSONLines.print(report)
            return
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var text = String(decoding: try encoder.encode(report), as: UTF8.self)
        for color in ["red", "orange", "yellow", "green"] {
            text = text.replacingOccurrences(of: "\"color\" : \"\(color)\"", with: "\"color\" : \"\(TerminalColor.paint(color, color: color))\"")
        }
        print(text)
    }
}
