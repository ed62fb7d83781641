import CRM
import Foundation
import Testing

/// The SLA clock of an inquiry over a split-shift office calendar: deadlines start, pause while
/// waiting for the client, resume with the minutes left, are met or missed, count again after
/// reopening, and move with a new target.
@Suite struct SlaClockTests {
    static let hours = BusinessHours(BusinessHoursTests.office)
    static func at(_ text: String) -> Date { RFC3339.parse(text)! }
    static let target = SlaTarget(priority: .normal, firstResponseMinutes: 60, resolutionMinutes: 480)

    @Test func startsFirstResponseAndResolutionInBusinessHours() {
        let deadlines = SlaClock.start(Self.target, at: Self.at("2026-01-05T17:30:00+03:00"), hours: Self.hours)
        #expect(deadlines.map(\.metric) == [.firstResponse, .resolution])
        // 30 minutes on Monday evening, 30 on Tuesday morning.
        #expect(deadlines[0].dueAt == Self.at("2026-01-06T09:30:00+03:00"))
        // 480 minutes: 30 on Monday, then 450 of Tuesday (09–13, 14–17:30).
        #expect(deadlines[1].dueAt == Self.at("2026-01-06T17:30:00+03:00"))
        #expect(SlaClock.start(SlaTarget(priority: .low), at: Self.at("2026-01-05T10:00:00+03:00"), hours: Self.hours).isEmpty)
    }

    @Test func waitingForTheClientPausesTheClock() {
        var deadlines = SlaClock.start(Self.target, at: Self.at("2026-01-05T10:00:00+03:00"), hours: Self.hours)
        deadlines = SlaClock.pause(deadlines, at: Self.at("2026-01-05T11:00:00+03:00"), hours: Self.hours)
        #expect(deadlines.allSatisfy { $0.state == .paused && $0.dueAt == nil })
        #expect(deadlines[1].consumedMinutes == 60 && deadlines[1].remainingMinutes(now: Self.at("2026-01-07T10:00:00+03:00"), hours: Self.hours) == 420)
        // Two days later the client answers: 420 minutes left from Wednesday 10:00.
        deadlines = SlaClock.resume(deadlines, at: Self.at("2026-01-07T10:00:00+03:00"), hours: Self.hours)
        #expect(deadlines[1].state == .running && deadlines[1].dueAt == Self.at("2026-01-07T18:00:00+03:00"))
    }

    @Test func aResponseInTimeMeetsAndALateOneMisses() {
        let deadlines = SlaClock.start(Self.target, at: Self.at("2026-01-05T10:00:00+03:00"), hours: Self.hours)
        let inTime = SlaClock.meet(deadlines, [.firstResponse], at: Self.at("2026-01-05T10:45:00+03:00"), hours: Self.hours)
        #expect(inTime[0].state == .met && inTime[0].metAt == Self.at("2026-01-05T10:45:00+03:00") && inTime[1].state == .running)
        let late = SlaClock.meet(deadlines, [.firstResponse], at: Self.at("2026-01-05T12:00:00+03:00"), hours: Self.hours)
        #expect(late[0].state == .missed && late[0].missedAt == Self.at("2026-01-05T11:00:00+03:00"))
        // Unanswered, a deadline reads as missed once its time has passed.
        #expect(deadlines[0].current(now: Self.at("2026-01-05T11:00:01+03:00")).state == .missed)
        #expect(deadlines[0].remainingMinutes(now: Self.at("2026-01-05T12:00:00+03:00"), hours: Self.hours) == -60)
    }

