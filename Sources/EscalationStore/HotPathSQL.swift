import GRDB

/// The statements every inbound mail or outgoing send runs, in one place so that their query
/// plans can be checked: each must find its rows through an index, never by scanning a table.
public enum HotPathSQL: CaseIterable, Sendable {
    case receiptByKeys, threadMessageByID, threadAppend, threadRoot, threadLatest, threadSubject, threadSubjectStart, threadReaderLatest,
        requestSource, sentMessageExists, pendingOutbox, outboxRecipients, mailsToAddress, mailsOnThread, suppressed
    /// Requests of a case or account, with their lists; its latest escalation, with its
    /// lists and clocks; the SLA clocks written; the timed passes' selections.
    case requestsOfSource, approversOfSource, decisionsOfSource, previousOfSource, casesOfSource, latestEscalationOfSource, linksOfLatestEscalation,
        watchListOfLatestEscalation, clocksOfLatestEscalation, clockSequence, clockUpdate, clockReplaced, slaDue, approvalDue, requestsAwaiting

    /// The statement's SQL.
    public var rawValue: String {
        switch self {
        case .receiptByKeys: "SELECT outcome, raw_sha256 FROM receipt WHERE dedupe_key IN (?, ?) LIMIT 1"
        case .threadMessageByID: "SELECT message_id, source, request, recipient, outbound FROM thread_message WHERE message_id = ?"
        case .threadAppend:
            """
            INSERT OR IGNORE INTO thread_message(message_id, source, request, recipient, outbound, sequence)
            VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sequence), 0) + 1 FROM thread_message WHERE source = ?))
            """
        case .threadRoot: "SELECT message_id FROM thread_message WHERE source = ? ORDER BY sequence LIMIT 1"
        case .threadLatest: "SELECT message_id FROM thread_message WHERE source = ? ORDER BY sequence DESC LIMIT ?"
        case .threadSubject: "SELECT subject FROM thread_subject WHERE source = ?"
        case .threadSubjectStart:
            """
            INSERT OR IGNORE INTO thread_subject(source, subject)
            SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM thread_message WHERE source = ?)
            """
        case .threadReaderLatest: "SELECT message_id FROM thread_reader WHERE source = ? AND recipient = ?"
        case .requestSource: "SELECT source FROM request WHERE number = ?"
        case .sentMessageExists: "SELECT EXISTS(SELECT 1 FROM outbox WHERE message_id = ?)"
        case .pendingOutbox:
            """
            SELECT o.*, COALESCE(b.raw, o.raw) AS body, b.encoding AS body_encoding FROM outbox o LEFT JOIN outbox_body b ON b.outbox_id = o.id
            WHERE o.state = 'pending' AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?
            """
        case .outboxRecipients: "SELECT address FROM outbox_recipient WHERE outbox_id = ? ORDER BY rowid"
        case .mailsToAddress: "SELECT 1 FROM outbox_recipient WHERE address = ? AND created_at >= ? LIMIT ?"
        case .mailsOnThread: "SELECT 1 FROM outbox WHERE source = ? AND created_at >= ? LIMIT ?"
        case .suppressed: "SELECT EXISTS(SELECT 1 FROM suppression WHERE address = ?)"
        case .requestsOfSource: RequestSQL.rows(RequestSQL.bySource)
        case .approversOfSource: RequestSQL.approvers(RequestSQL.bySource)
        case .decisionsOfSource: RequestSQL.decisions(RequestSQL.bySource)
        case .previousOfSource: ListEntryRecord<RequestPreviousList>.selection(RequestSQL.bySource)
        case .casesOfSource: ListEntryRecord<RequestCaseList>.selection(RequestSQL.bySource)
        case .latestEscalationOfSource: EscalationSQL.rows(EscalationSQL.latestOfSource, order: "e.number")
        case .linksOfLatestEscalation: ListEntryRecord<CaseLinkList>.selection(EscalationSQL.latestOfSource)
        case .watchListOfLatestEscalation: ListEntryRecord<WatchList>.selection(EscalationSQL.latestOfSource)
        case .clocksOfLatestEscalation: EscalationSQL.clocks(EscalationSQL.latestOfSource)
        case .clockSequence: EscalationSQL.clockSequence
        case .clockUpdate: EscalationSQL.clockUpdate
        case .clockReplaced: EscalationSQL.clockReplaced
        case .slaDue: EscalationSQL.rows(EscalationSQL.slaDue, order: "e.number")
        case .approvalDue: RequestSQL.rows(RequestSQL.approvalDue)
        case .requestsAwaiting: RequestSQL.rows(RequestSQL.awaiting)
        }
    }

    /// The number of `?` placeholders.
    var placeholderCount: Int { rawValue.filter { $0 == "?" }.count }
}

extension StoreSession {
    /// SQLite's query plan of a hot-path statement, one line per step (`SEARCH … USING INDEX …`).
    public func queryPlan(_ statement: HotPathSQL) throws -> [String] {
        try sqliteQueryPlan(statement.rawValue, placeholders: statement.placeholderCount)
    }
}
