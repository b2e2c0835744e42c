import Foundation
public import MailTransport
import MailTransportCurl

extension GatewayConfig {
    /// The configured inbound source.
    public func makeSource() throws -> any MailSource {
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
