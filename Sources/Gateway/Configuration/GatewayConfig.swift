public import EscalationCore
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

    /// Where outgoing mail goes.
    public enum Outbound: Sendable {
        case directory(URL)
        case smtp(SMTPSettings)
    }

    public var file: URL
    public var address: EmailAddress
    public var displayName: String
    public var domain: String
    public var databasePath: String
    /// `[gateway] templates`: a folder whose files replace the built-in templates of the same
    /// name (nil: the built-in set alone).
    public var templatesFolder: URL?
    public var inbound: Inbound
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
