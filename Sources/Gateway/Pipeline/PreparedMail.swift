import EscalationCore
import EscalationValues
import Foundation
import MailMessage
import MailReading
import MailTransport

/// An inbound mail parsed and read before it is applied (neither needs the database, so a
/// batch is prepared on the other cores, `BatchExecutor`): what it says or the limit it hit,
/// its identity for exactly-once, its Message-ID, and how long preparing it took.
struct PreparedMail: Sendable {
    let inbound: InboundMail
    /// What the mail says. Whether it is automated is asked in the transaction, where the
    /// own-mail check can ask the store (`MailProcessor`, `OwnMailCheck`).
    let contents: Result<MailContents, MailParseError>
    let rawSHA256: String
    /// The key its receipt is stored under (`MailIdentity.receiptKey`).
    let receiptKey: String
    /// The content hash that receipts were keyed by before `receiptKey`.
    let legacyKey: String
    let messageID: String
    let nanoseconds: UInt64

    init(inbound: InboundMail, limits: ParseLimits, gatewayAddress: EmailAddress) {
        let start = DispatchTime.now().uptimeNanoseconds
        self.inbound = inbound
        rawSHA256 = MailIdentity.sha256(inbound.raw)
        let parsed: Result<Mail, MailParseError>
        do {
            parsed = .success(try Mail(parsing: inbound.raw, limits: limits))
        } catch let error as MailParseError {
            parsed = .failure(error)
        } catch {
            parsed = .failure(MailParseError(reason: "\(error)"))
        }
        let mail = try? parsed.get()
        legacyKey = MailIdentity.dedupeKey(raw: inbound.raw, mail: mail)
        receiptKey = MailIdentity.receiptKey(
            messageID: mail?.messageID, sender: mail?.from.flatMap { EmailAddress($0.address) }?.value, contentHash: legacyKey)
        messageID = mail?.messageID ?? "\(rawSHA256.prefix(32))@missing-message-id"
        contents = parsed.map { MailContents(mail: $0, gatewayAddress: gatewayAddress) }
        nanoseconds = DispatchTime.now().uptimeNanoseconds - start
    }
}
