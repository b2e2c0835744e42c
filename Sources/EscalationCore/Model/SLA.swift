public import Foundation

/// One SLA clock: started at a moment, due at a moment, then met, warned or breached.
///
/// A clock on a calendar counts its target in the calendar's working time; its deadline and
/// its warning point are computed when it starts and kept, so a later change of the calendar's
/// hours moves only the clocks started after it.
public struct SLAClock: Hashable, Sendable {
    public var target: TimeSpan
    public var startedAt: Date
    public var dueAt: Date
    public var warnedAt: Date?
    public var breachedAt: Date?
    public var metAt: Date?
    /// The name of the calendar the clock counts in; nil: round the clock.
    public var calendar: String?
    /// On a calendar, when the warning is due (the warning share of the target in working
    /// time); nil: the warning share of the way from start to deadline.
    public var warningDueAt: Date?

    /// A clock counting round the clock.
    public init(target: TimeSpan, startedAt: Date) {
        self.target = target
        self.startedAt = startedAt
        self.dueAt = startedAt.addingTimeInterval(TimeInterval(target.seconds))
    }

    /// A clock counting in `calendar`'s working time (nil: round the clock), with its warning
    /// at `warningShare` of the target in that working time.
    public init(target: TimeSpan, startedAt: Date, calendar: WorkingCalendar?, warningShare: Double) {
        self.init(target: target, startedAt: startedAt)
        guard let calendar else { return }
        self.calendar = calendar.name
        self.dueAt = calendar.adding(TimeInterval(target.seconds), to: startedAt)
        self.warningDueAt = calendar.adding(TimeInterval(target.seconds) * warningShare, to: startedAt)
    }

    /// A clock as stored, with its own deadline and events.
    public init(
        target: TimeSpan, startedAt: Date, dueAt: Date, warnedAt: Date?, breachedAt: Date?, metAt: Date?, calendar: String? = nil,
        warningDueAt: Date? = nil
    ) {
        self.target = target
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.warnedAt = warnedAt
        self.breachedAt = breachedAt
        self.metAt = metAt
        self.calendar = calendar
        self.warningDueAt = warningDueAt
    }

    /// Whether the clock still runs (neither met nor stopped).
    public var isOpen: Bool { metAt == nil }

    /// `met`, `breached` or `open`: a clock met after its deadline counts as breached.
    public var status: String {
        if breachedAt != nil { return "breached" }
        return metAt == nil ? "open" : "met"
    }

    /// When the warning is due: on a calendar, as computed when the clock started; else
    /// `share` of the way from start to deadline.
    public func warningAt(share: Double) -> Date {
        warningDueAt ?? startedAt.addingTimeInterval(dueAt.timeIntervalSince(startedAt) * share)
    }
}

/// The SLA of an escalation (DESIGN.md, "SLA"): response, update interval and resolution,
/// counted from the record's creation round the clock or in a calendar's working time, and
/// re-targeted on severity changes.
public struct SLA: Hashable, Sendable {
    /// Where the SLA is attached: the case for a case escalation, the record for an account one (seed 001).
    public var attachedTo: String
    public var response: SLAClock
    /// Runs from the first update by the manager; nil before it.
    public var update: SLAClock?
    public var resolution: SLAClock
    public var updatesMet: Int
    public var updatesBreached: Int
    public var stoppedAt: Date?

    /// A new SLA whose clocks count in `calendar`'s working time (nil: round the clock).
    public init(attachedTo: String, targets: SLATargets, startedAt: Date, calendar: WorkingCalendar? = nil, warningShare: Double = 0.75) {
        self.attachedTo = attachedTo
        self.response = SLAClock(target: targets.response, startedAt: startedAt, calendar: calendar, warningShare: warningShare)
        self.update = nil
        self.resolution = SLAClock(target: targets.resolution, startedAt: startedAt, calendar: calendar, warningShare: warningShare)
        self.updatesMet = 0
        self.updatesBreached = 0
    }

    /// An SLA as stored: its clocks and counters.
    public init(
        attachedTo: String, response: SLAClock, update: SLAClock?, resolution: SLAClock, updatesMet: Int, updatesBreached: Int, stoppedAt: Date?
    ) {
        self.attachedTo = attachedTo
        self.response = response
        self.update = update
        self.resolution = resolution
        self.updatesMet = updatesMet
        self.updatesBreached = updatesBreached
        self.stoppedAt = stoppedAt
    }

    /// The open clocks, by name, in a stable order.
    public var openClocks: [(name: String, clock: SLAClock)] {
        guard stoppedAt == nil else { return [] }
        return [("response", response), ("update", update), ("resolution", resolution)]
            .compactMap { name, clock in clock.flatMap { $0.isOpen ? (name, $0) : nil } }
    }

    /// The next moment at which a warning or breach falls due, for the ticker's index.
    public func nextEventAt(warningShare: Double) -> Date? {
        openClocks.compactMap { _, clock -> Date? in
            if clock.breachedAt != nil { return nil }
            return clock.warnedAt == nil ? clock.warningAt(share: warningShare) : clock.dueAt
        }.min()
    }

    /// Records an update by the escalation's manager: the first meets the response clock and
    /// starts the update clock; each later one meets (or records as late) and restarts it, in
    /// `calendar`'s working time (nil: round the clock).
    mutating func recordManagerUpdate(at now: Date, updateTarget: TimeSpan, calendar: WorkingCalendar?, warningShare: Double) {
        guard stoppedAt == nil else { return }
        if response.isOpen {
            if now > response.dueAt, response.breachedAt == nil { response.breachedAt = response.dueAt }
            response.metAt = now
        } else if var clock = update {
            if now > clock.dueAt {
                if clock.breachedAt == nil { clock.breachedAt = clock.dueAt }
                updatesBreached += 1
            } else {
                updatesMet += 1
            }
            update = clock
        }
        update = SLAClock(target: updateTarget, startedAt: now, calendar: calendar, warningShare: warningShare)
    }

    /// Re-targets every open clock from `now` with the new severity's targets (seed 003). A clock
    /// already breached keeps its breach and deadline: a breach once recorded stays. The new
    /// clocks count in `calendar`'s working time (nil: round the clock).
    mutating func retarget(_ targets: SLATargets, at now: Date, calendar: WorkingCalendar?, warningShare: Double) {
        guard stoppedAt == nil else { return }
        func retargetable(_ clock: SLAClock) -> Bool { clock.isOpen && clock.breachedAt == nil }
        func clock(_ target: TimeSpan) -> SLAClock { SLAClock(target: target, startedAt: now, calendar: calendar, warningShare: warningShare) }
        if retargetable(response) { response = clock(targets.response) }
        if let open = update, retargetable(open) { update = clock(targets.update) }
        if retargetable(resolution) { resolution = clock(targets.resolution) }
    }

    /// Stops the SLA on de-escalation: resolution met (or breached if late), other clocks closed.
    mutating func stop(at now: Date) {
        guard stoppedAt == nil else { return }
        if now > resolution.dueAt, resolution.breachedAt == nil { resolution.breachedAt = resolution.dueAt }
        resolution.metAt = now
        stoppedAt = now
    }
}
