public import EscalationValues
import Foundation

/// A mail the gateway owes someone because of a decision; rendered by `MailComposing`
/// from the template of its kind.
public struct Notice: Hashable, Sendable {
    /// What happened, with the facts its template shows.
    public var event: Event
    /// The event's kind, which names its template in `MailTemplates/`.
    public var kind: Kind { event.kind }
    /// The relayed message carries the words of a person, not the gateway's: `From` shows them.
    public var isRelayed: Bool {
        switch event {
        case .customerMessage, .staffMessage, .internalNote: true
        default: false
        }
    }

    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var source: EscalationSource?
    public var escalation: Escalation?
    public var request: EscalationRequest?

    public init(
        _ event: Event, to: [EmailAddress], cc: [EmailAddress] = [], source: EscalationSource?, escalation: Escalation? = nil,
        request: EscalationRequest? = nil
    ) {
        self.event = event
        let primary = Self.unique(to)
        self.to = primary
        self.cc = Self.unique(cc).filter { !primary.contains($0) }
        self.source = source
        self.escalation = escalation
        self.request = request
    }

    private static func unique(_ addresses: [EmailAddress]) -> [EmailAddress] {
        var seen = Set<EmailAddress>()
        return addresses.filter { seen.insert($0).inserted }
    }
}
