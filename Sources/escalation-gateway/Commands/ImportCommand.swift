import ArgumentParser
import Gateway

/// `import FILE.json`: replaces the directory of accounts, contacts, staff and cases, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load the directory (accounts, contacts, staff, cases) from JSON.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The directory file (JSON).")
    var file: String

    func run() throws {
        let gateway = try options.makeGateway()
        let counts: DirectoryCounts
        do {
            counts = try gateway.importDirectory(path: file)
        } catch let error as ConfigError {
            throw configurationExit(error)
        }
        if options.json {
            JSONLines.print(counts)
        } else {
            print("imported \(counts.accounts) accounts, \(counts.contacts) contacts, \(counts.staff) staff, \(counts.cases) cases")
        }
    }
}
