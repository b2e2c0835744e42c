import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import Logging
import MailComposing
import MailTransport

/// How many directory records an import loaded.
public struct DirectoryCounts: Encodable, Sendable {
    public var accounts: Int
    public var contacts: Int
    public var staff: Int
    public var cases: Int
}

/// What an operator does besides running the gateway: replacing the directory, checking the
/// config and templates, and looking after failed mail and the outbox.
struct Administration: Sendable {
    let config: GatewayConfig
    let store: Store
    let directory: StoreDirectory
    let templates: TemplateSet
    /// Where a failed mail is processed again.
    let processor: MailProcessor
    let logger: Logger
    let clock: @Sendable () -> Date

    /// Replaces the directory from one JSON file or from CSV files of its kinds
    /// (`DirectoryFile.load(paths:)`) in one transaction: all or nothing.
    func importDirectory(paths: [String]) throws -> DirectoryCounts {
        let loaded = try DirectoryFile.load(paths: paths)
        try store.transaction { try $0.replaceDirectory(loaded) }
        try directory.refresh()
        let counts = DirectoryCounts(
            accounts: loaded.accounts.count, contacts: loaded.contacts.count, staff: loaded.staff.count, cases: loaded.cases.count)
        logger.notice(
            "directory reloaded",
            metadata: [
                "directory.accounts": "\(counts.accounts)", "directory.contacts": "\(counts.contacts)", "directory.staff": "\(counts.staff)",
                "directory.cases": "\(counts.cases)",
            ])
        return counts
    }

    /// Which mail templates are in use: the built-in set, and the files of `[gateway] templates`
    /// that replace built-in ones.
    var templatesSummary: String {
        let overridden = templates.overridden
        guard let folder = config.templatesFolder else { return "templates: built-in" }
        guard !overridden.isEmpty else { return "templates: built-in (\(folder.path) replaces none)" }
        return "templates: built-in; from \(folder.path): \(overridden.joined(separator: ", "))"
    }

    /// Problems that make escalations impossible or unsafe with this config and directory.
    func configurationProblems() -> [String] {
        var problems: [String] = []
        for type in EscalationType.allCases where !config.escalation.templates.contains(where: { $0.type == type && $0.accounts.isEmpty }) {
            problems.append(
                "no [[template]] of type \"\(type.rawValue)\" without an accounts list: some \(type.rawValue) escalations have no template")
        }
        for template in config.escalation.templates where template.approvalRequired && template.approvers.isEmpty {
            let uncovered = (try? store.read { try $0.casesWithoutGroupManager(limit: 5) }) ?? []
            if !uncovered.isEmpty {
                problems.append(
                    "template \(template.name): approval = true but no approvers, and cases \(uncovered.map(\.value).joined(separator: ", ")) have no group_manager"
                )
            }
        }
        return problems
    }

    /// Mail that ended `failed`, with its reason.
    func failedMail() throws -> [FailedMail] {
        try store.read { try $0.failedMail() }
    }

    /// Processes a failed mail again (after a fix): its old receipt is replaced by the new outcome.
    func reprocessFailed(id: Int) throws -> MailOutcome? {
        guard let raw = try store.read({ try $0.rawFailedMail(id: id) }) else { return nil }
        try store.transaction { try $0.deleteFailedReceipt(id: id) }
        return try processor.process(InboundMail(raw: raw, mailbox: "reprocess", position: "receipt:\(id)"))
    }

    /// The outbox, newest first.
    func outbox() throws -> [OutboxMessage] {
        try store.read { try $0.outbox() }
    }

    /// Requeues outbox mail that was given up.
    func retryFailedOutbox() throws -> Int {
        try store.transaction { try $0.retryFailedOutbox(at: clock()) }
    }
}
