import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A crash on purpose, for tests: `ESCALATION_GATEWAY_CRASH_AT=<point>` kills the process the
/// first time it reaches that point, as `kill -9` would, so each window of the exactly-once
/// design is hit deterministically rather than by chance. Only tests name the points
/// (`@_spi(Testing) import Gateway`); the product reaches them.
@_spi(Testing) public enum FaultPoint: String, CaseIterable, Sendable {
    /// Inside the mail's transaction, after its receipt was written: nothing may commit.
    case afterReceipt = "after-receipt"
    /// After the mail's transaction committed, before the pipeline goes on.
    case afterCommit = "after-commit"
    /// Before the mail is moved on its source (the receipt makes the next run skip it).
    case beforeMove = "before-move"
    /// After the server (or directory sink) accepted a mail, before anything else.
    case afterSMTPAccept = "after-smtp-accept"
    /// In the transaction that marks a sent mail, before the mark is written.
    case beforeMarkSent = "before-mark-sent"

    /// The point named in the environment, read once.
    static let armed: FaultPoint? = ProcessInfo.processInfo.environment["ESCALATION_GATEWAY_CRASH_AT"].flatMap(FaultPoint.init)

    /// Kills the process with SIGKILL when this point is the armed one.
    func reach() {
        guard Self.armed == self else { return }
        kill(getpid(), SIGKILL)
    }
}
