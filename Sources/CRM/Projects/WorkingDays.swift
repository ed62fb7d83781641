/// Whole-day arithmetic over a working calendar, for project plans whose durations and lags count
/// in working days. Days are day numbers: days since 1970-01-01 in the proleptic Gregorian
/// calendar (calendar dates, so no time zone is involved).
///
/// A day is a working day when it has at least one working interval: a special day replaces its
/// weekday, a holiday has none. A calendar whose week has no working day at all could never fit a
/// duration, so its week counts as working every day (its special days still apply).
///
/// Working days are counted with whole weeks plus a correction for the special days before a day
/// (a binary search), never by walking day by day; finding a day from a count bisects over those.
public struct WorkingDays: Sendable {
    /// Monday first.
    private let week: [Bool]
    /// `weekPrefix[r]`: working days among day numbers `0..<r` (day 0 is a Thursday), `r` in 0...7.
    private let weekPrefix: [Int]
    /// Special days by day number, ascending, and whether each is a working day.
    private let specialDays: [Int]
    private let specialWorking: [Bool]
    /// `shift[j]`: how many more working days the first `j` special days make than their weekdays
    /// would (negative for holidays on working weekdays).
    private let shift: [Int]

    public init(calendar: WorkingCalendar) {
        let weekly = calendar.week.count == 7 ? calendar.week.map(Self.hasWork) : Array(repeating: false, count: 7)
        week = weekly.contains(true) ? weekly : Array(repeating: true, count: 7)
        var prefix = [0]
        for r in 0..<7 { prefix.append(prefix[r] + (week[Self.weekday(r)] ? 1 : 0)) }
        weekPrefix = prefix
        var byDay: [Int: Bool] = [:]
        for special in calendar.specialDays {
            guard let day = Self.dayNumber(special.date) else { continue }
            byDay[day] = special.kind == .working && Self.hasWork(special.intervals)
        }
        let days = byDay.keys.sorted()
        specialDays = days
        specialWorking = days.map { byDay[$0]! }
        var shift = [0]
        for day in days { shift.append(shift[shift.count - 1] + (byDay[day]! ? 1 : 0) - (week[Self.weekday(day)] ? 1 : 0)) }
        self.shift = shift
    }

    private static func hasWork(_ intervals: [WorkInterval]) -> Bool {
        intervals.contains { $0.end > $0.start }
    }

    /// Whether `day` is a working day.
    public func isWorking(_ day: Int) -> Bool {
        let j = specialIndex(day)
        return j < specialDays.count && specialDays[j] == day ? specialWorking[j] : week[Self.weekday(day)]
    }

    /// `day` itself when it is a working day, otherwise the first working day after it.
    public func nextWorkingDay(onOrAfter day: Int) -> Int {
        self.day(ordinal: ordinal(of: day))
    }

    /// The working day `n` working days after `day` (before it when `n` is negative); a day off is
    /// first moved to the next working day, so `adding(workingDays: 0, to:)` is
    /// `nextWorkingDay(onOrAfter:)`.
    public func adding(workingDays n: Int, to day: Int) -> Int {
        self.day(ordinal: ordinal(of: day) + n)
    }

    /// The number of working days from `start` to `end`, both included; 0 when `end` is before
    /// `start`.
    public func workingDays(from start: Int, to end: Int) -> Int {
        max(0, ordinal(of: end + 1) - ordinal(of: start))
    }

    /// The ordinal of `day`: consecutive working days have consecutive ordinals, and a day off has
    /// the ordinal of the next working day. Only differences between ordinals mean anything.
    func ordinal(of day: Int) -> Int {
        let (weeks, rest) = Self.floorDivMod(day, 7)
        return weeks * weekPrefix[7] + weekPrefix[rest] + shift[specialIndex(day)]
    }

    /// The working day with ordinal `k`: the first day whose next day's ordinal exceeds `k`.
    func day(ordinal k: Int) -> Int {
        // Bracket the answer in (low, high], galloping out from an estimate, then bisect.
        var low = Self.floorDivMod(k * 7, weekPrefix[7]).0
        var step = 7
        while ordinal(of: low + 1) > k { low -= step; step *= 2 }
        var high = low + 7
        step = 7
        while ordinal(of: high + 1) <= k { high += step; step *= 2 }
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if ordinal(of: middle + 1) > k { high = middle } else { low = middle }
        }
        return high
    }

    /// The number of special days before `day`.
    private func specialIndex(_ day: Int) -> Int {
        var low = 0, high = specialDays.count
        while low < high {
            let middle = (low + high) / 2
            if specialDays[middle] < day { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Monday-first weekday (0 = Monday) of a day number; day 0, 1970-01-01, was a Thursday.
    private static func weekday(_ day: Int) -> Int {
        floorDivMod(day + 3, 7).1
    }

    static func floorDivMod(_ a: Int, _ b: Int) -> (Int, Int) {
        let r = a % b
        return r < 0 ? (a / b - 1, r + b) : (a / b, r)
    }
}

extension WorkingDays {
    /// Days from 0001-01-01 to 1970-01-01.
    private static let epoch = 719_162
    /// Days before each month in a common year.
    private static let monthStarts = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]

    private static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days from 0001-01-01 to January 1 of `year`.
    private static func daysBefore(year: Int) -> Int {
        let y = year - 1
        return 365 * y + floorDivMod(y, 4).0 - floorDivMod(y, 100).0 + floorDivMod(y, 400).0
    }

    /// Days in the year before the first of `month` (1–12).
    private static func daysBefore(month: Int, leap: Bool) -> Int {
        monthStarts[month - 1] + (leap && month > 2 ? 1 : 0)
    }

    /// The day number of a `YYYY-MM-DD` date; nil when the text is not a real date.
    public static func dayNumber(_ date: String) -> Int? {
        let b = Array(date.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), (1...12).contains(month) else { return nil }
        let leap = isLeap(year)
        guard day >= 1, day <= daysBefore(month: month + 1, leap: leap) - daysBefore(month: month, leap: leap) else { return nil }
        return daysBefore(year: year) + daysBefore(month: month, leap: leap) + day - 1 - epoch
    }

    /// The `YYYY-MM-DD` date of a day number.
    public static func date(_ dayNumber: Int) -> String {
        let days = dayNumber + epoch
        var year = floorDivMod(days * 400, 146_097).0 + 1
        while daysBefore(year: year) > days { year -= 1 }
        while daysBefore(year: year + 1) <= days { year += 1 }
        let dayOfYear = days - daysBefore(year: year)
        let leap = isLeap(year)
        var month = 1
        while month < 12 && daysBefore(month: month + 1, leap: leap) <= dayOfYear { month += 1 }
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfYear - daysBefore(month: month, leap: leap) + 1, 2))"
    }
}
