public import EscalationCore
public import EscalationValues
public import Foundation
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
                requests: try requests(where: RequestSQL.bySource, [source.description]),
                escalation: try escalations(where: EscalationSQL.latestOfSource, [source.description]).first)
            cache?.remember(subject, for: source)
        }
        return SubjectState(
            source: source, requests: subject.requests, escalation: subject.escalation,
            nextRequestSequence: try counter("request", default: 1), nextEscalationSequence: try counter("escalation", default: 1001))
    }

    /// Writes a decision taken on `previous`: the rows of the requests and escalation it
    /// changed (with, for each request, when its next reminder or timeout is due), the
    /// counters it moved, its journal and work notes.
    public func save(_ decision: Decision, from previous: SubjectState, warningShare: Double, approvalDue: (EscalationRequest) -> Date?) throws {
        let state = decision.state
        let before = Dictionary(previous.requests.map { ($0.number, $0) }) { _, later in later }
        for request in state.requests where before[request.number] != request {
            let was = before[request.number]
            try write(request, due: approvalDue(request), was: was, previousRow: was.map { RequestRecord($0, due: approvalDue($0)) })
        }
        if let escalation = state.escalation, escalation != previous.escalation {
            let was = previous.escalation.flatMap { $0.number == escalation.number ? $0 : nil }
            try write(escalation, was: was, previousRow: was.map { EscalationRecord($0, warningShare: warningShare) }, warningShare: warningShare)
        }
        if state.nextRequestSequence != previous.nextRequestSequence { try setCounter("request", state.nextRequestSequence) }
        if state.nextEscalationSequence != previous.nextEscalationSequence { try setCounter("escalation", state.nextEscalationSequence) }
        cache?.remember(StateCache.Subject(requests: state.requests, escalation: state.escalation), for: state.source)
        try append(decision.journal)
        for note in decision.workNotes {
            try execute(
                "INSERT INTO work_note(case_number, at, author, text) VALUES (?, ?, ?, ?)",
                [note.supportCase.value, note.at.timeIntervalSince1970, note.author, note.text])
        }
    }

    /// Appends journal entries; the journal is never updated or deleted.
    public func append(_ entries: [JournalEntry]) throws {
        for entry in entries {
            try execute(
                "INSERT INTO journal(at, actor, cause, source, escalation, request, action, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    entry.at.timeIntervalSince1970, entry.actor, entry.cause, entry.source.description, entry.escalation?.value,
                    entry.request?.value, entry.action, entry.detail,
                ])
        }
    }

    private func counter(_ name: String, default value: Int) throws -> Int {
        if let cached = cache?.counter(name) { return cached }
        let stored = (try self.value("SELECT value FROM counter WHERE name = ?", [name]) as Int?) ?? value
        cache?.remember(counter: name, stored)
        return stored
    }

    private func setCounter(_ name: String, _ value: Int) throws {
        try execute("INSERT INTO counter(name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value", [name, value])
        cache?.remember(counter: name, value)
    }
}
