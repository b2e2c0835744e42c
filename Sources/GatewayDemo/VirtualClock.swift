public import Foundation
import Gateway

/// A clock the demo moves forward by hand, so that a cooldown can pass in a second.
public final class VirtualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    public init(start: Date) { current = start }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    public func advance(by seconds: Int) {
        lock.lock()
        current = current.addingTimeInterval(TimeInterval(seconds))
        lock.unlock()
    }
}
