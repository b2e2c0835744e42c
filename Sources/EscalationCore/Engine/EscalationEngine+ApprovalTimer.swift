public import EscalationValues
public import Foundation

extension EscalationEngine {
    /// What a pending request's timers did at one tick: the request as changed, and what to
    /// record and send.
    public struct ApprovalTick: Sendable {
        public var request: EscalationRequest
        public var journal: [JournalEntry]
        public var notices: [Notice]
    }

    /// How much earlier than a timer's due time a tick still counts it as due. A time read back
    /// from the store's REAL column can come out a microsecond later than the clock that wrote
    /// it, and a tick at exactly `created + approval_reminder` must not miss the reminder for it.
    public static let dueTolerance: TimeInterval = 0.001

    /// When a pending request's next reminder or timeout falls due under its template, or nil
    /// when none will (decided, withdrawn, or a template without either).
    public func nextApprovalEvent(of request: EscalationRequest) -> Date? {
        guard request.state == .pending, let template = configuration.templates.first(where: { $0.name == request.template }) else { return nil }
        var due: [Date] = []
        if let reminder = template.approvalReminder, reminder.seconds > 0 {
            due.append((request.remindedAt ?? request.createdAt).addingTimeInterval(TimeInterval(reminder.seconds)))
        }
        if let timeout = template.approvalTimeout, request.overdueAt == nil {
            due.append(request.createdAt.addingTimeInterval(TimeInterval(timeout.seconds)))
        }
        return due.min()
    }

    /// Advances a pending request's timers to `now`. After `approval_timeout` (once) it goes to
    /// the template's backup approvers, or, without any, `manager` (the case owner or the
    /// account's escalation manager) is told; after each `approval_reminder` period its
    /// undecided approvers are reminded, once however late the tick. Nothing is ever decided
    /// here. Nil when nothing fell due.
    public func tickApproval(_ request: EscalationRequest, manager: EmailAddress?, now: Date) -> ApprovalTick? {
        guard request.state == .pending, let template = configuration.templates.first(where: { $0.name == request.template }) else { return nil }
        var updated = request
        var journal: [JournalEntry] = []
        var notices: [Notice] = []
        let age = Self.age(from: request.createdAt, to: now)
        func entry(_ action: String, _ detail: String) -> JournalEntry {
            JournalEntry(
                at: now, actor: "gateway", cause: "approval-ticker", source: request.source, request: request.number, action: action, detail: detail)
        }
        var justAsked: [EmailAddress] = []
        let reached = now.addingTimeInterval(Self.dueTolerance)
        if let timeout = template.approvalTimeout, request.overdueAt == nil,
            reached >= request.createdAt.addingTimeInterval(TimeInterval(timeout.seconds))
        {
            updated.overdueAt = now
            let overdue = Notice.Overdue(waitingFor: request.undecided, timeout: timeout)
            let waiting = request.undecided.map(\.value).joined(separator: ", ")
            let backups = template.backupApprovers.filter { $0 != request.requester && !request.deciders.contains($0) }
            if backups.isEmpty {
                journal.append(
                    entry(
                        "request.overdue",
                        "\(request.number) undecided after \(timeout); waiting for \(waiting)" + (manager.map { "; told \($0)" } ?? "")))
                if let manager {
                    notices.append(Notice(.approvalOverdue(overdue, age: age), to: [manager], source: request.source, request: request))
                }
            } else {
                updated.backupApprovers = backups
                justAsked = backups
                journal.append(
                    entry(
                        "request.backup_asked", "\(request.number) undecided after \(timeout); asked \(backups.map(\.value).joined(separator: ", "))")
                )
                for backup in backups {
                    notices.append(Notice(.approvalRequested(overdue: overdue), to: [backup], source: request.source, request: updated))
                }
            }
        }
        if let reminder = template.approvalReminder, reminder.seconds > 0,
            reached >= (request.remindedAt ?? request.createdAt).addingTimeInterval(TimeInterval(reminder.seconds))
        {
            updated.remindedAt = now
            let reminded = updated.undecided.filter { !justAsked.contains($0) }
            if !reminded.isEmpty {
                journal.append(
                    entry("request.reminded", "\(request.number) pending for \(age); reminded \(reminded.map(\.value).joined(separator: ", "))"))
            }
            for approver in reminded {
                notices.append(Notice(.approvalReminder(age: age), to: [approver], source: request.source, request: updated))
            }
        }
        guard updated != request else { return nil }
        for index in notices.indices { notices[index].request = updated }
        return ApprovalTick(request: updated, journal: journal, notices: notices)
    }

    /// How long ago `start` was, in days, hours and minutes: `2d 3h`, `4h 5m`, `12m` (within
    /// `dueTolerance` of a whole minute counts as that minute).
    public static func age(from start: Date, to now: Date) -> String {
        let minutes = max(0, Int(now.timeIntervalSince(start) + dueTolerance) / 60)
        let (days, hours, rest) = (minutes / 1440, minutes % 1440 / 60, minutes % 60)
        if days > 0 { return hours > 0 ? "\(days)d \(hours)h" : "\(days)d" }
        if hours > 0 { return rest > 0 ? "\(hours)h \(rest)m" : "\(hours)h" }
        return "\(rest)m"
    }
}