    @Test func reopeningCountsTheRestAndANewTargetMovesTheDeadline() {
        var deadlines = SlaClock.start(Self.target, at: Self.at("2026-01-05T10:00:00+03:00"), hours: Self.hours)
        deadlines = SlaClock.meet(deadlines, [.firstResponse, .resolution], at: Self.at("2026-01-05T12:00:00+03:00"), hours: Self.hours)
        #expect(deadlines[1].state == .met && deadlines[1].consumedMinutes == 120)
        // 360 minutes left from Tuesday 09:00: the morning, then two hours after lunch.
        deadlines = SlaClock.reopen(deadlines, at: Self.at("2026-01-06T09:00:00+03:00"), hours: Self.hours)
        #expect(deadlines[1].state == .running && deadlines[1].dueAt == Self.at("2026-01-06T16:00:00+03:00"))
        let urgent = SlaTarget(priority: .urgent, firstResponseMinutes: 15, resolutionMinutes: 180)
        let moved = SlaClock.retarget(deadlines, urgent, at: Self.at("2026-01-06T09:30:00+03:00"), hours: Self.hours, responded: true)
        #expect(moved.map(\.metric) == [.firstResponse, .resolution])
        #expect(moved[0].state == .missed || moved[0].state == .met)
        // 180 minus the 120 used before: an hour after reopening.
        #expect(moved[1].targetMinutes == 180 && moved[1].dueAt == Self.at("2026-01-06T10:00:00+03:00"))
    }

    @Test func reportsAverageAndNinetiethPercentileTimes() {
        let start = Self.at("2026-01-05T10:00:00+03:00")
        func inquiry(_ i: Int) -> Inquiry {
            let origin: Inquiry.Origin = i % 2 == 0 ? .email : .phone
            let rejected = i == 10
            let responded = start.addingTimeInterval(Double(i) * 60)
            let resolved = start.addingTimeInterval(Double(i) * 3_600)
            return Inquiry(id: Int64(i), fields: InquiryFields(subject: "S", origin: origin), status: rejected ? .closed : .resolved,
                           rejectionReason: rejected ? "Спам" : nil, firstRespondedAt: responded, waitingSince: nil, resolvedAt: resolved,
                           closedAt: nil, deadlines: [], createdAt: start, updatedAt: start, createdBy: nil, version: 1, deletedAt: nil)
        }
        let inquiries = (1...10).map(inquiry)
        let stats = InquiryStats(inquiries, now: start.addingTimeInterval(86_400))
        #expect(stats.total == 10 && stats.rejected == 1 && stats.rejectionReasons.first?.reason == "Спам")
        #expect(stats.firstResponse.count == 10 && stats.firstResponse.averageSeconds == 330 && stats.firstResponse.p90Seconds == 540)
        // The rejected one is closed, not resolved: nine resolution times, the 90th percentile the 9th.
        #expect(stats.resolution.count == 9 && stats.resolution.p90Seconds == 9 * 3_600)
        #expect(stats.byOrigin.map { $0.count } == [5, 5])
    }

    @Test func theClientWritingAgainStartsTheNextResponseOnce() {
        let target = SlaTarget(priority: .normal, firstResponseMinutes: 60, nextResponseMinutes: 30, resolutionMinutes: 480)
        let start = Self.at("2026-01-05T10:00:00+03:00")
        var deadlines = SlaClock.start(target, at: start, hours: Self.hours)
        deadlines = SlaClock.awaitNextResponse(deadlines, target, at: Self.at("2026-01-05T11:00:00+03:00"), hours: Self.hours, waiting: false)
        let next = deadlines.first { $0.metric == .nextResponse }
        #expect(next?.state == .running && next?.dueAt == Self.at("2026-01-05T11:30:00+03:00"))
        // A second message while it counts changes nothing: the first unanswered one sets the time.
        #expect(SlaClock.awaitNextResponse(deadlines, target, at: Self.at("2026-01-05T11:10:00+03:00"), hours: Self.hours, waiting: false) == deadlines)
        // Answered, then the client writes again after lunch: a new 30 minutes in business hours.
        deadlines = SlaClock.meet(deadlines, [.nextResponse], at: Self.at("2026-01-05T11:20:00+03:00"), hours: Self.hours)
        #expect(deadlines.first { $0.metric == .nextResponse }?.state == .met)
        deadlines = SlaClock.awaitNextResponse(deadlines, target, at: Self.at("2026-01-05T12:50:00+03:00"), hours: Self.hours, waiting: false)
        #expect(deadlines.filter { $0.metric == .nextResponse }.count == 1)
        #expect(deadlines.first { $0.metric == .nextResponse }?.dueAt == Self.at("2026-01-05T14:20:00+03:00"))
        // No target for it: nothing starts.
        #expect(SlaClock.awaitNextResponse([], Self.target, at: start, hours: Self.hours, waiting: false).isEmpty)
    }
}
