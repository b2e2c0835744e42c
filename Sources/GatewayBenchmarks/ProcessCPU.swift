import Foundation
import Gateway

/// CPU time the process has used so far, all threads together (`getrusage`): unlike elapsed
/// time, it does not grow when the machine lends the cores to someone else, so it separates
/// a change's cost from the noise of a shared machine.
public struct ProcessCPU: Sendable {
    /// User and system time, in microseconds.
    public var userMicroseconds: Int64 = 0
    public var systemMicroseconds: Int64 = 0

    public init() {}

    /// The process's CPU time so far.
    public static func now() -> ProcessCPU {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        var times = ProcessCPU()
        times.userMicroseconds = Int64(usage.ru_utime.tv_sec) * 1_000_000 + Int64(usage.ru_utime.tv_usec)
        times.systemMicroseconds = Int64(usage.ru_stime.tv_sec) * 1_000_000 + Int64(usage.ru_stime.tv_usec)
        return times
    }

    /// The time used between `earlier` and this reading.
    public func since(_ earlier: ProcessCPU) -> ProcessCPU {
        var times = ProcessCPU()
        times.userMicroseconds = userMicroseconds - earlier.userMicroseconds
        times.systemMicroseconds = systemMicroseconds - earlier.systemMicroseconds
        return times
    }

    public static func += (total: inout ProcessCPU, more: ProcessCPU) {
        total.userMicroseconds += more.userMicroseconds
        total.systemMicroseconds += more.systemMicroseconds
    }
}
