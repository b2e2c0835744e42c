public import EscalationValues
import Foundation

/// What the core knows about one case or account when it decides: its requests, its latest
/// escalation record and the next free numbers. The store loads it; the core returns a new one.
public struct SubjectState: Hashable, Sendable {
    public var source: EscalationSource
    /// Every request for this case or account, oldest first.
    public var requests: [EscalationRequest]
    /// The current or latest escalation record, if any.
    public var escalation: Escalation?
    public var nextRequestSequence: Int
    public var nextEscalationSequence: Int
    /// The latest rejected request of each case an account escalation names, loaded for that
    /// command only: a case's re-escalation cooldown holds for an account escalation naming it.
    public var rejectionsOfNamedCases: [EscalationRequest] = []

    public init(
        source: EscalationSource, requests: [EscalationRequest] = [], escalation: Escalation? = nil,
        nextRequestSequence: Int = 1, nextEscalationSequence: Int = 1001
    ) {
        self.source = source
        self.requests = requests
        self.escalation = escalation
        self.nextRequestSequence = nextRequestSequence
        self.nextEscalationSequence = nextEscalationSequence
    }

    /// The active escalation, if any.
    public var activeEscalation: Escalation? { escalation?.state == .active ? escalation : nil }

    /// The request awaiting approval, if any.
    public var pendingRequest: EscalationRequest? { requests.last { $0.state == .pending } }

    /// The most recent rejected request, if any.
    public var lastRejection: EscalationRequest? { requests.last { $0.state == .rejected } }

    /// The latest decided rejection of this case or account and of the cases the command names.
    var latestRejection: EscalationRequest? {
        let decided = ([lastRejection].compactMap { $0 } + rejectionsOfNamedCases).compactMap { request in
            request.decidedAt.map { (request: request, at: $0) }
        }
        return decided.max { $0.at < $1.at }?.request
    }

    mutating func upsert(_ request: EscalationRequest) {
        if let index = requests.firstIndex(where: { $0.number == request.number }) {
            requests[index] = request
        } else {
            requests.append(request)
        }
    }
}
