public import EscalationValues
import Foundation

/// A command together with who sent it, what it is about and the mail that carried it.
public struct CommandMail: Hashable, Sendable {
    public var command: Command
    public var sender: EmailAddress
    public var source: EscalationSource
    /// The request the mail answers, when threading identified one (an approval reply).
    public var request: RequestNumber?
    /// The Message-ID of the mail.
    public var cause: String

    public init(command: Command, sender: EmailAddress, source: EscalationSource, request: RequestNumber? = nil, cause: String) {
        self.command = command
        self.sender = sender
        self.source = source
        self.request = request
        self.cause = cause
    }
}
