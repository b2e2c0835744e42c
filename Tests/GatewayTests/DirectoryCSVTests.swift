import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway
import GatewayTestSupport
import Testing

/// `import accounts.csv contacts.csv staff.csv cases.csv`: the same directory as the JSON
/// import, RFC 4180 quoting, errors at file, line and column, and all or nothing.
@Suite struct DirectoryCSVTests {
    /// A valid directory of one record per kind, as CSV files by name.
    static let valid = [
        "accounts.csv":
            "number,name,domains,team,escalation_manager,tier\nACC0001001,Acme Corp,acme.example,am@support.example,em@support.example,\n",
        "contacts.csv": "email,name,account\njane@acme.example,Jane Doe,ACC0001001\n",
        "staff.csv": "email,name\nagent1@support.example,Sam Agent\n",
        "cases.csv":
            "number,account,subject,owner,assignment_group,group_manager,contact\nCS0001234,ACC0001001,Login fails,agent1@support.example,Tier 2,,jane@acme.example\n",
    ]

    /// A throwaway folder holding `files` (name: text); the paths, sorted.
    static func write(_ files: [String: String], in folder: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try files.keys.sorted().map { name in
            let url = folder.appendingPathComponent(name)
            try Data(files[name, default: ""].utf8).write(to: url)
            return url.path
        }
    }

    static var samples: [String] {
        ["accounts", "contacts", "staff", "cases"].map { TestWorkspace.repository.appendingPathComponent("Samples/directory-csv/\($0).csv").path }
    }

    @Test func theSampleCSVFilesGiveTheSameDirectoryAsTheSampleJSON() throws {
        let fromJSON = try TestWorkspace()
        defer { fromJSON.remove() }
        let fromCSV = try TestWorkspace()
        defer { fromCSV.remove() }
        #expect(try GatewayCLI.run(["import", "--config", fromJSON.configURL.path, fromJSON.directoryFile]).status == 0)
        let imported = try GatewayCLI.run(["import", "--config", fromCSV.configURL.path] + Self.samples)
        #expect(imported.status == 0)
        #expect(imported.output == "imported 2 accounts, 3 contacts, 8 staff, 3 cases\n")

        let stored = try fromCSV.gateway().store.read { try $0.directory() }
        #expect(stored == (try fromJSON.gateway().store.read { try $0.directory() }))
        #expect(stored == (try DirectoryFile.load(path: fromJSON.directoryFile)))
        let dry = try GatewayCLI.run(["import", "--dry-run", "--config", fromJSON.configURL.path] + Self.samples)
        #expect(dry.status == 0 && dry.output == "no change\n", "\(dry.output)")
    }

