import Foundation

/// Counting time in a working calendar's business hours: a deadline `minutes` of working time
/// after a moment, and the working minutes between two moments. Days are the calendar's local
/// days (daylight-saving changes included); a special day replaces its weekday's hours.
public struct BusinessHours: Sendable {
    let zone: TimeZone
    let calendar: Calendar
    let week: [[WorkInterval]]
    let special: [String: SpecialDay]

    /// How far ahead a deadline is looked for before giving up (a calendar with no working time).
    static let horizonDays = 3_660

    public init(_ working: WorkingCalendar) {
        zone = TimeZone(identifier: working.timeZone) ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        self.calendar = calendar
        week = working.week.count == 7 ? working.week : Array(repeating: [], count: 7)
        special = Dictionary(working.specialDays.map { ($0.date, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// The working intervals of a local day, as moments.
    func spans(onDayOf start: Date) -> (day: Date, spans: [(Date, Date)]) {
        let day = calendar.startOfDay(for: start)
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
        let key = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        let intervals: [WorkInterval]
        if let special = special[key] {
            intervals = special.kind == .holiday ? [] : special.intervals
        } else {
            // Calendar weekdays are 1 = Sunday … 7 = Saturday; the week is Monday first.
            intervals = week[((parts.weekday ?? 2) + 5) % 7]
        }
        let spans = intervals.compactMap { interval -> (Date, Date)? in
            guard let from = moment(parts, interval.start), let to = moment(parts, interval.end), from < to else { return nil }
            return (from, to)
        }
        return (day, spans)
    }

    private func moment(_ day: DateComponents, _ minute: Int) -> Date? {
        var c = DateComponents()
        c.year = day.year
        c.month = day.month
        c.day = day.day
        c.hour = 0
        c.minute = 0
        guard let midnight = calendar.date(from: c) else { return nil }
        if minute >= 1440 { return calendar.date(byAdding: .day, value: 1, to: midnight) }
        return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: midnight)
    }

    /// The moment `minutes` of working time after `start`; nil when the calendar has no working
    /// time within ten years.
    public func adding(minutes: Int, to start: Date) -> Date? {
        var remaining = Double(max(0, minutes)) * 60
        var cursor = start
        for _ in 0..<Self.horizonDays {
            let (day, spans) = self.spans(onDayOf: cursor)
            for (from, to) in spans where to > cursor {
                let begin = max(from, cursor)
                let available = to.timeIntervalSince(begin)
                if remaining <= available { return begin.addingTimeInterval(remaining) }
                remaining -= available
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
            cursor = next
        }
        return nil
    }

    /// The moment `minutes` of working time before `end` (the instant a deadline has that much
    /// working time left); nil when the calendar has no working time within ten years before it.
    public func subtracting(minutes: Int, from end: Date) -> Date? {
        var remaining = Double(max(0, minutes)) * 60
        if remaining == 0 { return end }
        var cursor = end
        var probe = end  // a moment of the day being looked at
        for _ in 0..<Self.horizonDays {
            let (day, spans) = self.spans(onDayOf: probe)
            for (from, to) in spans.reversed() where from < cursor {
                let finish = min(to, cursor)
                let available = finish.timeIntervalSince(from)
                if remaining <= available { return finish.addingTimeInterval(-remaining) }
                remaining -= available
            }
            cursor = day
            probe = day.addingTimeInterval(-1)
        }
        return nil
    }

    /// The working minutes between two moments (0 when `end` is not after `start`), rounded to
    /// the nearest minute (so short stretches, added up, do not vanish).
    public func minutes(from start: Date, to end: Date) -> Int {
        guard end > start else { return 0 }
        var total = 0.0
        var cursor = start
        while cursor < end {
            let (day, spans) = self.spans(onDayOf: cursor)
            for (from, to) in spans {
                let a = max(from, cursor), b = min(to, end)
                if b > a { total += b.timeIntervalSince(a) }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            cursor = next
        }
        return Int((total / 60).rounded())
    }
}
