import Foundation

/// Calendar dates without time of day, written `YYYY-MM-DD` (birthdays, expected close dates, due
/// dates); they sort as text.
public enum CalendarDate {
    /// Whether `text` is a real calendar date written `YYYY-MM-DD` (no 31 February).
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 10 && RFC3339.parse(text + "T00:00:00Z") != nil
    }
}

extension CalendarDate {
    /// The calendar day of `now` in `timeZone`, `YYYY-MM-DD`.
    public static func today(now: Date, timeZone: TimeZone) -> String {
        day(of: now, in: timeZone)
    }

    /// The calendar day a moment falls on in `timeZone`.
    public static func day(of date: Date, in timeZone: TimeZone) -> String {
        let local = date.addingTimeInterval(Double(timeZone.secondsFromGMT(for: date)))
        return String(RFC3339.format(local).prefix(10))
    }
}
