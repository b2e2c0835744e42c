import Synchronization

/// A request to stop, made once by `run`'s graceful shutdown (SIGTERM, SIGINT) and read by the
/// pipeline between mails: the mail in hand is finished and committed with those before it, and
/// the rest of its batch stays on its source, unmoved, for the next start. Reading it is one
/// atomic load, so checking it before each mail costs nothing measurable.
public final class StopRequest: Sendable {
    private let requested = Atomic<Bool>(false)

    public init() {}

    /// Asks the work in progress to stop at its next mail; cannot be taken back.
    public func request() { requested.store(true, ordering: .releasing) }

    /// Whether a stop was asked for.
    public var isRequested: Bool { requested.load(ordering: .acquiring) }
}
