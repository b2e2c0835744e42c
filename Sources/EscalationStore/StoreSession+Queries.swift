import EscalationCore
import Foundation
import GRDB

extension StoreSession {
    /// Every escalation, newest first.
    public func escalations() throws -> [Escalation] {
        try String.fetchAll(try statement("SELECT body FROM escalation ORDER BY number DESC")).map { try decode(Escalation.self, $0) }
    }

    public func escalation(_ number: EscalationNumber) throws -> Escalation? {
        try String.fetchOne(try statement("SELECT body FROM escalation WHERE number = ?"), arguments: [number.value])
            .map { try decode(Escalation.self, $0) }
    }

    /// The case or account a request is about, without decoding the request.
    public func requestSource(_ number: RequestNumber) throws -> EscalationSource? {
        try String.fetchOne(try statement(HotPathSQL.requestSource.rawValue), arguments: [number.value]).flatMap(EscalationSource.init)
    }

    public func request(_ number: RequestNumber) throws -> EscalationRequest? {
        try String.fetchOne(try statement("SELECT body FROM request WHERE number = ?"), arguments: [number.value])
            .map { try decode(EscalationRequest.self, $0) }
    }

    /// Active account escalations that link this case (a linked case shows their colour).
    public func accountEscalations(linking supportCase: CaseNumber) throws -> [Escalation] {
        try String.fetchAll(
            try statement(
                """
                SELECT e.body FROM escalation e JOIN escalation_case_link l ON l.escalation = e.number
                WHERE l.case_number = ? AND e.state = 'active' ORDER BY e.number
                """),
            arguments: [supportCase.value]
        ).map { try decode(Escalation.self, $0) }
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
