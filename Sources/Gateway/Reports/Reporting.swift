import EscalationCore
import EscalationStore
import EscalationValues
import Foundation
import MailMessage
import MailReading

/// What the gateway tells without changing anything: the escalations (`list`, `show`), the
/// period's activity (`report`), the requests waiting for a decision (`pending`) and what it
/// understands of a mail (`read`).
struct Reporting: Sendable {
    let config: GatewayConfig
    let store: Store
    let directory: StoreDirectory
    let signer: TokenSigner
    let ownMail: OwnMailCheck
    let clock: @Sendable () -> Date

    /// Reads a mail without applying it. `bodyKind` reads the file as a bare `text/plain` or `text/html` body.
    func read(_ raw: [UInt8], file: String, bodyKind: String? = nil) throws -> ReadReport {
        let understood = try understand(ReadReport.mailBytes(raw, bodyKind: bodyKind))
        let match = try store.read { session in
            try ThreadMatch.find(
                understood.hints, reading: understood.reading, sender: understood.sender, directory: directory, signer: signer, session: session)
        }
        return ReadReport(understood, file: file, thread: match?.source.description, threadMethod: match?.method.rawValue)
    }

    /// Reads and classifies a mail as the pipeline would, without applying it.
    func understand(_ raw: [UInt8]) throws -> UnderstoodMail {
        let mail = try Mail(parsing: raw, limits: config.limits)
        return try store.read { session in
            try UnderstoodMail(mail: mail, gatewayAddress: config.address, isOwn: { try ownMail.reason(for: $0, session: session) })
        }
    }
}
