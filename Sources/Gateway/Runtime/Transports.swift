import Foundation
public import MailTransport
import MailTransportCurl

/// A mailbox the gateway reads: its source, and the name its mail is recorded under (receipts,
/// the mailbox's cursor, and the lease that lets one instance at a time read it).
public struct NamedMailSource: Sendable {
    public var name: String
    public var source: any MailSource

    public init(name: String, source: any MailSource) {
        self.name = name
        self.source = source
    }
}

extension GatewayConfig {
    /// Every configured inbound mailbox, in the file's order.
    public func makeSources() throws -> [NamedMailSource] {
        try inbound.map { mailbox in NamedMailSource(name: mailbox.name, source: try Self.makeSource(mailbox.source)) }
    }

    /// The first configured inbound mailbox's source (the only one, unless `[[inbound]]` repeats).
    public func makeSource() throws -> any MailSource {
        try Self.makeSource(inbound[0].source)
    }

    private static func makeSource(_ inbound: Inbound) throws -> any MailSource {
        switch inbound {
        case .directory(let folder): try DirectorySource(folder: folder)
        case .maildir(let folder): try MaildirSource(root: folder)
        case .imap(let settings):
            IMAPSource(
                credentials: settings.credentials, mailbox: settings.mailbox, processedFolder: settings.processedFolder,
                failedFolder: settings.failedFolder)
        }
    }

    /// The configured outbound sink.
    public func makeSink() throws -> any MailSink {
        switch outbound {
        case .directory(let folder): try DirectorySink(folder: folder)
        case .smtp(let settings): SMTPSink(credentials: settings.credentials, helo: settings.helo, envelopeFrom: settings.from)
        }
    }
}
