import Foundation
import Gateway

/// The process's memory figures from `/proc/self/status` (Linux).
public enum ProcessMemory {
    /// Peak resident set size so far (`VmHWM`), in bytes; nil where `/proc` is absent.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
            return kilobytes.map { $0 * 1024 }
        }
        return nil
    }
}
