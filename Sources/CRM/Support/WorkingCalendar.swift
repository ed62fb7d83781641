import Foundation

/// A span of working time within a day, in minutes after midnight: `start` inclusive, `end`
/// exclusive (1440 for midnight).
public struct WorkInterval: Equatable, Hashable, Sendable {
    public let start: Int
    public let end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// `HH:MM`, from `00:00` to `24:00`; nil when it is not one.
    public static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else { return nil }
        return h * 60 + m
    }

    /// `HH:MM` of a minute of the day.
    public static func text(_ minute: Int) -> String {
        String(format: "%02d:%02d", minute / 60, minute % 60)
    }
}

/// A date on which the weekly schedule does not apply: a holiday, or a working day with its own
/// hours (a transferred working Saturday, a shortened pre-holiday day).
public struct SpecialDay: Equatable, Sendable {
    public enum Kind: String, Sendable { case holiday, working }

    /// `YYYY-MM-DD`.
    public var date: String
    public var name: String?
    public var kind: Kind
    public var intervals: [WorkInterval]

    public init(date: String, name: String? = nil, kind: Kind, intervals: [WorkInterval] = []) {
        self.date = date
        self.name = name
        self.kind = kind
        self.intervals = intervals
    }
}

/// Business hours: a weekly schedule (Monday first, several intervals a day for split shifts) in
/// a time zone, with special days. SLA targets count in these hours.
public struct WorkingCalendar: Equatable, Sendable {
    public var id: Int64
    public var name: String
    /// IANA time zone.
    public var timeZone: String
    public var isDefault: Bool
    /// Seven days, Monday first; an empty day is a day off.
    public var week: [[WorkInterval]]
    /// In date order.
    public var specialDays: [SpecialDay]
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, timeZone: String, isDefault: Bool = false, week: [[WorkInterval]],
                specialDays: [SpecialDay] = [], createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil,
                version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.isDefault = isDefault
        self.week = week
        self.specialDays = specialDays
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}
