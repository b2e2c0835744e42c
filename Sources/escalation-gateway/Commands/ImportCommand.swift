import ArgumentParser
import Gateway

/// `import FILE.json` or `import accounts.csv contacts.csv staff.csv cases.csv`: replaces the
/// directory of accounts, contacts, staff and cases, all or nothing; `--dry-run` says what
/// would change.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Load the directory (accounts, contacts, staff, cases) from JSON or CSV.",
        discussion: """
            Give one JSON file, or CSV files named after their kind: accounts.csv, contacts.csv, \
            staff.csv, cases.csv (a kind without a file is left empty). A CSV file's header row \
            names the JSON fields (accounts: number, name, domains, team, escalation_manager, tier; \
            contacts: email, name, account; staff: email, name; cases: number, account, subject, \
            owner, assignment_group, group_manager, contact). A list field (domains, team) holds \
            its values in one cell separated by semicolons: "acme.example; acme.test". Quote a \
            cell that holds a comma, a quote (doubled: "") or a line end. An empty cell is an \
            absent value. Errors name the file, the line and the column; an import with any \
            error changes nothing.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "One directory file (JSON), or CSV files named accounts.csv, contacts.csv, staff.csv, cases.csv.")
    var files: [String]

    @Flag(name: .long, help: "Print what the import would add, remove and change, and change nothing.")
    var dryRun = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("Name the directory file (JSON) or the CSV files to import.") }
    }

    func run() throws {
        let gateway = try options.makeGateway()
        if dryRun {
            do {
                let changes = try gateway.directoryChanges(paths: files)
                if options.json { JSONLines.print(changes) } else { for line in changes.lines { print(line) } }
            } catch let error as ConfigError {
                throw configurationExit(error)
            }
            return
        }
        let counts: DirectoryCounts
        do {
            counts = try gateway.importDirectory(paths: files)
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
