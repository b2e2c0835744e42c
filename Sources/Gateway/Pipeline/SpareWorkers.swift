import Foundation
import Synchronization

/// Worker slots on the cores beside the one that applies a batch (at least one), shared by the
/// batch's parsing and its rendering: together they never run more threads than there are
/// spare cores, since one thread more takes its CPU from the applying thread, which the whole
/// batch waits on.
final class SpareWorkers: Sendable {
    private let free: Atomic<Int>

    init(count: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        free = Atomic(count)
    }

    /// Takes a free slot; false when every slot is taken.
    private func take() -> Bool {
        var current = free.load(ordering: .relaxed)
        while current > 0 {
            let (exchanged, original) = free.compareExchange(
                expected: current, desired: current - 1, ordering: .acquiringAndReleasing)
            if exchanged { return true }
            current = original
        }
        return false
    }

    /// Gives a slot taken with `take` back.
    private func give() {
        free.add(1, ordering: .acquiringAndReleasing)
    }

    /// Runs `work` on a worker thread of a slot taken for it, giving the slot back afterwards;
    /// false, and `work` is not run, when no slot is free.
    func start(_ work: @escaping @Sendable () -> Void) -> Bool {
        guard take() else { return false }
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            work()
            give()
        }
        return true
    }
}
