import CRM
import Foundation
import Testing

/// The alarm timer queue's schedule: warnings at the instants that leave each lead time of
/// business minutes, breaches at the due time, and the backward count over split shifts and
/// holidays it rests on.
@Suite struct AlarmScheduleTests {
    static let office = BusinessHoursTests.office
    static func at(_ text: String) -> Date { RFC3339.parse(text)! }

    @Test func subtractsWorkingTimeBackwardsOverBreaksAndHolidays() {
        let hours = BusinessHours(Self.office)
        #expect(hours.subtracting(minutes: 30, from: Self.at("2026-01-01T12:30:00+03:00")) == Self.at("2026-01-01T12:00:00+03:00"))
        // Back across the lunch break.
        #expect(hours.subtracting(minutes: 90, from: Self.at("2026-01-01T14:30:00+03:00")) == Self.at("2026-01-01T12:00:00+03:00"))
        // Monday 10:00 back 240 minutes: 60 on Monday, Sunday off, Saturday's transferred 10:00–12:00, the holiday Friday, Thursday's last hour.
        #expect(hours.subtracting(minutes: 240, from: Self.at("2026-01-05T10:00:00+03:00")) == Self.at("2026-01-01T17:00:00+03:00"))
        #expect(hours.subtracting(minutes: 0, from: Self.at("2026-01-05T10:00:00+03:00")) == Self.at("2026-01-05T10:00:00+03:00"))
        // It undoes `adding` wherever a deadline can fall.
        let start = Self.at("2026-01-01T16:10:00+03:00")
        for minutes in [1, 50, 119, 120, 121, 500] {
            let due = hours.adding(minutes: minutes, to: start)!
            #expect(hours.subtracting(minutes: minutes, from: due)! >= start)
            #expect(hours.minutes(from: hours.subtracting(minutes: minutes, from: due)!, to: due) == minutes)
        }
    }

    static func deadline(_ id: Int64, due: String) -> RunningDeadline {
        RunningDeadline(deadline: SlaDeadline(id: id, metric: .firstResponse, state: .running, targetMinutes: 60,
                                              startedAt: at("2026-01-05T09:00:00+03:00"), runningSince: at("2026-01-05T09:00:00+03:00"),
                                              consumedMinutes: 0, dueAt: at(due)),
                        inquiryID: 70 + id, slaPolicyID: 5)
    }

    static let policy = SlaPolicy(id: 5, name: "Office", calendarID: 3, targets: [], warningLeadMinutes: [15, 5, 15])
    static var calendar: WorkingCalendar {
        var calendar = office
        calendar.id = 3
        return calendar
    }

    @Test func warnsAtEachLeadInBusinessMinutesThenBreaches() {
        let now = Self.at("2026-01-05T13:50:00+03:00")
        // Due at 14:10: 15 business minutes before it is 12:55 (the lunch break does not count), 5 minutes before 14:05.
        let alarms = AlarmService.alarms(running: [Self.deadline(1, due: "2026-01-05T14:10:00+03:00")], policies: [Self.policy],
                                         calendars: [Self.calendar], tasks: [], now: now)
        #expect(alarms.map(\.at) == [Self.at("2026-01-05T12:55:00+03:00"), Self.at("2026-01-05T14:05:00+03:00"), Self.at("2026-01-05T14:10:00+03:00")])
        #expect(alarms.map(\.kind) == [.slaWarning, .slaWarning, .slaBreached])
        #expect(alarms.map(\.key) == ["sla:1:warn:15:2026-01-05T11:10:00.000Z", "sla:1:warn:5:2026-01-05T11:10:00.000Z", "sla:1:breach"])
        #expect(alarms.allSatisfy { $0.deadlineDue == Self.at("2026-01-05T14:10:00+03:00") && $0.recordID == 1 })
        #expect(alarms[0].detail.contains(#""inquiry":71"#) && alarms[0].detail.contains(#""lead":15"#))
    }

    @Test func aMovedDeadlineWarnsAgainButBreachesOnce() {
        let now = Self.at("2026-01-05T10:45:00+03:00")
        let before = AlarmService.alarms(running: [Self.deadline(1, due: "2026-01-05T11:00:00+03:00")], policies: [Self.policy],
                                         calendars: [Self.calendar], tasks: [], now: now)
        let after = AlarmService.alarms(running: [Self.deadline(1, due: "2026-01-05T11:30:00+03:00")], policies: [Self.policy],
                                        calendars: [Self.calendar], tasks: [], now: now)
        #expect(Set(before.filter { $0.kind == .slaWarning }.map(\.key)).isDisjoint(with: after.filter { $0.kind == .slaWarning }.map(\.key)))
        #expect(before.last?.key == after.last?.key)
    }

    @Test func aPassedDeadlineOnlyBreachesAndFarOnesWait() {
        let now = Self.at("2026-01-05T12:00:00+03:00")
        let alarms = AlarmService.alarms(running: [Self.deadline(1, due: "2026-01-05T11:00:00+03:00"), Self.deadline(2, due: "2026-01-09T11:00:00+03:00")],
                                         policies: [Self.policy], calendars: [Self.calendar], tasks: [], now: now)
        // The first passed while the server was down: its breach fires at once; the second is days ahead, past the horizon.
        #expect(alarms.map(\.key) == ["sla:1:breach"])
    }

    @Test func taskMomentsAreQueuedInOrder() {
        let now = Self.at("2026-01-05T12:00:00+03:00")
        let alarms = AlarmService.alarms(running: [], policies: [], calendars: [],
                                         tasks: [TaskMoment(taskID: 9, reason: .due, at: Self.at("2026-01-05T12:30:00+03:00")),
                                                 TaskMoment(taskID: 9, reason: .reminder, at: Self.at("2026-01-05T12:10:00+03:00"))], now: now)
        #expect(alarms.map(\.key) == ["task:9:reminder:2026-01-05T09:10:00.000Z", "task:9:due:2026-01-05T09:30:00.000Z"])
        #expect(alarms.allSatisfy { $0.deadlineDue == nil && $0.kind == .taskDue })
    }
}
