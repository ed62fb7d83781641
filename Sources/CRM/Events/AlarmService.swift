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
    /// Writes the event unless the alarm of `key` fired already; whether it fired now.
    func fire(key: String, kind: DomainEvent.Kind, recordID: Int64, detail: String, at: Date) async throws -> Bool
}

/// The moments the server announces by itself, checked every few seconds: an SLA deadline nears
/// (at each lead time of its policy, counted in business minutes) or passes unmet, a task's
/// reminder or due time comes. Each fires once, as an event of the outbox.
public struct AlarmService: Sendable {
    public let store: any AlarmStore
    public let support: any SupportStore
    public let clock: any WallClock
    /// How far back a task moment still fires (a server that was down catches up this much).
    public static let catchUp: TimeInterval = 3_600

    public init(store: any AlarmStore, support: any SupportStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.support = support
        self.clock = clock
    }

    /// Checks every `interval` until cancelled.
    public func run(every interval: Duration) async {
        while !Task.isCancelled {
            try? await tick()
            try? await Task.sleep(for: interval)
        }
    }

    /// One check.
    public func tick() async throws {
        let now = clock.now()
        try await slaAlarms(now)
        for moment in try await store.taskMoments(since: now.addingTimeInterval(-Self.catchUp), until: now) {
            let stamp = RFC3339.format(moment.at)
            _ = try await store.fire(key: "task:\(moment.taskID):\(moment.reason.rawValue):\(stamp)", kind: .taskDue, recordID: moment.taskID,
                                     detail: #"{"reason":"\#(moment.reason.rawValue)","at":"\#(stamp)"}"#, at: now)
        }
    }

    private func slaAlarms(_ now: Date) async throws {
        // Leads are business minutes: look a week ahead in wall time, which covers any weekend.
        let running = try await store.runningDeadlines(dueBefore: now.addingTimeInterval(7 * 86_400))
        let policies = Dictionary(uniqueKeysWithValues: try await support.policies(ids: Array(Set(running.compactMap(\.slaPolicyID)))).map { ($0.id, $0) })
        var hours: [Int64: BusinessHours] = [:]
        for calendar in try await support.calendars(ids: Array(Set(policies.values.map(\.calendarID)))) { hours[calendar.id] = BusinessHours(calendar) }
        for item in running {
            guard let due = item.deadline.dueAt else { continue }
            let detail = #"{"inquiry":\#(item.inquiryID)"#
            if due <= now {
                _ = try await store.fire(key: "sla:\(item.deadline.id):breach", kind: .slaBreached, recordID: item.deadline.id,
                                         detail: detail + "}", at: due)
                continue
            }
            guard let policy = item.slaPolicyID.flatMap({ policies[$0] }), let calendar = hours[policy.calendarID] else { continue }
            let left = calendar.minutes(from: now, to: due)
            for lead in policy.warningLeadMinutes.sorted(by: >) where left <= lead {
                _ = try await store.fire(key: "sla:\(item.deadline.id):warn:\(lead)", kind: .slaWarning, recordID: item.deadline.id,
                                         detail: detail + #","lead":\#(lead),"minutesLeft":\#(left)}"#, at: now)
            }
        }
    }
}
