public import EscalationCore
public import EscalationStore
public import EscalationValues
public import Foundation
public import MailMessage
public import MailTransportCurl
import TOMLKit

/// The whole configuration file (TOML). Relative paths resolve against the file's folder.
public struct GatewayConfig: Sendable {
    /// Where inbound mail comes from.
    public enum Inbound: Sendable {
        case directory(URL)
        case maildir(URL)
        case imap(IMAPSettings)
    }

    /// One `[[inbound]]` (or the single `[inbound]`): a mailbox the gateway reads.
    public struct InboundMailbox: Sendable {
        /// What receipts and the mailbox's cursor record it under, and its lease's name: the
        /// `name` key, else its folder's name (`INBOX`). Unique among the config's mailboxes.
        public var name: String
        public var source: Inbound
    }

    /// Where outgoing mail goes.
    public enum Outbound: Sendable {
        case directory(URL)
        case smtp(SMTPSettings)
    }

    public var file: URL
    public var address: EmailAddress
    public var displayName: String
    public var domain: String
    /// Where the store is: `[gateway] database` (a SQLite file) or `[database]`.
    public var database: StoreLocation
    /// `[database] lease`: how long an instance's hold on a mailbox (or on the SLA ticks) lasts
    /// without renewal; another instance sharing the database takes it over after that.
    public var leaseTime: TimeSpan
    /// `[gateway] templates`: a folder whose files replace the built-in templates of the same
    /// name (nil: the built-in set alone).
    public var templatesFolder: URL?
    /// Every mailbox read, in the file's order: one `[inbound]`, or each `[[inbound]]`.
    public var inbound: [InboundMailbox]
    public var outbound: Outbound
    /// `[outbound] retry_after`: the wait before the first retry of a temporary delivery
    /// failure; doubled per attempt, at most one hour.
    public var retryAfter: TimeSpan
    public var pollInterval: TimeSpan
    public var batchSize: Int
    public var limits: ParseLimits
    /// `[limits] max_attempts`: how often a mail may fail (a database fault) before it is moved
    /// to Failed with its reason, so that no mail blocks the inbox.
    public var maxAttempts: Int
    /// `[limits] max_attachment_bytes`: how many bytes of files a relayed message carries at most
    /// (10 MB by default); the recipient is told which files were left out.
    public var maxAttachmentBytes: Int
    public var escalation: EscalationConfiguration
    public var security: SecurityPolicy
    /// `[http]`: the metrics and health listener of `run` (nil: none).
    public var http: HTTPSettings?
    /// `[log]`: the log's format and level.
    public var log: LogSettings
    /// `[retention]`: what is purged and when (default: nothing).
    public var retention: RetentionPolicy = RetentionPolicy()

    /// The SQLite file, or nil when the store is elsewhere.
    public var sqlitePath: String? { database.sqlitePath }

    /// Opens the configured store.
    public func openStore() throws -> Store {
        try Store(location: database, leaseSeconds: Double(leaseTime.seconds))
    }

    /// Loads and checks a config file.
    /// - Throws: `ConfigError` naming the file, the key (and line for syntax errors) and what is expected.
    public static func load(path: String) throws -> GatewayConfig {
        let file = URL(fileURLWithPath: path).standardizedFileURL
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", expected: "a readable TOML file (it does not exist or cannot be read)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: path, key: "", line: error.source.begin.line, expected: "valid TOML: \(error.description)")
        }
        return try ConfigParser(file: file, root: TOMLReader(file: path, table: table, path: "")).parse()
    }
}

extension GatewayConfig.Inbound {
    /// The folder's own name: the IMAP mailbox (`INBOX`) or the folder's last path component.
    var folderName: String {
        switch self {
        case .directory(let folder), .maildir(let folder): folder.lastPathComponent
        case .imap(let settings): settings.mailbox
        }
    }
}

/// `[inbound] kind = "imap"`.
public struct IMAPSettings: Sendable {
    public var credentials: ServerCredentials
    public var mailbox: String
    public var processedFolder: String
    public var failedFolder: String
}

/// `[outbound] kind = "smtp"`.
public struct SMTPSettings: Sendable {
    public var credentials: ServerCredentials
    public var helo: String?
    public var from: String?
}
