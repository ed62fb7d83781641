import Foundation

/// SLA targets for one priority, in business minutes; nil means no target.
public struct SlaTarget: Equatable, Sendable, Codable {
    public var priority: TaskItem.Priority
    public var firstResponseMinutes: Int?
    public var nextResponseMinutes: Int?
    public var resolutionMinutes: Int?

    public init(priority: TaskItem.Priority, firstResponseMinutes: Int? = nil, nextResponseMinutes: Int? = nil,
                resolutionMinutes: Int? = nil) {
        self.priority = priority
        self.firstResponseMinutes = firstResponseMinutes
        self.nextResponseMinutes = nextResponseMinutes
        self.resolutionMinutes = resolutionMinutes
    }
}

extension TaskItem.Priority: Codable {}

/// Service levels: targets per priority counted in a working calendar's business hours.
public struct SlaPolicy: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var description: String?
    public var isDefault: Bool
    public var calendarID: Int64
    public var targets: [SlaTarget]
    /// Minutes before a deadline at which a warning fires, largest first.
    public var warningLeadMinutes: [Int]
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, description: String? = nil, isDefault: Bool = false, calendarID: Int64, targets: [SlaTarget],
                warningLeadMinutes: [Int] = [15, 5], createdAt: Date = .distantPast, updatedAt: Date = .distantPast,
                createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.isDefault = isDefault
        self.calendarID = calendarID
        self.targets = targets
        self.warningLeadMinutes = warningLeadMinutes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    public func target(for priority: TaskItem.Priority) -> SlaTarget? { targets.first { $0.priority == priority } }
}

/// One SLA deadline of an inquiry. Time runs in business hours while the deadline is running;
/// waiting for the client pauses it; a response or the resolution meets it, unless it passed.
public struct SlaDeadline: Equatable, Sendable {
    public enum Metric: String, Sendable, CaseIterable { case firstResponse = "first_response", nextResponse = "next_response", resolution }
    public enum State: String, Sendable { case running, paused, met, missed }

    public var id: Int64
    public var metric: Metric
    public var state: State
    public var targetMinutes: Int
    public var startedAt: Date
    /// When the current running stretch began (nil unless running).
    public var runningSince: Date?
    /// Business minutes used before the current running stretch.
    public var consumedMinutes: Int
    public var dueAt: Date?
    public var pausedAt: Date?
    public var metAt: Date?
    public var missedAt: Date?

    public init(id: Int64 = 0, metric: Metric, state: State, targetMinutes: Int, startedAt: Date, runningSince: Date?, consumedMinutes: Int,
                dueAt: Date?, pausedAt: Date? = nil, metAt: Date? = nil, missedAt: Date? = nil) {
        self.id = id
        self.metric = metric
        self.state = state
        self.targetMinutes = targetMinutes
        self.startedAt = startedAt
        self.runningSince = runningSince
        self.consumedMinutes = consumedMinutes
        self.dueAt = dueAt
        self.pausedAt = pausedAt
        self.metAt = metAt
        self.missedAt = missedAt
    }

    /// The state as of `now`: a running deadline whose due time passed is missed (at its due time).
    public func current(now: Date) -> SlaDeadline {
        guard state == .running, let due = dueAt, due < now else { return self }
        var d = self
        d.state = .missed
        d.missedAt = due
        return d
    }

    /// Business minutes left as of `now` (negative once missed); nil when met.
    public func remainingMinutes(now: Date, hours: BusinessHours) -> Int? {
        switch state {
        case .met: return nil
        case .paused: return targetMinutes - consumedMinutes
        case .running, .missed:
            guard let due = dueAt else { return nil }
            return due >= now ? hours.minutes(from: now, to: due) : -hours.minutes(from: due, to: now)
        }
    }
}

/// The SLA rules an inquiry's deadlines follow, as pure functions of the deadlines, the moment
/// and the business hours.
public enum SlaClock {
    /// The deadlines a new inquiry starts with: first response and resolution, where the policy
    /// sets targets for its priority.
    public static func start(_ target: SlaTarget?, at now: Date, hours: BusinessHours) -> [SlaDeadline] {
        var deadlines: [SlaDeadline] = []
        for (metric, minutes) in [(SlaDeadline.Metric.firstResponse, target?.firstResponseMinutes),
                                  (.resolution, target?.resolutionMinutes)] {
            guard let minutes else { continue }
            deadlines.append(SlaDeadline(metric: metric, state: .running, targetMinutes: minutes, startedAt: now, runningSince: now,
                                         consumedMinutes: 0, dueAt: hours.adding(minutes: minutes, to: now)))
        }
        return deadlines
    }

