import Foundation

/// A running SLA deadline with what its alarms need.
public struct RunningDeadline: Sendable {
    public let deadline: SlaDeadline
    public let inquiryID: Int64
    public let slaPolicyID: Int64?

    public init(deadline: SlaDeadline, inquiryID: Int64, slaPolicyID: Int64?) {
        self.deadline = deadline
        self.inquiryID = inquiryID
        self.slaPolicyID = slaPolicyID
    }
}

/// A moment of a task to announce: a reminder or the due time.
public struct TaskMoment: Sendable {
    public enum Reason: String, Sendable { case reminder, due }

    public let taskID: Int64
    public let reason: Reason
    public let at: Date

    public init(taskID: Int64, reason: Reason, at: Date) {
        self.taskID = taskID
        self.reason = reason
        self.at = at
    }
}

/// What alarms need from storage.
public protocol AlarmStore: Sendable {
    /// Running deadlines due before `date`.
    func runningDeadlines(dueBefore date: Date) async throws -> [RunningDeadline]
    /// Reminders and due times of open tasks in `(since, until]`.
    func taskMoments(since: Date, until: Date) async throws -> [TaskMoment]
    /// Writes the alarm's event unless its key fired already or, for an SLA alarm, its deadline
    /// no longer runs to the same due time (met or moved a moment ago); whether it fired now.
    func fire(_ alarm: Alarm) async throws -> Bool
    /// Calls `wake` after each write this process commits that changed deadlines, their inquiries,
    /// policies or calendars, or tasks (deadlines or task moments may have moved).
    func onCommit(_ wake: @escaping @Sendable () -> Void)
}

/// One announcement at its instant: its event, and the key that makes it fire once.
public struct Alarm: Sendable, Equatable {
    public let at: Date
    public let key: String
    public let kind: DomainEvent.Kind
    public let recordID: Int64
    public let detail: String
    /// For an SLA alarm, the due time its deadline must still have.
    public var deadlineDue: Date? = nil
}

/// The moments the server announces by itself, each at its instant, as an event of the outbox:
/// an SLA deadline nears (at each lead time of its policy, counted in business minutes) or passes
/// unmet; a task's reminder or due time comes. A timer queue holds them: built from the database
/// at start (so what came due while the server was down fires then), rebuilt when a write commits
/// (a priority changed, an inquiry paused or resumed, a task moved), and slept on until the next
/// instant. Each alarm fires once: `alarms_fired` remembers its key across restarts.
public actor AlarmService {
    public let store: any AlarmStore
    public let support: any SupportStore
    public let clock: any WallClock
    /// How far back a task moment still fires (a server that was down catches up this much).
    public static let catchUp: TimeInterval = 3_600
    /// How far ahead alarms are queued; the queue is rebuilt at least this often.
    static let horizon: TimeInterval = 3_600
    /// How long commits are gathered before the queue is rebuilt.
    static let settle: Duration = .milliseconds(200)

    /// Pending alarms, soonest first.
    private(set) var queue: [Alarm] = []

    public init(store: any AlarmStore, support: any SupportStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.support = support
        self.clock = clock
    }

    /// Runs until cancelled.
    public func run() async {
        enum Wake { case timer, change }
        let (wakeUps, wake) = AsyncStream<Wake>.makeStream(bufferingPolicy: .bufferingNewest(1))
        store.onCommit { wake.yield(.change) }
        var sleeper: Task<Void, Never>?
        defer { sleeper?.cancel() }
        try? await rebuild()
        var reason = Wake.timer
        var iterator = wakeUps.makeAsyncIterator()
        while !Task.isCancelled {
            if reason == .change {
                try? await Task.sleep(for: Self.settle)
                try? await rebuild()
            }
            try? await fireDue()
            let now = clock.now()
            let next = min(queue.first?.at ?? .distantFuture, now.addingTimeInterval(Self.horizon))
            sleeper?.cancel()
            sleeper = Task {
                try? await Task.sleep(for: .milliseconds(max(0, Int(next.timeIntervalSince(now) * 1000))))
                if !Task.isCancelled { wake.yield(.timer) }
            }
            guard let woken = await iterator.next() else { return }
            // A timer of a queue that grew stale (an hour passed) rebuilds it too.
            reason = woken == .change || clock.now() >= now.addingTimeInterval(Self.horizon) ? .change : .timer
        }
    }

    /// Fires the alarms whose instant has come.
    func fireDue() async throws {
        let now = clock.now()
        while let first = queue.first, first.at <= now {
            _ = try await store.fire(first)
            queue.removeFirst()
        }
    }

    /// Reads the running deadlines and the tasks' moments again and queues their alarms.
    func rebuild() async throws {
        let now = clock.now()
        let running = try await store.runningDeadlines(dueBefore: now.addingTimeInterval(Self.horizon + 30 * 86_400))
        let policies = try await support.policies(ids: Array(Set(running.compactMap(\.slaPolicyID))))
        let calendars = try await support.calendars(ids: Array(Set(policies.map(\.calendarID))))
        let moments = try await store.taskMoments(since: now.addingTimeInterval(-Self.catchUp), until: now.addingTimeInterval(Self.horizon))
        queue = Self.alarms(running: running, policies: policies, calendars: calendars, tasks: moments, now: now)
    }

    /// The alarms of running deadlines and task moments within the horizon after `now`, soonest first: for each
    /// deadline a warning at each lead time of its policy (the instant that many business minutes
    /// are left; one key per lead and due time, so a deadline that moves warns again) and the
    /// breach at its due time; for each task moment its reminder or due announcement. Warnings of
    /// a deadline already passed are left out: its breach says more.
    public static func alarms(running: [RunningDeadline], policies: [SlaPolicy], calendars: [WorkingCalendar], tasks: [TaskMoment],
                              now: Date) -> [Alarm] {
        let policies = Dictionary(policies.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let hours = Dictionary(calendars.map { ($0.id, BusinessHours($0)) }, uniquingKeysWith: { a, _ in a })
        var alarms: [Alarm] = []
        for item in running {
            guard let due = item.deadline.dueAt else { continue }
            let id = item.deadline.id
            let detail = #"{"inquiry":\#(item.inquiryID)"#
            alarms.append(Alarm(at: due, key: "sla:\(id):breach", kind: .slaBreached, recordID: id, detail: detail + "}", deadlineDue: due))
            guard due > now, let policy = item.slaPolicyID.flatMap({ policies[$0] }), let calendar = hours[policy.calendarID] else { continue }
            let stamp = RFC3339.format(due)
            for lead in Set(policy.warningLeadMinutes) where lead > 0 {
                guard let at = calendar.subtracting(minutes: lead, from: due), at < due else { continue }
                alarms.append(Alarm(at: at, key: "sla:\(id):warn:\(lead):\(stamp)", kind: .slaWarning, recordID: id,
                                    detail: detail + #","lead":\#(lead),"minutesLeft":\#(lead),"dueAt":"\#(stamp)"}"#, deadlineDue: due))
            }
        }
        for moment in tasks {
            let stamp = RFC3339.format(moment.at)
            alarms.append(Alarm(at: moment.at, key: "task:\(moment.taskID):\(moment.reason.rawValue):\(stamp)", kind: .taskDue,
                                recordID: moment.taskID, detail: #"{"reason":"\#(moment.reason.rawValue)","at":"\#(stamp)"}"#))
        }
        let until = now.addingTimeInterval(horizon)
        return alarms.filter { $0.at <= until }.sorted { ($0.at, $0.key) < ($1.at, $1.key) }
    }
}
