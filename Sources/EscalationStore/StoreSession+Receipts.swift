import Foundation
import GRDB

extension StoreSession {
    /// The outcome recorded for a mail with this dedupe key, if it was processed before.
    public func receiptOutcome(dedupeKey: String) throws -> String? {
        try String.fetchOne(try statement(HotPathSQL.receiptByDedupeKey.rawValue), arguments: [dedupeKey])
    }

    public func insert(_ receipt: Receipt) throws {
        try statement(
            """
            INSERT INTO receipt(dedupe_key, message_id, raw_sha256, mailbox, uid_validity, uid, position, received_at,
                                outcome, reason, intent, escalation, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).execute(
            arguments: [
                receipt.dedupeKey, receipt.messageID, receipt.rawSHA256, receipt.mailbox, receipt.uidValidity, receipt.uid,
                receipt.position, receipt.receivedAt.timeIntervalSince1970, receipt.outcome, receipt.reason, receipt.intent,
                receipt.escalation, Data(receipt.raw),
            ])
    }

    /// Mail that ended `failed`, oldest first.
    public func failedMail() throws -> [FailedMail] {
        try Row.fetchAll(try statement("SELECT id, message_id, position, reason, received_at FROM receipt WHERE outcome = 'failed' ORDER BY id"))
            .map { row in
                FailedMail(
                    id: row["id"], messageID: row["message_id"], position: row["position"], reason: row["reason"],
                    receivedAt: Date(timeIntervalSince1970: row["received_at"]))
            }
    }

    /// The raw bytes of a failed mail, for re-processing after a fix.
    public func rawFailedMail(id: Int) throws -> [UInt8]? {
        try Data.fetchOne(try statement("SELECT raw FROM receipt WHERE id = ? AND outcome = 'failed'"), arguments: [id]).map { Array($0) }
    }

    /// Forgets a failed receipt so that the same mail can be processed again.
    public func deleteFailedReceipt(id: Int) throws {
        try statement("DELETE FROM receipt WHERE id = ? AND outcome = 'failed'").execute(arguments: [id])
    }

    /// Every receipt as `<Message-ID> <outcome>`, in the order the mails were applied.
    public func receiptOutcomes() throws -> [String] {
        try Row.fetchAll(try statement("SELECT message_id, outcome FROM receipt ORDER BY id")).map { row in
            "\(row["message_id"] as String) \(row["outcome"] as String)"
        }
    }
}
