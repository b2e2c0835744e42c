import EscalationCore
import EscalationStore
import EscalationValues
import Foundation

/// A case or an account as `show CS…` / `show ACC…` print it.
public struct SubjectReport: Encodable, Sendable {
    public struct RequestValue: Encodable, Sendable {
        public var number: String
        public var state: String
        public var requester: String
        public var reason: String
        public var justification: String
        public var severity: String
        public var approvers: [String]
        public var approvals: [EscalationReport.ApprovalValue]
        public var previousRequests: [String]
        public var linkedCases: [String]
        public var createdAt: String
        public var escalation: String?
    }

    public struct WorkNoteValue: Encodable, Sendable {
        public var at: String
        public var author: String
        public var text: String
    }

    public var number: String
    public var type: String
    public var title: String
    public var account: String
    public var owner: String?
    public var escalated: Bool
    public var escalation: EscalationReport?
    /// Active account escalations linking this case (their colour shows on the case).
    public var accountEscalations: [String]
    public var requests: [RequestValue]
    public var workNotes: [WorkNoteValue]?
    public var journal: [EscalationReport.JournalValue]
}

extension Reporting {
    /// Every escalation, newest first.
    func listReport() throws -> [EscalationReport] {
        try store.read { session in
            try session.escalations().map { escalation in
                EscalationReport(escalation, request: try session.request(escalation.request), configuration: config.escalation, journal: nil)
            }
        }
    }

    /// `show NUMBER`: an escalation, a case or an account; nil when unknown.
    func showReport(_ number: String) throws -> ShowReport? {
        try store.read { session in
            if let escalationNumber = EscalationNumber(number) {
                guard let escalation = try session.escalation(escalationNumber) else { return nil }
                return .escalation(
                    EscalationReport(
                        escalation, request: try session.request(escalation.request), configuration: config.escalation,
                        journal: try session.journal(source: escalation.source)))
            }
            guard let source = EscalationSource(number) else { return nil }
            let state = try session.subjectState(source)
            let title: String
            let account: String
            var owner: String?
            var workNotes: [SubjectReport.WorkNoteValue]?
            var linking: [String] = []
            switch source {
            case .supportCase(let caseNumber):
                guard let supportCase = directory.supportCase(caseNumber) else { return nil }
                title = supportCase.subject
                account = supportCase.account.value
                owner = supportCase.owner.value
                workNotes = try session.workNotes(caseNumber).map {
                    SubjectReport.WorkNoteValue(at: EscalationReport.time($0.at), author: $0.author, text: $0.text)
                }
                linking = try session.accountEscalations(linking: caseNumber).map(\.number.value)
            case .account(let accountNumber):
                guard let found = directory.account(accountNumber) else { return nil }
                title = found.name
                account = found.number.value
                owner = found.escalationManager?.value
            }
            let journal = try session.journal(source: source)
            let escalation = state.escalation.map { escalation in
                EscalationReport(
                    escalation, request: state.requests.first { $0.number == escalation.request }, configuration: config.escalation, journal: journal)
            }
            let requests = state.requests.map { request in
                SubjectReport.RequestValue(
                    number: request.number.value, state: request.state.rawValue, requester: request.requester.value, reason: request.reason,
                    justification: request.justification, severity: request.severity, approvers: request.approvers.map(\.value),
                    approvals: EscalationReport.approvals(request), previousRequests: request.previousRequests.map(\.value),
                    linkedCases: request.linkedCases.map(\.value), createdAt: EscalationReport.time(request.createdAt),
                    escalation: request.escalation?.value)
            }
            return .subject(
                SubjectReport(
                    number: source.description, type: source.type.rawValue, title: title, account: account, owner: owner,
                    escalated: state.activeEscalation != nil, escalation: escalation, accountEscalations: linking, requests: requests,
                    workNotes: workNotes, journal: journal.map(EscalationReport.journalValue)))
        }
    }
}

/// What `show` found.
public enum ShowReport: Encodable, Sendable {
    case escalation(EscalationReport)
    case subject(SubjectReport)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .escalation(let report): try report.encode(to: encoder)
        case .subject(let report): try report.encode(to: encoder)
        }
    }
}
