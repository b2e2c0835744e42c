import Foundation
import ServiceLifecycle
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

/// The listener's service group, run on Swift concurrency's threads and shut down gracefully
/// from the gateway's synchronous loop.
final class RunningGroup: Sendable {
    private let group = Mutex<ServiceGroup?>(nil)
    private let ended = DispatchSemaphore(value: 0)

    /// Runs `group`; `finished` learns the error that ended it, or nil when it ended normally.
    func start(_ serviceGroup: ServiceGroup, finished: @escaping @Sendable ((any Error)?) -> Void) {
        group.withLock { $0 = serviceGroup }
        let ended = self.ended
        Task.detached {
            do {
                try await serviceGroup.run()
                finished(nil)
            } catch {
                finished(error)
            }
            ended.signal()
        }
    }

    /// Asks the group to shut down and waits until it has.
    func stop() {
        guard let serviceGroup = group.withLock({ $0 }) else { return }
        Task.detached { await serviceGroup.triggerGracefulShutdown() }
        ended.wait()
    }
}
