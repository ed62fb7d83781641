import CRM
import Foundation
import Testing

/// Business hours: deadlines and elapsed working time over split shifts, weekends, holidays,
/// transferred working days, midnight-crossing nights and daylight-saving changes.
@Suite struct BusinessHoursTests {
    /// Moscow, Monday to Friday 09:00–13:00 and 14:00–18:00 (a split shift), weekends off.
    static let office = WorkingCalendar(
        name: "Moscow office", timeZone: "Europe/Moscow",
        week: Array(repeating: [WorkInterval(start: 540, end: 780), WorkInterval(start: 840, end: 1080)], count: 5) + [[], []],
        specialDays: [SpecialDay(date: "2026-01-02", name: "New Year", kind: .holiday),
                      SpecialDay(date: "2026-01-03", name: "Working Saturday", kind: .working, intervals: [WorkInterval(start: 600, end: 720)])])

    static func at(_ text: String) -> Date { RFC3339.parse(text)! }

    @Test func addsWithinADayAcrossTheLunchBreak() {
        let hours = BusinessHours(Self.office)
        // Thursday 2026-01-01 is a working day here (no special day given for it).
        #expect(hours.adding(minutes: 30, to: Self.at("2026-01-01T12:00:00+03:00")) == Self.at("2026-01-01T12:30:00+03:00"))
        #expect(hours.adding(minutes: 90, to: Self.at("2026-01-01T12:00:00+03:00")) == Self.at("2026-01-01T14:30:00+03:00"))
        // Before opening, the clock starts at 09:00.
        #expect(hours.adding(minutes: 15, to: Self.at("2026-01-01T06:00:00+03:00")) == Self.at("2026-01-01T09:15:00+03:00"))
        // During the lunch break even a zero target waits for the afternoon shift.
        #expect(hours.adding(minutes: 0, to: Self.at("2026-01-01T13:30:00+03:00")) == Self.at("2026-01-01T14:00:00+03:00"))
    }

    @Test func skipsHolidaysAndUsesTransferredWorkingDays() {
        let hours = BusinessHours(Self.office)
        // Thursday 17:00 + 120 min: 60 on Thursday, Friday the 2nd is a holiday, Saturday the 3rd works 10:00–12:00.
        #expect(hours.adding(minutes: 120, to: Self.at("2026-01-01T17:00:00+03:00")) == Self.at("2026-01-03T11:00:00+03:00"))
        // Past Saturday's two hours, Sunday is off, Monday the 5th opens at 09:00.
        #expect(hours.adding(minutes: 240, to: Self.at("2026-01-01T17:00:00+03:00")) == Self.at("2026-01-05T10:00:00+03:00"))
        #expect(hours.minutes(from: Self.at("2026-01-01T17:00:00+03:00"), to: Self.at("2026-01-05T10:00:00+03:00")) == 240)
    }

    @Test func countsWorkingMinutesBetweenMoments() {
        let hours = BusinessHours(Self.office)
        #expect(hours.minutes(from: Self.at("2026-01-05T08:00:00+03:00"), to: Self.at("2026-01-05T19:00:00+03:00")) == 480)
        #expect(hours.minutes(from: Self.at("2026-01-05T12:30:00+03:00"), to: Self.at("2026-01-05T14:30:00+03:00")) == 60)
        #expect(hours.minutes(from: Self.at("2026-01-10T00:00:00+03:00"), to: Self.at("2026-01-12T00:00:00+03:00")) == 0)
        #expect(hours.minutes(from: Self.at("2026-01-05T14:00:00+03:00"), to: Self.at("2026-01-05T13:00:00+03:00")) == 0)
    }

    @Test func followsDaylightSavingTimeOfTheZone() {
        // Berlin, every day 08:00–20:00; on 2026-03-29 clocks go from 02:00 to 03:00.
        let berlin = WorkingCalendar(name: "Berlin", timeZone: "Europe/Berlin", week: Array(repeating: [WorkInterval(start: 480, end: 1200)], count: 7))
        let hours = BusinessHours(berlin)
        #expect(hours.adding(minutes: 60, to: Self.at("2026-03-28T19:30:00+01:00")) == Self.at("2026-03-29T08:30:00+02:00"))
        #expect(hours.minutes(from: Self.at("2026-03-28T00:00:00+01:00"), to: Self.at("2026-03-30T00:00:00+02:00")) == 1440)
    }

    @Test func aRoundTheClockCalendarAndOneWithoutWorkingTime() {
        let always = WorkingCalendar(name: "24/7", timeZone: "UTC", week: Array(repeating: [WorkInterval(start: 0, end: 1440)], count: 7))
        #expect(BusinessHours(always).adding(minutes: 3 * 1440 + 5, to: Self.at("2026-01-01T23:00:00Z")) == Self.at("2026-01-04T23:05:00Z"))
        let never = WorkingCalendar(name: "Closed", timeZone: "UTC", week: Array(repeating: [], count: 7))
        #expect(BusinessHours(never).adding(minutes: 1, to: Self.at("2026-01-01T00:00:00Z")) == nil)
    }

    @Test func readsAndWritesClockTimes() {
        #expect(WorkInterval.minute("09:30") == 570 && WorkInterval.minute("24:00") == 1440 && WorkInterval.minute("00:00") == 0)
        #expect(WorkInterval.minute("24:01") == nil && WorkInterval.minute("9:30") == nil && WorkInterval.minute("12:60") == nil)
        #expect(WorkInterval.text(570) == "09:30" && WorkInterval.text(1440) == "24:00")
    }
}
