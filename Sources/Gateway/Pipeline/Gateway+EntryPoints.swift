public import EscalationCore
public import EscalationStore
public import EscalationValues
public import Foundation
public import MailTransport

/// What the commands, the dashboard, the demo, the benchmarks and the tests call: each entry
/// point hands the work to the one service whose job it is.
extension Gateway {
    /// Processes one inbound mail exactly once (`MailProcessor.process`).
    public func process(_ inbound: InboundMail) throws -> MailOutcome {
        try processor.process(inbound)
    }

    /// Processes a batch in one transaction, a failing mail failing alone (`MailProcessor.processBatch`).
    public func processBatch(
        _ batch: [InboundMail], until stop: StopRequest? = nil, observe: ((_ index: Int, _ nanoseconds: UInt64) -> Void)? = nil
    ) throws -> [Result<MailOutcome, any Error>] {
        try processor.processBatch(batch, until: stop, observe: observe)
    }

    /// Processes the source's mail in batches and settles each mail there (`InboxDrainer.drain`).
    public func drain(_ source: any MailSource, batchSize: Int, until stop: StopRequest? = nil) throws -> [MailOutcome] {
        try drainer.drain(source, batchSize: batchSize, until: stop)
    }

    /// Sends the due outbox mail through `sink` and returns how many it accepted (`OutboxDispatcher.dispatch`).
    @discardableResult
    public func dispatch(to sink: any MailSink, until stop: StopRequest? = nil) throws -> Int {
        try dispatcher.dispatch(to: sink, until: stop)
    }

    /// Records the SLA and approval events that fell due and returns how many (`SLATicker.tick`).
    @discardableResult
    public func tickSLAs() throws -> Int {
        try slaTicker.tick()
    }

    /// Applies `[retention] raw_mail` now; nil when the policy is off (`RetentionPurger.apply`).
    @discardableResult
    public func applyRetention() throws -> PurgedMail? {
        try retention.apply()
    }

    /// Replaces the directory from a JSON file, all or nothing (`Administration.importDirectory`).
    public func importDirectory(path: String) throws -> DirectoryCounts {
        try administration.importDirectory(paths: [path])
    }

    /// Replaces the directory from one JSON file or CSV files of its kinds, all or nothing.
    public func importDirectory(paths: [String]) throws -> DirectoryCounts {
        try administration.importDirectory(paths: paths)
    }

    /// What importing the files at `paths` would change, changing nothing.
    public func directoryChanges(paths: [String]) throws -> DirectoryChanges {
        try administration.directoryChanges(paths: paths)
    }

    /// Which mail templates are in use.
    public var templatesSummary: String { administration.templatesSummary }

    /// Problems that make escalations impossible or unsafe with this config and directory.
    public func configurationProblems() -> [String] {
        administration.configurationProblems()
    }

    /// Mail that ended `failed`, with its reason.
    public func failedMail() throws -> [FailedMail] {
        try administration.failedMail()
    }

    /// Processes a failed mail again (after a fix); nil when there is none with that id.
    public func reprocessFailed(id: Int) throws -> MailOutcome? {
        try administration.reprocessFailed(id: id)
    }

    /// The outbox, newest first.
    public func outbox() throws -> [OutboxMessage] {
        try administration.outbox()
    }

    /// Requeues outbox mail that was given up; returns how many.
    public func retryFailedOutbox() throws -> Int {
        try administration.retryFailedOutbox()
    }

    /// Every escalation, newest first.
    public func listReport() throws -> [EscalationReport] {
        try reporting.listReport()
    }

    /// `show NUMBER`: an escalation, a case or an account; nil when unknown.
    public func showReport(_ number: String) throws -> ShowReport? {
        try reporting.showReport(number)
    }

    /// How the period from `since` until now went (`ActivityReport`).
    public func activityReport(since: Date) throws -> ActivityReport {
        try reporting.activityReport(since: since)
    }

    /// The pending requests waiting for `approver`, with their links; without one, every pending request.
    public func pendingApprovals(for approver: EmailAddress?) throws -> [PendingApproval] {
        try reporting.pendingApprovals(for: approver)
    }

    /// Reads a mail without applying it. `bodyKind` reads the file as a bare `text/plain` or `text/html` body.
    public func read(_ raw: [UInt8], file: String, bodyKind: String? = nil) throws -> ReadReport {
        try reporting.read(raw, file: file, bodyKind: bodyKind)
    }

    /// The directory the gateway works with, for the names and titles that reports and the
    /// dashboard show beside numbers and addresses.
    public var directoryLookup: any DirectoryLookup { directory }
}
