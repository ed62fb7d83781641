import Foundation

/// A working day or special day as the caller gave it: clock times not yet checked.
public struct IntervalText: Equatable, Sendable {
    public let start: String
    public let end: String

    public init(start: String, end: String) {
        self.start = start
        self.end = end
    }
}

public struct SpecialDayInput: Sendable {
    public var date: String
    public var name: String?
    public var kind: SpecialDay.Kind
    public var intervals: [IntervalText]

    public init(date: String, name: String?, kind: SpecialDay.Kind, intervals: [IntervalText]) {
        self.date = date
        self.name = name
        self.kind = kind
        self.intervals = intervals
    }
}

/// Changes to a working calendar; nil leaves a field as it is.
public struct CalendarChanges: Sendable {
    public var name: String?
    public var timeZone: String?
    public var isDefault: Bool?
    /// Weekday index (0 = Monday) → intervals; days not listed are off.
    public var week: [(Int, [IntervalText])]?
    public var upsertSpecialDays: [SpecialDayInput] = []
    public var removeSpecialDays: [String] = []

    public init() {}
}

/// Changes to an SLA policy; nil leaves a field as it is.
public struct PolicyChanges: Sendable {
    public var name: String?
    public var description: Change<String?> = .keep
    public var isDefault: Bool?
    public var calendarID: Int64?
    public var targets: [SlaTarget]?
    public var warningLeadMinutes: [Int]?

    public init() {}
}

/// Working calendars and SLA policies, which admins edit: clock times checked (in order, not
/// overlapping, `24:00` for midnight), time zones known, at most one default of each, a policy's
/// calendar live, one target per priority.
public struct SupportConfigService: Sendable {
    public let store: any SupportStore
    public let clock: any WallClock

