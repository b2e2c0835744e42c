import Foundation
import MailTransport

extension GatewayConfig {
    /// The configured inbound source.
    public func makeSource() throws -> any MailSource {
        switch inbound {
        case .directory(let folder): try DirectorySource(folder: folder)
        case .maildir(let folder): try MaildirSource(root: folder)
        }
    }

    /// The configured outbound sink.
    public func makeSink() throws -> any MailSink {
        switch outbound {
        case .directory(let folder): try DirectorySink(folder: folder)
        }
    }
}
