import Foundation
import Synchronization

/// The first word from the starting listener: bound (nil) or the error that stopped it.
final class BindResult: Sendable {
    private let result = Mutex<String??>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ error: String?) {
        let first = result.withLock { value in
            guard value == nil else { return false }
            value = .some(error)
            return true
        }
        if first { done.signal() }
    }

    func wait() -> String? {
        done.wait()
        return result.withLock { $0 ?? nil }
    }
}

/// The listener's task, cancelled to stop it.
final class TaskBox: Sendable {
    private let task = Mutex<Task<Void, Never>?>(nil)

    func set(_ value: Task<Void, Never>) { task.withLock { $0 = value } }

    func cancel() { task.withLock { $0?.cancel() } }
}
