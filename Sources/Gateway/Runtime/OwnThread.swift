import Foundation

/// Runs blocking `work` on a thread of its own and suspends until it is done, so that the
/// pipeline's blocking I/O, SQLite and waits on its workers never hold one of the few threads
/// (one per core) of Swift concurrency's pool, which the HTTP listener and the service group
/// need meanwhile.
func onOwnThread<Value: Sendable>(_ work: @escaping @Sendable () throws -> Value) async throws -> Value {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}
