import EscalationCore
import Foundation
import GRDB

extension StoreSession {
    /// Loads what the core needs to decide about one case or account.
    public func subjectState(_ source: EscalationSource) throws -> SubjectState {
        let requests = try String.fetchAll(try statement(HotPathSQL.requestsOfSource.rawValue), arguments: [source.description])
            .map { try decode(EscalationRequest.self, $0) }
        let escalation = try String.fetchOne(
            try statement(HotPathSQL.latestEscalationOfSource.rawValue), arguments: [source.description]
        ).map { try decode(Escalation.self, $0) }
        return SubjectState(
            source: source, requests: requests, escalation: escalation,
            nextRequestSequence: try counter("request", default: 1), nextEscalationSequence: try counter("escalation", default: 1001))
    }

    /// Writes a decision: changed requests and escalation, counters, journal and work notes.
    public func save(_ decision: Decision, warningShare: Double) throws {
        let state = decision.state
        for request in state.requests {
            try statement(
                "INSERT INTO request(number, source, state, body) VALUES (?, ?, ?, ?) ON CONFLICT(number) DO UPDATE SET state = excluded.state, body = excluded.body"
            ).execute(
                arguments: [request.number.value, request.source.description, request.state.rawValue, try encode(request)])
        }
        if let escalation = state.escalation { try save(escalation, warningShare: warningShare) }
        try setCounter("request", state.nextRequestSequence)
        try setCounter("escalation", state.nextEscalationSequence)
        try append(decision.journal)
        for note in decision.workNotes {
            try statement("INSERT INTO work_note(case_number, at, author, text) VALUES (?, ?, ?, ?)").execute(
                arguments: [note.supportCase.value, note.at.timeIntervalSince1970, note.author, note.text])
        }
    }

    /// Writes one escalation record and its case links, with its next SLA event for the ticker.
    public func save(_ escalation: Escalation, warningShare: Double) throws {
        try statement(
            """
            INSERT INTO escalation(number, source, account, state, next_sla_event_at, body) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(number) DO UPDATE SET state = excluded.state, next_sla_event_at = excluded.next_sla_event_at, body = excluded.body
            """
        ).execute(
            arguments: [
                escalation.number.value, escalation.source.description, escalation.account.value, escalation.state.rawValue,
                escalation.state == .active ? escalation.sla.nextEventAt(warningShare: warningShare)?.timeIntervalSince1970 : nil,
                try encode(escalation),
            ])
        try statement("DELETE FROM escalation_case_link WHERE escalation = ?").execute(arguments: [escalation.number.value])
        for supportCase in escalation.linkedCases {
            try statement("INSERT INTO escalation_case_link(escalation, case_number) VALUES (?, ?)").execute(
                arguments: [escalation.number.value, supportCase.value])
        }
    }

    /// Appends journal entries; the journal is never updated or deleted.
    public func append(_ entries: [JournalEntry]) throws {
        for entry in entries {
            try statement("INSERT INTO journal(at, actor, cause, source, escalation, request, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .execute(
                    arguments: [
                        entry.at.timeIntervalSince1970, entry.actor, entry.cause, entry.source.description, entry.escalation?.value,
                        entry.request?.value, entry.action, entry.detail,
                    ])
        }
    }

    /// Active escalations whose next SLA warning or breach is due at or before `now`.
    public func escalationsDueForSLA(at now: Date) throws -> [Escalation] {
        try String.fetchAll(
            try statement(HotPathSQL.slaDue.rawValue),
            arguments: [now.timeIntervalSince1970]
        ).map { try decode(Escalation.self, $0) }
    }

    private func counter(_ name: String, default value: Int) throws -> Int {
        try Int.fetchOne(try statement("SELECT value FROM counter WHERE name = ?"), arguments: [name]) ?? value
    }

    private func setCounter(_ name: String, _ value: Int) throws {
        try statement("INSERT INTO counter(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value").execute(
            arguments: [name, value])
    }
}
