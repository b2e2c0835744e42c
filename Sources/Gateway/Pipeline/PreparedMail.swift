import Foundation
import MailMessage
import MailTransport

/// An inbound mail parsed before its transaction (parsing needs no database): the parse or the
/// limit it hit, its identity for exactly-once, and its Message-ID.
struct PreparedMail {
    let inbound: InboundMail
    let parsed: Result<Mail, MailParseError>
    let rawSHA256: String
    let dedupeKey: String
    let messageID: String

    init(inbound: InboundMail, limits: ParseLimits) {
        self.inbound = inbound
        rawSHA256 = MailIdentity.sha256(inbound.raw)
        do {
            parsed = .success(try Mail(parsing: inbound.raw, limits: limits))
        } catch let error as MailParseError {
            parsed = .failure(error)
        } catch {
            parsed = .failure(MailParseError(reason: "\(error)"))
        }
        let mail = try? parsed.get()
        dedupeKey = MailIdentity.dedupeKey(raw: inbound.raw, mail: mail)
        messageID = mail?.messageID ?? "\(rawSHA256.prefix(32))@missing-message-id"
    }
}
