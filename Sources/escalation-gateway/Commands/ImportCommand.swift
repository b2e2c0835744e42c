import ArgumentParser
import Gateway

/// `import FILE.json`: replaces the directory of accounts, contacts, staff and cases, all or nothing;
/// `--dry-run` says what would change.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Load the directory (accounts, contacts, staff, cases) from JSON.")

    @OptionGroup var options: CommonOptions

    @Argument(help: "The directory file (JSON).")
    var file: String

    @Flag(name: .long, help: "Print what the import would add, remove and change, and change nothing.")
    var dryRun = false

    func run() throws {
        let gateway = try options.makeGateway()
        if dryRun {
            do {
                let changes = try gateway.directoryChanges(path: file)
                if options.json { JSONLines.print(changes) } else { changes.lines.forEach { print($0) } }
            } catch let error as ConfigError {
                throw configurationExit(error)
            }
            return
        }
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
