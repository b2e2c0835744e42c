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

    mutating func upsert(_ request: EscalationRequest) {
        if let index = requests.firstIndex(where: { $0.number == request.number }) {
            requests[index] = request
        } else {
            requests.append(request)
        }
    }
}
