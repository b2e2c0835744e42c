import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Gateway
import GatewayTestSupport
import MailTransport
import Testing

/// The gateway reads the directory from the store record by record: what it read stays until
/// the directory is imported again, and then the new import counts as a whole.
@Suite struct StoreDirectoryTests {
    @Test func aNewImportReplacesWhatWasReadAtTheNextRefresh() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        _ = try gateway.importDirectory(path: workspace.directoryFile)
        let lookup = try gateway.store.directoryLookup()
        let jane = try #require(EmailAddress("jane@acme.example"))
        let newcomer = try #require(EmailAddress("newcomer@acme.example"))
        #expect(lookup.contact(jane)?.name == "Jane Doe")
        #expect(lookup.contact(newcomer) == nil)
        #expect(lookup.accounts(withDomain: "ACME.example").map(\.number.value) == ["ACC0001001"])

        var directory = try DirectoryFile.load(path: workspace.directoryFile)
        let account = try #require(directory.contact(jane)).account
        directory = Directory(
            accounts: Array(directory.accounts.values), contacts: [Contact(email: newcomer, name: "New Comer", account: account)],
            staff: Array(directory.staff.values), cases: Array(directory.cases.values))
        try gateway.store.transaction { try $0.replaceDirectory(directory) }
        #expect(lookup.contact(jane)?.name == "Jane Doe", "what was read stays until the refresh")
        try lookup.refresh()
        #expect(lookup.contact(jane) == nil)
        #expect(lookup.contact(newcomer)?.name == "New Comer")
    }

    @Test func aContactRemovedByImportIsAStrangerToTheRunningGateway() throws {
        let workspace = try TestWorkspace()
        defer { workspace.remove() }
        let gateway = try workspace.gateway()
        _ = try gateway.importDirectory(path: workspace.directoryFile)
        let mail = { (id: String) in
            InboundMail(
                raw: Array(
                    "From: Jane <jane@acme.example>\r\nTo: escalations@support.example\r\nSubject: [CS0001234] Login fails\r\nMessage-ID: <\(id)@acme.example>\r\n\r\nCOMMENT still broken\r\n"
                        .utf8),
                mailbox: "t", position: id)
        }
        let before = try gateway.process(mail("known"))
        #expect(!before.reason.hasPrefix("unknown-sender"), "\(before.reason)")
        var directory = try DirectoryFile.load(path: workspace.directoryFile)
        directory = Directory(
            accounts: Array(directory.accounts.values), contacts: directory.contacts.values.filter { $0.email.value != "jane@acme.example" },
            staff: Array(directory.staff.values), cases: Array(directory.cases.values))
        try gateway.store.transaction { try $0.replaceDirectory(directory) }
        let after = try gateway.process(mail("removed"))
        #expect(after.outcome == .refused)
        #expect(after.reason.hasPrefix("unknown-sender"), "\(after.reason)")
    }
}
