import Foundation

/// One SLA clock: started at a moment, due at a moment, then met, warned or breached.
public struct SLAClock: Hashable, Sendable {
    public var target: TimeSpan
    public var startedAt: Date
    public var dueAt: Date
    public var warnedAt: Date?
    public var breachedAt: Date?
    public var metAt: Date?

    public init(target: TimeSpan, startedAt: Date) {
        self.target = target
        self.startedAt = startedAt
        self.dueAt = startedAt.addingTimeInterval(TimeInterval(target.seconds))
    }

    /// A clock as stored, with its own deadline and events.
    public init(target: TimeSpan, startedAt: Date, dueAt: Date, warnedAt: Date?, breachedAt: Date?, metAt: Date?) {
        self.target = target
        self.startedAt = startedAt
        self.dueAt = dueAt
        self.warnedAt = warnedAt
        self.breachedAt = breachedAt
        self.metAt = metAt
    }

    /// Whether the clock still runs (neither met nor stopped).
    public var isOpen: Bool { metAt == nil }

    /// `met`, `breached` or `open`: a clock met after its deadline counts as breached.
    public var status: String {
        if breachedAt != nil { return "breached" }
        return metAt == nil ? "open" : "met"
    }

    /// When the warning is due: `share` of the way from start to deadline.
    public func warningAt(share: Double) -> Date {
        startedAt.addingTimeInterval(dueAt.timeIntervalSince(startedAt) * share)
    }
}

/// The SLA of an escalation (DESIGN.md, "SLA"): response, update interval and resolution,
/// counted round the clock from the record's creation and re-targeted on severity changes.
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

    public init(attachedTo: String, targets: SLATargets, startedAt: Date) {
        self.attachedTo = attachedTo
        self.response = SLAClock(target: targets.response, startedAt: startedAt)
        self.update = nil
        self.resolution = SLAClock(target: targets.resolution, startedAt: startedAt)
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
    /// starts the update clock; each later one meets (or records as late) and restarts it.
    mutating func recordManagerUpdate(at now: Date, updateTarget: TimeSpan) {
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
        update = SLAClock(target: updateTarget, startedAt: now)
    }

    /// Re-targets every open clock from `now` with the new severity's targets (seed 003). A clock
    /// already breached keeps its breach and deadline: a breach once recorded stays.
    mutating func retarget(_ targets: SLATargets, at now: Date) {
        guard stoppedAt == nil else { return }
        func retargetable(_ clock: SLAClock) -> Bool { clock.isOpen && clock.breachedAt == nil }
        if retargetable(response) { response = SLAClock(target: targets.response, startedAt: now) }
        if let clock = update, retargetable(clock) { update = SLAClock(target: targets.update, startedAt: now) }
        if retargetable(resolution) { resolution = SLAClock(target: targets.resolution, startedAt: now) }
    }

    /// Stops the SLA on de-escalation: resolution met (or breached if late), other clocks closed.
    mutating func stop(at now: Date) {
        guard stoppedAt == nil else { return }
        if now > resolution.dueAt, resolution.breachedAt == nil { resolution.breachedAt = resolution.dueAt }
        resolution.metAt = now
        stoppedAt = now
    }
}
