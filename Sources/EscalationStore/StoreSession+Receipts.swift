import Foundation
import GRDB

extension StoreSession {
    /// The receipt of a mail processed before under either key (its receipt key, or the content
    /// hash receipts were keyed by before): its outcome and the SHA-256 of the bytes recorded.
    public func receipt(key: String, legacyKey: String) throws -> (outcome: ReceiptOutcome?, rawSHA256: String)? {
        guard let row = try row(HotPathSQL.receiptByKeys.rawValue, [key, legacyKey]) else { return nil }
        return (ReceiptOutcome(rawValue: row[0]), row[1])
    }

    public func insert(_ receipt: Receipt) throws {
        try insert(receipt, verb: "INSERT")
    }

    /// Records another copy of a mail processed before (its bytes differ): kept with its own
    /// key, once per distinct copy.
    public func insertDuplicate(_ receipt: Receipt) throws {
        try insert(receipt, verb: "INSERT OR IGNORE")
    }

    private func insert(_ receipt: Receipt, verb: String) throws {
        try execute(
            """
            \(verb) INTO receipt(dedupe_key, message_id, raw_sha256, mailbox, uid_validity, uid, position, received_at,
                                outcome, reason, intent, escalation, raw)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                receipt.dedupeKey, receipt.messageID, receipt.rawSHA256, receipt.mailbox, receipt.uidValidity, receipt.uid,
                receipt.position, receipt.receivedAt.timeIntervalSince1970, receipt.outcome, receipt.reason, receipt.intent,
                receipt.escalation, Data(receipt.raw),
            ])
    }

    /// Mail that ended `failed`, oldest first.
    public func failedMail() throws -> [FailedMail] {
        try rows("SELECT id, message_id, position, reason, received_at FROM receipt WHERE outcome = 'failed' ORDER BY id")
            .map { row in
                FailedMail(
                    id: row["id"], messageID: row["message_id"], position: row["position"], reason: row["reason"],
                    receivedAt: Date(timeIntervalSince1970: row["received_at"]))
            }
    }

    /// The raw bytes of a failed mail, for re-processing after a fix.
    public func rawFailedMail(id: Int) throws -> [UInt8]? {
        (try value("SELECT raw FROM receipt WHERE id = ? AND outcome = 'failed'", [id]) as Data?).map { Array($0) }
    }

    /// Forgets a failed receipt so that the same mail can be processed again.
    public func deleteFailedReceipt(id: Int) throws {
        try execute("DELETE FROM receipt WHERE id = ? AND outcome = 'failed'", [id])
    }

    /// Every receipt as `<Message-ID> <outcome>`, in the order the mails were applied.
    public func receiptOutcomes() throws -> [String] {
        try rows("SELECT message_id, outcome FROM receipt ORDER BY id").map { row in
            "\(row["message_id"] as String) \(row["outcome"] as String)"
        }
    }
}
