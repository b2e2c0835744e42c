import ArgumentParser
import EscalationCore
import Foundation
import Gateway

/// `report [--since 30d] [--json|--csv]`: escalations opened and closed, decisions, SLA and the
/// busiest accounts over a period ending now.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Report escalations, decisions and SLAs over a period (default: the last 30 days).")

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The period ending now: 30d, 12h, 90m.")
    var since: String = "30d"

    @Flag(name: .long, help: "Print CSV (section,dimension,key,name,value) instead of text.")
    var csv = false

    func run() throws {
        guard let period = TimeSpan(since), period.seconds > 0 else { throw ValidationError("--since: a duration such as 30d, 12h or 90m") }
        if csv, options.json { throw ValidationError("--json and --csv: choose one") }
        let gateway = try options.makeGateway()
        let report = try gateway.activityReport(since: Date().addingTimeInterval(-Double(period.seconds)))
        if options.json {
            JSONLines.print(report)
        } else {
            FileHandle.standardOutput.write(Data((csv ? report.csv : report.text).utf8))
        }
    }
}