    @Test func quotedCellsListsByteOrderMarkAndLineEnds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = Self.valid
        files["accounts.csv"] =
            "\u{FEFF}number,name,domains,team,escalation_manager,tier\r\n"
            + "ACC0001001,\"Acme, \"\"The\"\" Corp\",\"acme.example; ACME.test\",am@support.example;am2@support.example,,gold\r\n"
            + "\r\n"
            + "acc1002,Globex,,,,\r\n"
        files["cases.csv"] =
            "number,account,subject,owner,assignment_group,group_manager,contact\n"
            + "CS0001234,ACC0001001,\"Login fails\nsince Monday, twice\",agent1@support.example,\"\",,jane@acme.example\n"
            + "CS0001235,ACC0001002,Reports are slow,agent1@support.example,Tier 2,t2-manager@support.example,"
        let directory = try DirectoryFile.load(paths: try Self.write(files, in: folder))
        #expect(
            directory.account(AccountNumber(unchecked: "ACC0001001"))
                == Account(
                    number: AccountNumber(unchecked: "ACC0001001"), name: "Acme, \"The\" Corp", domains: ["acme.example", "acme.test"],
                    team: [EmailAddress(unchecked: "am@support.example"), EmailAddress(unchecked: "am2@support.example")], tier: "gold"))
        #expect(directory.account(AccountNumber(unchecked: "ACC0001002")) == Account(number: AccountNumber(unchecked: "ACC0001002"), name: "Globex"))
        #expect(directory.accounts.count == 2, "the empty line is no record")
        #expect(
            directory.supportCase(CaseNumber(unchecked: "CS0001234"))
                == SupportCase(
                    number: CaseNumber(unchecked: "CS0001234"), account: AccountNumber(unchecked: "ACC0001001"),
                    subject: "Login fails\nsince Monday, twice", owner: EmailAddress(unchecked: "agent1@support.example"),
                    contact: EmailAddress(unchecked: "jane@acme.example")))
        #expect(directory.supportCase(CaseNumber(unchecked: "CS0001235"))?.groupManager == EmailAddress(unchecked: "t2-manager@support.example"))

        // A line end inside quotes counts: after the two-line cell, records start on lines 4 and 5.
        files["cases.csv", default: ""] += "\nCS0001236,ACC0009999,Invoices,agent1@support.example,,,\n"
        let error = try #require(throws: ConfigError.self) { try DirectoryFile.load(paths: try Self.write(files, in: folder)) }
        #expect(
            error.description == folder.appendingPathComponent("cases.csv").path
                + ":5: column \"account\": an account number listed under accounts, got ACC0009999")
    }

    struct Broken: CustomTestStringConvertible, Sendable {
        var file: String
        var text: String
        /// The error after the folder: `cases.csv:3: column "account": …`.
        var error: String
        var testDescription: String { error }
    }

    static let broken: [Broken] = [
        Broken(
            file: "cases.csv",
            text:
                "number,account,subject,owner,assignment_group,group_manager,contact\nCS0001234,ACC0001001,Login fails,agent1@support.example,,,\nCS0001235,ACC12X,Slow,agent1@support.example,,,\n",
            error: "cases.csv:3: column \"account\": expected ACC followed by digits, got ACC12X"),
        Broken(
            file: "cases.csv",
            text: "number,account,subject,owner,assignment_group,group_manager,contact\nCS0001234,ACC0009999,Login fails,agent1@support.example,,,\n",
            error: "cases.csv:2: column \"account\": an account number listed under accounts, got ACC0009999"),
        Broken(
            file: "cases.csv",
            text:
                "number,account,subject,owner,assignment_group,group_manager,contact\nCS0001234,ACC0001001,\"Login fails,agent1@support.example,,,\n",
            error: "cases.csv:2: column \"subject\": a closing quote for the cell opened here"),
        Broken(
            file: "cases.csv",
            text: "number,account,subject,owner,assignment_group,group_manager,contact\nCS0001234,ACC0001001,\"Login\"x,agent1@support.example,,,\n",
            error: "cases.csv:2: column \"subject\": a comma or the line's end after the closing quote, got x"),
        Broken(
            file: "contacts.csv", text: "email,name,account\njane-at-acme,Jane Doe,ACC0001001\n",
            error: "contacts.csv:2: column \"email\": not a mail address: jane-at-acme"),
        Broken(
            file: "contacts.csv", text: "email,name,account\njane@acme.example,Jane \"JD\" Doe,ACC0001001\n",
            error: "contacts.csv:2: column \"name\": a quote only around a whole cell (write a quote inside a quoted cell as \"\")"),
        Broken(
            file: "contacts.csv", text: "email,name,account\njane@acme.example,Jane Doe\n",
            error: "contacts.csv:2: column \"account\": a cell (the record has 2 of the header's 3)"),
        Broken(
            file: "contacts.csv", text: "email,name,account\njane@acme.example,Doe, Jane,ACC0001001\n",
            error: "contacts.csv:2: column 4: no cell beyond the header's 3 columns (a comma in a value needs quotes)"),
        Broken(
            file: "staff.csv", text: "email,name\nagent1@support.example,Sam Agent\nagent2@support.example,  \n",
            error: "staff.csv:3: column \"name\": a value (the cell is empty)"),
        Broken(
            file: "staff.csv", text: "email\nagent1@support.example\n",
            error: "staff.csv:2: column \"name\": a value (the header row has no such column)"),
        Broken(
            file: "staff.csv", text: "email,name,phone\nagent1@support.example,Sam Agent,555\n",
            error: "staff.csv:1: column \"phone\": a field of staff: email, name"),
        Broken(
            file: "accounts.csv",
            text: "number,name,domains,team,escalation_manager,tier\nACC0001001,Acme Corp,acme.example,am@support.example; nobody,,\n",
            error: "accounts.csv:2: column \"team\": not a mail address: nobody"),
    ]

    @Test(arguments: broken) func anErrorNamesTheFileTheLineAndTheColumn(_ broken: Broken) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("eg-csv-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files = Self.valid
        files[broken.file] = broken.text
        let error = try #require(throws: ConfigError.self) { try DirectoryFile.load(paths: try Self.write(files, in: folder)) }
        #expect(error.description == folder.path + "/" + broken.error)
    }

    @Test func aFailedImportLeavesThePreviousDirectory() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let config = workspace.configURL.path
        #expect(try GatewayCLI.run(["import", "--config", config, workspace.directoryFile]).status == 0)
        let before = try workspace.gateway().store.read { try $0.directory() }

        // Every file but the last read is valid: accounts, contacts and staff would replace the
        // stored ones if the import were not all or nothing.
        var files = Self.valid
        files["cases.csv"] = Self.broken[0].text
        let paths = try Self.write(files, in: workspace.folder.appendingPathComponent("csv"))
        #expect(try GatewayCLI.run(["import", "--config", config] + paths).status == 78)
        #expect(try GatewayCLI.run(["import", "--dry-run", "--config", config] + paths).status == 78)
        #expect(throws: ConfigError.self) { try workspace.gateway().importDirectory(paths: paths) }
        #expect(try GatewayCLI.run(["import", "--config", config, paths[0], workspace.directoryFile]).status == 78, "JSON and CSV together")
        let unnamed = workspace.folder.appendingPathComponent("people.csv")
        try Data(Self.valid["staff.csv", default: ""].utf8).write(to: unnamed)
        #expect(try GatewayCLI.run(["import", "--config", config, unnamed.path]).status == 78, "a CSV file not named after its kind")
        #expect(try workspace.gateway().store.read { try $0.directory() } == before)

        files["cases.csv"] = Self.valid["cases.csv"]
        let fixed = try Self.write(files, in: workspace.folder.appendingPathComponent("csv"))
        let dry = try GatewayCLI.run(["import", "--dry-run", "--config", config] + fixed)
        #expect(dry.output.contains("staff: remove 7"), "\(dry.output)")
        #expect(try GatewayCLI.run(["import", "--config", config] + fixed).output == "imported 1 accounts, 1 contacts, 1 staff, 1 cases\n")
        #expect(try workspace.gateway().store.read { try $0.directory() }.staff.count == 1)
    }
}
