import Foundation
import GRDB

extension StoreSession {
    /// Records that a mail with this UID of this folder was processed; returns the UIDVALIDITY
    /// stored before when it differs (the server renumbered the folder), else nil.
    public func recordMailboxPosition(mailbox: String, uidValidity: Int, uid: Int) throws -> Int? {
        let previous = try row("SELECT uid_validity, last_uid FROM mailbox_state WHERE mailbox = ?", [mailbox])
        let previousValidity: Int? = previous?["uid_validity"]
        if previousValidity == uidValidity {
            try execute("UPDATE mailbox_state SET last_uid = MAX(last_uid, ?) WHERE mailbox = ?", [uid, mailbox])
            return nil
        }
        try execute(
            "INSERT INTO mailbox_state(mailbox, uid_validity, last_uid) VALUES (?, ?, ?) ON CONFLICT(mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid",
            [mailbox, uidValidity, uid])
        return previousValidity
    }
}
