import Foundation
import Logging

extension OutboxDispatcher {
    /// One line per delivery attempt: recipients count, the server's reply code (or class), the
    /// attempt, milliseconds and the server's words on a failure; never the recipients'
    /// addresses or the mail.
    func logDelivery(messageID: String, recipients: Int, attempt: Int, result: String, reply: String, error: String?, nanoseconds: UInt64) {
        var metadata: Logger.Metadata = [
            "mail.message_id": "\(messageID)", "delivery.recipients": "\(recipients)", "delivery.attempt": "\(attempt)",
            "delivery.result": "\(result)", "smtp.reply": "\(reply)", "delivery.ms": "\(String(format: "%.1f", Double(nanoseconds) / 1e6))",
        ]
        if let error { metadata["error"] = "\(error)" }
        if result == "accepted" { logger.info("mail delivered", metadata: metadata) } else { logger.warning("delivery failed", metadata: metadata) }
    }

    /// The SMTP reply code in a transport's error (`421`, `550`), if it carries one.
    static func replyCode(in message: String) -> String? {
        let words = message.split(whereSeparator: { !$0.isNumber })
        return words.first { $0.count == 3 && ["2", "4", "5"].contains($0.first) }.map(String.init)
    }
}
