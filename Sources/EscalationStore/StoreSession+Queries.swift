public import EscalationCore
public import EscalationValues
import Foundation
import GRDB

extension StoreSession {
    /// The case or account a request is about, without decoding the request.
    public func requestSource(_ number: RequestNumber) throws -> EscalationSource? {
        try String.fetchOne(try statement(HotPathSQL.requestSource.rawValue), arguments: [number.value]).flatMap(EscalationSource.init)
    }

    /// The journal of one escalation (and the requests before it), oldest first.
    public func journal(source: EscalationSource) throws -> [JournalEntry] {
        try Row.fetchAll(try statement("SELECT * FROM journal WHERE source = ? ORDER BY id"), arguments: [source.description]).map(journalEntry)
    }

    public func workNotes(_ supportCase: CaseNumber) throws -> [WorkNote] {
        try Row.fetchAll(try statement("SELECT * FROM work_note WHERE case_number = ? ORDER BY id"), arguments: [supportCase.value]).map { row in
            WorkNote(
                supportCase: supportCase, at: Date(timeIntervalSince1970: row["at"]), author: row["author"], text: row["text"])
        }
    }

    private func journalEntry(_ row: Row) -> JournalEntry {
        JournalEntry(
            at: Date(timeIntervalSince1970: row["at"]), actor: row["actor"], cause: row["cause"],
            source: EscalationSource(row["source"] as String) ?? .account(AccountNumber(unchecked: "ACC0000000")),
            escalation: (row["escalation"] as String?).flatMap(EscalationNumber.init),
            request: (row["request"] as String?).flatMap(RequestNumber.init), action: row["action"], detail: row["detail"])
    }
}
