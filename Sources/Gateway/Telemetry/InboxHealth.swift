public import Foundation
import Synchronization

/// What the run loop last saw of its inbox, for `/readyz`: when a cycle last drained it
/// without error, and how many cycles in a row have failed since, with the last error.
public final class InboxHealth: Sendable {
    /// One reading of the inbox's health.
    public struct Snapshot: Sendable, Equatable {
        public var lastSuccess: Date?
        public var failuresInARow: Int
        public var lastError: String?

        public init(lastSuccess: Date? = nil, failuresInARow: Int = 0, lastError: String? = nil) {
            self.lastSuccess = lastSuccess
            self.failuresInARow = failuresInARow
            self.lastError = lastError
        }
    }

    private let state = Mutex(Snapshot())

    public init() {}

    public var snapshot: Snapshot { state.withLock { $0 } }

    func recordSuccess(at now: Date) {
        state.withLock { $0 = Snapshot(lastSuccess: now) }
    }

    func recordFailure(_ error: any Error) {
        let text = "\(error)"
        state.withLock { snapshot in
            snapshot.failuresInARow += 1
            snapshot.lastError = String(text.prefix(200))
        }
    }
}
