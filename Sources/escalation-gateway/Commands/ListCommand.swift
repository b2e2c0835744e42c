import ArgumentParser
import Foundation
import Gateway

/// `list`: every escalation, with its severity colour on a terminal.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List escalations.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let reports = try options.makeGateway().listReport()
        if options.json {
            JSONLines.print(reports)
            return
        }
        if reports.isEmpty { print("no escalations") }
        for report in reports { Self.printLine(report) }
    }

    /// One escalation as a line, with its severity in colour on a terminal.
    static func printLine(_ report: EscalationReport) {
        let severity = TerminalColor.paint(report.severity.name, color: report.severity.color)
        let links = report.linkedCases.isEmpty ? "" : " cases " + report.linkedCases.joined(separator: ",")
        print(
            "\(report.number)  \(report.type.padding(toLength: 7, withPad: " ", startingAt: 0)) \(report.source)  \(report.state.padding(toLength: 11, withPad: " ", startingAt: 0)) \(severity)  trend \(report.trend)  \(report.reason)\(links)"
        )
    }
}

/// ANSI colours for severity names, only when standard output is a terminal.
enum TerminalColor {
    static func paint(_ text: String, color: String) -> String {
        guard isatty(STDOUT_FILENO) != 0 else { return text }
        let codes = ["red": "31", "orange": "38;5;208", "yellow": "33", "green": "32", "blue": "34", "purple": "35"]
        guard let code = codes[color.lowercased()] else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
