import Foundation
import Gateway

/// The figures of a pipeline benchmark as printed lines (`N mails/s`, `N MB/s`, `p50 N ms`,
/// `p99 N ms`, `peak RSS N MB`).
public struct PipelineReport {
    public let lines: [String]

    public init(_ result: PipelineBenchmark.Result) {
        let megabytes = Double(result.bytes) / 1_048_576
        let outcomes = result.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines = [
            "pipeline: \(result.mails) mails in \(result.conversations) conversations, \(String(format: "%.1f", megabytes)) MB, "
                + "\(result.batches) batches, \(String(format: "%.2f", result.seconds)) s",
            "outcomes: \(outcomes); replies without a gateway mail to answer: \(result.unansweredReplies)",
            "\(Int(Double(result.mails) / max(result.seconds, 1e-9))) mails/s",
            String(format: "%.1f MB/s", megabytes / max(result.seconds, 1e-9)),
            "per mail: p50 \(Self.milliseconds(result.perMail, 0.50)) ms, p99 \(Self.milliseconds(result.perMail, 0.99)) ms",
            "until durable (batch start to commit): p50 \(Self.milliseconds(result.untilDurable, 0.50)) ms, "
                + "p99 \(Self.milliseconds(result.untilDurable, 0.99)) ms",
            "CPU per mail (all cores): \(Self.microseconds(result.cpu.userMicroseconds + result.cpu.systemMicroseconds, per: result.mails)) µs, "
                + "user \(Self.microseconds(result.cpu.userMicroseconds, per: result.mails)), system \(Self.microseconds(result.cpu.systemMicroseconds, per: result.mails))",
            "peak RSS \(Self.megabytes(result.peakRSSAfterPipeline)) MB",
            "database \(String(format: "%.1f", Double(result.databaseBytes) / 1_048_576)) MB",
            "dispatch: \(result.dispatched) mails to the directory sink in \(String(format: "%.2f", result.dispatchSeconds)) s, "
                + "\(Int(Double(result.dispatched) / max(result.dispatchSeconds, 1e-9))) mails/s (one sync and one commit per 500); "
                + "peak RSS \(Self.megabytes(result.peakRSSAfterDispatch)) MB",
        ]
    }

    /// Runs of the same mails on different stores, one line each: mails/s, CPU per mail, the
    /// p99 until durable, the outbox's dispatch rate and the outcomes.
    public static func sideBySide(_ runs: [(name: String, result: PipelineBenchmark.Result)]) -> [String] {
        ["| store | mails/s | CPU µs per mail | p99 until durable ms | dispatch mails/s | outcomes |", "|---|---|---|---|---|---|"]
            + runs.map { name, result in
                let outcomes = result.outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                return "| \(name) | \(Int(Double(result.mails) / max(result.seconds, 1e-9))) | "
                    + "\(microseconds(result.cpu.userMicroseconds + result.cpu.systemMicroseconds, per: result.mails)) | "
                    + "\(milliseconds(result.untilDurable, 0.99)) | \(Int(Double(result.dispatched) / max(result.dispatchSeconds, 1e-9))) | \(outcomes) |"
            }
    }

    static func milliseconds(_ samples: [UInt64], _ quantile: Double) -> String {
        guard !samples.isEmpty else { return "-" }
        let sorted = samples.sorted()
        let value = sorted[min(sorted.count - 1, Int(Double(sorted.count) * quantile))]
        return String(format: "%.2f", Double(value) / 1e6)
    }

    static func microseconds(_ total: Int64, per count: Int) -> String {
        String(Int((Double(total) / Double(max(count, 1))).rounded()))
    }

    static func megabytes(_ bytes: Int?) -> String {
        bytes.map { String(Int((Double($0) / 1_048_576).rounded())) } ?? "-"
    }
}