    public init(store: any SupportStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public struct CalendarOutcome: Sendable {
        public let calendar: WorkingCalendar?
        public let userErrors: [UserError]
    }

    public struct PolicyOutcome: Sendable {
        public let policy: SlaPolicy?
        public let userErrors: [UserError]
    }

    // MARK: Calendars

    public func createCalendar(_ viewer: Viewer, name: String, timeZone: String, isDefault: Bool, week: [(Int, [IntervalText])],
                               specialDays: [SpecialDayInput]) async throws -> CalendarOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        var changes = CalendarChanges()
        changes.name = name
        changes.timeZone = timeZone
        changes.week = week
        changes.upsertSpecialDays = specialDays
        var errors = Errors()
        var calendar = apply(changes, to: WorkingCalendar(name: "", timeZone: "", week: Array(repeating: [], count: 7)),
                             specialDaysField: "specialDays", &errors)
        guard errors.list.isEmpty else { return CalendarOutcome(calendar: nil, userErrors: errors.list) }
        let hasDefault = try await store.defaultCalendar() != nil
        calendar.isDefault = isDefault || !hasDefault
        return CalendarOutcome(calendar: try await store.insertCalendar(calendar, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func updateCalendar(_ viewer: Viewer, id: Int64, version: Int, changes: CalendarChanges) async throws -> CalendarOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        guard let current = try await store.calendars(ids: [id]).first else { throw DomainError.notFound("No such working calendar.") }
        var errors = Errors()
        var next = apply(changes, to: current, specialDaysField: "upsertSpecialDays", &errors)
        if let isDefault = changes.isDefault {
            if !isDefault && current.isDefault { errors.add(["isDefault"], "Make another calendar the default instead.", "INVALID") }
            else { next.isDefault = isDefault || current.isDefault }
        }
        guard errors.list.isEmpty else { return CalendarOutcome(calendar: current, userErrors: errors.list) }
        let edits = Self.calendarEdits(current, next)
        let (calendar, userErrors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                     edits: edits, noun: "working calendar", version: \.version) {
            try await store.updateCalendar(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return CalendarOutcome(calendar: calendar, userErrors: userErrors)
    }

    public func setCalendarDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> CalendarOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        guard let current = try await store.calendars(ids: [id]).first else { throw DomainError.notFound("No such working calendar.") }
        guard (current.deletedAt != nil) != deleted else { return CalendarOutcome(calendar: current, userErrors: []) }
        if deleted && current.isDefault {
            return CalendarOutcome(calendar: current, userErrors: [UserError(field: ["input", "id"],
                message: "This is the default calendar: make another one the default first.", code: "INVALID_STATE")])
        }
        if deleted, try await store.policies(text: nil, deleted: .exclude).contains(where: { $0.calendarID == id }) {
            return CalendarOutcome(calendar: current, userErrors: [UserError(field: ["input", "id"],
                message: "SLA policies count in this calendar: give them another one first.", code: "IN_USE")])
        }
        var next = current
        let now = clock.now()
        next.deletedAt = deleted ? now : nil
        let edits = [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)]
        let (calendar, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                 edits: edits, noun: "working calendar", version: \.version) {
            try await store.updateCalendar(next, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: now)
        }
        return CalendarOutcome(calendar: calendar, userErrors: errors)
    }

    /// The calendar after the changes; problems with special days are reported under
    /// `specialDaysField` (the input's name for them).
    func apply(_ changes: CalendarChanges, to start: WorkingCalendar, specialDaysField key: String, _ errors: inout Errors) -> WorkingCalendar {
        var calendar = start
        if let name = changes.name {
            calendar.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if calendar.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
        }
        if let zone = changes.timeZone {
            if TimeZone(identifier: zone) == nil { errors.add(["timeZone"], "\"\(zone)\" is not a time zone (e.g. Europe/Moscow).", "INVALID") }
            calendar.timeZone = zone
        }
        if let week = changes.week {
            var days: [[WorkInterval]] = Array(repeating: [], count: 7)
            var seen = Set<Int>()
            for (i, (weekday, intervals)) in week.enumerated() {
                if !seen.insert(weekday).inserted { errors.add(["week", String(i), "weekday"], "Each weekday once.", "INVALID") }
                days[weekday] = Self.intervals(intervals, path: ["week", String(i), "intervals"], &errors)
            }
            calendar.week = days
        }
        var special = Dictionary(calendar.specialDays.map { ($0.date, $0) }, uniquingKeysWith: { a, _ in a })
        for date in changes.removeSpecialDays { special[date] = nil }
        for (i, day) in changes.upsertSpecialDays.enumerated() {
            if !CalendarDate.isValid(day.date) { errors.add([key, String(i), "date"], "\"\(day.date)\" is not a date (YYYY-MM-DD).", "INVALID") }
            let intervals = Self.intervals(day.intervals, path: [key, String(i), "intervals"], &errors)
            if day.kind == .working && intervals.isEmpty {
                errors.add([key, String(i), "intervals"], "A working special day needs its hours.", "REQUIRED")
            }
            special[day.date] = SpecialDay(date: day.date, name: PipelineService.trimmed(day.name), kind: day.kind,
                                           intervals: day.kind == .holiday ? [] : intervals)
        }
        calendar.specialDays = special.values.sorted { $0.date < $1.date }
        return calendar
    }

    /// Clock times as intervals: each from before to, in order, not overlapping.
    static func intervals(_ texts: [IntervalText], path: [String], _ errors: inout Errors) -> [WorkInterval] {
        var result: [WorkInterval] = []
        for (i, text) in texts.enumerated() {
            guard let start = WorkInterval.minute(text.start), start < 1440 else {
                errors.add(path + [String(i), "start"], "\"\(text.start)\" is not a time HH:MM.", "INVALID"); continue
            }
            guard let end = WorkInterval.minute(text.end), end > start else {
                errors.add(path + [String(i), "end"], "The end must be a time HH:MM after the start (24:00 for midnight).", "INVALID"); continue
            }
            if let last = result.last, start < last.end {
                errors.add(path + [String(i)], "Intervals go in order and do not overlap.", "INVALID"); continue
            }
            result.append(WorkInterval(start: start, end: end))
        }
        return result
    }

    static func calendarEdits(_ a: WorkingCalendar, _ b: WorkingCalendar) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        if a.name != b.name { edits.append(FieldEdit("name", old: FieldEdit.json(a.name), new: FieldEdit.json(b.name))) }
        if a.timeZone != b.timeZone { edits.append(FieldEdit("timeZone", old: FieldEdit.json(a.timeZone), new: FieldEdit.json(b.timeZone))) }
        if a.isDefault != b.isDefault { edits.append(FieldEdit("isDefault", old: "\(a.isDefault)", new: "\(b.isDefault)")) }
        if a.week != b.week { edits.append(FieldEdit("week", old: SupportJSON.week(a.week), new: SupportJSON.week(b.week))) }
        if a.specialDays != b.specialDays {
            edits.append(FieldEdit("specialDays", old: SupportJSON.specialDays(a.specialDays), new: SupportJSON.specialDays(b.specialDays)))
        }
        return edits
    }

    // MARK: Policies

    public func createPolicy(_ viewer: Viewer, name: String, description: String?, isDefault: Bool, calendarID: Int64,
                             targets: [SlaTarget], warningLeadMinutes: [Int]) async throws -> PolicyOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        var changes = PolicyChanges()
        changes.name = name
        changes.description = .set(description)
        changes.calendarID = calendarID
        changes.targets = targets
        changes.warningLeadMinutes = warningLeadMinutes
        var errors = Errors()
        var policy = try await apply(changes, to: SlaPolicy(name: "", calendarID: 0, targets: []), &errors)
        guard errors.list.isEmpty else { return PolicyOutcome(policy: nil, userErrors: errors.list) }
        let hasDefault = try await store.defaultPolicy() != nil
        policy.isDefault = isDefault || !hasDefault
        return PolicyOutcome(policy: try await store.insertPolicy(policy, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func updatePolicy(_ viewer: Viewer, id: Int64, version: Int, changes: PolicyChanges) async throws -> PolicyOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        guard let current = try await store.policies(ids: [id]).first else { throw DomainError.notFound("No such SLA policy.") }
        var errors = Errors()
        var next = try await apply(changes, to: current, &errors)
        if let isDefault = changes.isDefault {
            if !isDefault && current.isDefault { errors.add(["isDefault"], "Make another policy the default instead.", "INVALID") }
            else { next.isDefault = isDefault || current.isDefault }
        }
        guard errors.list.isEmpty else { return PolicyOutcome(policy: current, userErrors: errors.list) }
        let edits = Self.policyEdits(current, next)
        let (policy, userErrors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                                   edits: edits, noun: "SLA policy", version: \.version) {
            try await store.updatePolicy(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return PolicyOutcome(policy: policy, userErrors: userErrors)
    }

    public func setPolicyDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> PolicyOutcome {
        try viewer.requireAdmin("Only admins change working calendars and SLA policies.")
        guard let current = try await store.policies(ids: [id]).first else { throw DomainError.notFound("No such SLA policy.") }
        guard (current.deletedAt != nil) != deleted else { return PolicyOutcome(policy: current, userErrors: []) }
        if deleted && current.isDefault {
            return PolicyOutcome(policy: current, userErrors: [UserError(field: ["input", "id"],
                message: "This is the default policy: make another one the default first.", code: "INVALID_STATE")])
        }
        var next = current
        let now = clock.now()
        next.deletedAt = deleted ? now : nil
        let edits = [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)]
        let (policy, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                               edits: edits, noun: "SLA policy", version: \.version) {
            try await store.updatePolicy(next, expectedVersion: version ?? current.version, edits: edits, actor: Actor(viewer), at: now)
        }
        return PolicyOutcome(policy: policy, userErrors: errors)
    }

    func apply(_ changes: PolicyChanges, to start: SlaPolicy, _ errors: inout Errors) async throws -> SlaPolicy {
        var policy = start
        if let name = changes.name {
            policy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if policy.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
        }
        if case .set(let description) = changes.description { policy.description = PipelineService.trimmed(description) }
        if let calendarID = changes.calendarID {
            if try await store.calendars(ids: [calendarID]).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["calendarId"], "No such working calendar.", "NOT_FOUND")
            }
            policy.calendarID = calendarID
        }
        if let targets = changes.targets {
            var seen = Set<TaskItem.Priority>()
            for (i, target) in targets.enumerated() {
                if !seen.insert(target.priority).inserted { errors.add(["targets", String(i), "priority"], "One target per priority.", "INVALID") }
                for (name, minutes) in [("firstResponseMinutes", target.firstResponseMinutes), ("nextResponseMinutes", target.nextResponseMinutes),
                                        ("resolutionMinutes", target.resolutionMinutes)] {
                    if let minutes, minutes < 1 || minutes > 525_600 {
                        errors.add(["targets", String(i), name], "A target is 1 minute to a year of business minutes.", "OUT_OF_RANGE")
                    }
                }
            }
            policy.targets = targets
        }
        if let leads = changes.warningLeadMinutes {
            if leads.contains(where: { $0 < 1 || $0 > 10_080 }) {
                errors.add(["warningLeadMinutes"], "Warnings come 1 minute to a week before a deadline.", "OUT_OF_RANGE")
            }
            policy.warningLeadMinutes = Array(Set(leads)).sorted(by: >)
        }
        return policy
    }

    static func policyEdits(_ a: SlaPolicy, _ b: SlaPolicy) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        if a.name != b.name { edits.append(FieldEdit("name", old: FieldEdit.json(a.name), new: FieldEdit.json(b.name))) }
        if a.description != b.description { edits.append(FieldEdit("description", old: FieldEdit.json(a.description), new: FieldEdit.json(b.description))) }
        if a.isDefault != b.isDefault { edits.append(FieldEdit("isDefault", old: "\(a.isDefault)", new: "\(b.isDefault)")) }
        if a.calendarID != b.calendarID { edits.append(FieldEdit("calendarId", old: "\(a.calendarID)", new: "\(b.calendarID)")) }
        if a.targets != b.targets { edits.append(FieldEdit("targets", old: SupportJSON.targets(a.targets), new: SupportJSON.targets(b.targets))) }
        if a.warningLeadMinutes != b.warningLeadMinutes {
            edits.append(FieldEdit("warningLeadMinutes", old: SupportJSON.ints(a.warningLeadMinutes), new: SupportJSON.ints(b.warningLeadMinutes)))
        }
        return edits
    }
}

