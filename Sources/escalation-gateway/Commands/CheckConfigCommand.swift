import ArgumentParser
import Gateway

/// `check-config`: loads the config, the templates and the database, and reports the first problem.
struct CheckConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check-config", abstract: "Check the config file, templates and database.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let gateway = try options.makeGateway()
        print(gateway.templatesSummary)
        print(gateway.config.retention.summary)
        let problems = gateway.configurationProblems()
        for problem in problems { print("problem: \(problem)") }
        guard problems.isEmpty else { throw ExitCode(1) }
        print("\(options.config): ok")
    }
}
