public import EscalationCore
public import EscalationValues
import Foundation
import GRDB

extension StoreSession {
    /// The case or account a request is about, without decoding the request.
    public func requestSource(_ number: RequestNumber) throws -> EscalationSource? {
        (try value(HotPathSQL.requestSource.rawValue, [number.value]) as String?).flatMap(EscalationSource.init)
    }

    /// The journal of one escalation (and the requests before it), oldest first.
    public func journal(source: EscalationSource) throws -> [JournalEntry] {
        try rows("SELECT * FROM journal WHERE source = ? ORDER BY id", [source.description]).map(journalEntry)
    }

    public func workNotes(_ supportCase: CaseNumber) throws -> [WorkNote] {
        try rows("SELECT * FROM work_note WHERE case_number = ? ORDER BY id", [supportCase.value]).map { row in
            WorkNote(
                supportCase: supportCase, at: Date(timeIntervalSince1970: row["at"]), author: row["author"], text: row["text"])
        }
    }

    private func journalEntry(_ row: SQLRow) -> JournalEntry {
        JournalEntry(
            at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], cause: row["cause"],
            source: EscalationSource(row["source"] as String) ?? .account(AccountNumber(unchecked: "ACC0000000")),
            escalation: (row["escalation"] as String?).flatMap(EscalationNumber.init),
            request: (row["request"] as String?).flatMap(RequestNumber.init), action: row["action"], detail: row["detail"])
    }
}

extension StoreSession {
    /// Every number `show` reads: each escalation, each case and account of the directory, and
    /// each case or account with a request, sorted.
    public func recordNumbers() throws -> [String] {
        try values(
            """
            SELECT number FROM escalation UNION SELECT number FROM directory_case UNION SELECT number FROM directory_account
            UNION SELECT source FROM request ORDER BY 1
            """)
    }
}