/// The stored (and historical) JSON of calendars and policies.
public enum SupportJSON {
    public static func week(_ week: [[WorkInterval]]) -> String {
        "[" + week.map(intervals).joined(separator: ",") + "]"
    }

    public static func intervals(_ intervals: [WorkInterval]) -> String {
        "[" + intervals.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]"
    }

    public static func specialDays(_ days: [SpecialDay]) -> String {
        "[" + days.map { d in
            "{\"date\":\(FieldEdit.jsonString(d.date)),\"name\":\(FieldEdit.json(d.name) ?? "null"),\"kind\":\"\(d.kind.rawValue)\",\"intervals\":\(intervals(d.intervals))}"
        }.joined(separator: ",") + "]"
    }

    public static func targets(_ targets: [SlaTarget]) -> String {
        func n(_ v: Int?) -> String { v.map(String.init) ?? "null" }
        return "[" + targets.map { t in
            "{\"priority\":\"\(t.priority.rawValue)\",\"firstResponseMinutes\":\(n(t.firstResponseMinutes)),\"nextResponseMinutes\":\(n(t.nextResponseMinutes)),\"resolutionMinutes\":\(n(t.resolutionMinutes))}"
        }.joined(separator: ",") + "]"
    }

    public static func ints(_ values: [Int]) -> String { "[" + values.map(String.init).joined(separator: ",") + "]" }
}
