import EscalationCore
public import EscalationValues
public import Foundation
import Gateway
import MailMessage
import Synchronization

/// Parse + read throughput over every file under a folder: each file is parsed (MIME, charsets)
/// and read (reply text, automation, intent) as the pipeline does, from memory, timed.
public struct ParseBenchmark {
    public struct Result: Sendable {
        public var mails: Int
        public var bytes: Int
        public var seconds: Double
        public var failed: Int

        public var mailsPerSecond: Double { Double(mails) / max(seconds, 1e-9) }
        public var megabytesPerSecond: Double { Double(bytes) / 1_048_576 / max(seconds, 1e-9) }
    }

    /// Reads every regular file under `folder` (recursively) into memory.
    public static func load(_ folder: URL) throws -> [[UInt8]] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var files: [[UInt8]] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(Array(try Data(contentsOf: url)))
        }
        return files
    }

    /// Parses and reads every file `rounds` times on `threads` workers, each taking the next
    /// file not yet taken (as the pipeline prepares a batch on every core); returns the totals.
    public static func run(_ files: [[UInt8]], rounds: Int, threads: Int, gateway: EmailAddress) -> Result {
        let workers = max(1, threads)
        let failures = Atomic<Int>(0)
        let next = Atomic<Int>(0)
        let total = files.count * rounds
        let start = DispatchTime.now().uptimeNanoseconds
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var failed = 0
            while case let item = next.wrappingAdd(1, ordering: .relaxed).oldValue, item < total {
                guard let mail = try? Mail(parsing: files[item % files.count]) else {
                    failed += 1
                    continue
                }
                _ = UnderstoodMail(mail: mail, gatewayAddress: gateway, isOwn: { _ in nil })
            }
            failures.add(failed, ordering: .relaxed)
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(mails: total, bytes: files.reduce(0) { $0 + $1.count } * rounds, seconds: seconds, failed: failures.load(ordering: .relaxed))
    }
}
