import EscalationCore
import Foundation
import GRDB

extension StoreSession {
    /// Loads what the core needs to decide about one case or account; in a write transaction,
    /// from the state cache when the subject was decided lately.
    public func subjectState(_ source: EscalationSource) throws -> SubjectState {
        let subject: StateCache.Subject
        if let cached = cache?.subject(source) {
            subject = cached
        } else {
            subject = StateCache.Subject(
                requests: try String.fetchAll(try statement(HotPathSQL.requestsOfSource.rawValue), arguments: [source.description])
                    .map { try decode(EscalationRequest.self, $0) },
                escalation: try String.fetchOne(try statement(HotPathSQL.latestEscalationOfSource.rawValue), arguments: [source.description])
                    .map { try decode(Escalation.self, $0) })
            cache?.remember(subject, for: source)
        }
        return SubjectState(
            source: source, requests: subject.requests, escalation: subject.escalation,
            nextRequestSequence: try counter("request", default: 1), nextEscalationSequence: try counter("escalation", default: 1001))
    }

    /// Writes a decision taken on `previous`: the requests and escalation it changed (with,
    /// for each request, when its next reminder or timeout is due), the counters it moved, its
    /// journal and work notes.
    public func save(_ decision: Decision, from previous: SubjectState, warningShare: Double, approvalDue: (EscalationRequest) -> Date?) throws {
        let state = decision.state
        let before = Dictionary(previous.requests.map { ($0.number, $0) }) { _, later in later }
        for request in state.requests where before[request.number] != request {
            try write(request, due: approvalDue(request), was: before[request.number])
        }
        if let escalation = state.escalation, escalation != previous.escalation {
            let linksKept = previous.escalation.map { $0.number == escalation.number && $0.linkedCases == escalation.linkedCases } ?? false
            try write(escalation, links: !linksKept, warningShare: warningShare)
        }
        if state.nextRequestSequence != previous.nextRequestSequence { try setCounter("request", state.nextRequestSequence) }
        if state.nextEscalationSequence != previous.nextEscalationSequence { try setCounter("escalation", state.nextEscalationSequence) }
        cache?.remember(StateCache.Subject(requests: state.requests, escalation: state.escalation), for: state.source)
        try append(decision.journal)
        for note in decision.workNotes {
            try statement("INSERT INTO work_note(case_number, at, author, text) VALUES (?, ?, ?, ?)").execute(
                arguments: [note.supportCase.value, note.at.timeIntervalSince1970, note.author, note.text])
        }
    }

    /// Writes one escalation record and its case links, with its next SLA event for the ticker.
    public func save(_ escalation: Escalation, warningShare: Double) throws {
        try write(escalation, links: true, warningShare: warningShare)
        if let cached = cache?.subject(escalation.source), cached.escalation.map({ $0.number <= escalation.number }) ?? true {
            cache?.remember(StateCache.Subject(requests: cached.requests, escalation: escalation), for: escalation.source)
        }
    }

    private func write(_ escalation: Escalation, links: Bool, warningShare: Double) throws {
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
        guard links else { return }
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
        if let cached = cache?.counter(name) { return cached }
        let stored = try Int.fetchOne(try statement("SELECT value FROM counter WHERE name = ?"), arguments: [name]) ?? value
        cache?.remember(counter: name, stored)
        return stored
    }

    private func setCounter(_ name: String, _ value: Int) throws {
        try statement("INSERT INTO counter(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value").execute(
            arguments: [name, value])
        cache?.remember(counter: name, value)
    }
}