    /// Meets (or, when its time passed, misses) the running or paused deadlines of `metrics`.
    public static func meet(_ deadlines: [SlaDeadline], _ metrics: Set<SlaDeadline.Metric>, at now: Date,
                            hours: BusinessHours) -> [SlaDeadline] {
        deadlines.map { deadline in
            guard metrics.contains(deadline.metric), deadline.state == .running || deadline.state == .paused else { return deadline }
            var d = deadline.current(now: now)
            if d.state != .missed {
                d.state = .met
                d.metAt = now
            }
            if deadline.state == .running, let since = deadline.runningSince, d.state == .met {
                d.consumedMinutes += hours.minutes(from: since, to: now)
            }
            d.runningSince = nil
            d.pausedAt = nil
            return d
        }
    }

    /// The client wrote again after an answer: the next-response deadline starts (again) unless
    /// one is already counting; paused from the start while the inquiry waits for the client.
    public static func awaitNextResponse(_ deadlines: [SlaDeadline], _ target: SlaTarget?, at now: Date, hours: BusinessHours,
                                         waiting: Bool) -> [SlaDeadline] {
        guard let minutes = target?.nextResponseMinutes else { return deadlines }
        var fresh = waiting
            ? SlaDeadline(metric: .nextResponse, state: .paused, targetMinutes: minutes, startedAt: now, runningSince: nil,
                          consumedMinutes: 0, dueAt: nil, pausedAt: now)
            : SlaDeadline(metric: .nextResponse, state: .running, targetMinutes: minutes, startedAt: now, runningSince: now,
                          consumedMinutes: 0, dueAt: hours.adding(minutes: minutes, to: now))
        guard let index = deadlines.firstIndex(where: { $0.metric == .nextResponse }) else { return deadlines + [fresh] }
        let current = deadlines[index]
        if current.state == .running || current.state == .paused { return deadlines }
        // One next-response deadline per inquiry, for the latest unanswered message.
        fresh.id = current.id
        var result = deadlines
        result[index] = fresh
        return result
    }

    /// Stops the clock of running deadlines (the inquiry waits for the client).
    public static func pause(_ deadlines: [SlaDeadline], at now: Date, hours: BusinessHours) -> [SlaDeadline] {
        deadlines.map { deadline in
            var d = deadline.current(now: now)
            guard d.state == .running, let since = d.runningSince else { return d }
            d.consumedMinutes += hours.minutes(from: since, to: now)
            d.state = .paused
            d.pausedAt = now
            d.runningSince = nil
            d.dueAt = nil
            return d
        }
    }

    /// Starts the clock of paused deadlines again, with the minutes they had left.
    public static func resume(_ deadlines: [SlaDeadline], at now: Date, hours: BusinessHours) -> [SlaDeadline] {
        deadlines.map { deadline in
            guard deadline.state == .paused else { return deadline }
            var d = deadline
            d.state = .running
            d.runningSince = now
            d.pausedAt = nil
            d.dueAt = hours.adding(minutes: max(0, d.targetMinutes - d.consumedMinutes), to: now)
            return d
        }
    }

    /// Counts a met resolution again when a resolved inquiry reopens, with the minutes it had left.
    public static func reopen(_ deadlines: [SlaDeadline], at now: Date, hours: BusinessHours) -> [SlaDeadline] {
        deadlines.map { deadline in
            guard deadline.metric == .resolution, deadline.state == .met else { return deadline }
            var d = deadline
            d.state = .running
            d.metAt = nil
            d.runningSince = now
            d.dueAt = hours.adding(minutes: max(0, d.targetMinutes - d.consumedMinutes), to: now)
            return d
        }
    }

    /// New targets (another priority or policy) for the deadlines still counting; a deadline
    /// whose metric the new target leaves out goes, one it adds starts now — paused while the
    /// inquiry waits for the client, not at all once it is resolved.
    public static func retarget(_ deadlines: [SlaDeadline], _ target: SlaTarget?, at now: Date, hours: BusinessHours,
                                responded: Bool, waiting: Bool = false, finished: Bool = false) -> [SlaDeadline] {
        var result: [SlaDeadline] = []
        for metric in [SlaDeadline.Metric.firstResponse, .resolution] {
            let minutes = metric == .firstResponse ? target?.firstResponseMinutes : target?.resolutionMinutes
            if var d = deadlines.first(where: { $0.metric == metric }) {
                if d.state == .met || d.current(now: now).state == .missed { result.append(d.current(now: now)); continue }
                guard let minutes else { continue }
                d.targetMinutes = minutes
                if d.state == .running, let since = d.runningSince {
                    d.dueAt = hours.adding(minutes: max(0, minutes - d.consumedMinutes), to: since)
                }
                result.append(d)
            } else if let minutes, !(metric == .firstResponse && responded), !finished {
                result.append(waiting
                    ? SlaDeadline(metric: metric, state: .paused, targetMinutes: minutes, startedAt: now, runningSince: nil,
                                  consumedMinutes: 0, dueAt: nil, pausedAt: now)
                    : SlaDeadline(metric: metric, state: .running, targetMinutes: minutes, startedAt: now, runningSince: now,
                                  consumedMinutes: 0, dueAt: hours.adding(minutes: minutes, to: now)))
            }
        }
        return result + deadlines.filter { $0.metric == .nextResponse }
    }
}
