@testable import CRM
import Foundation
import Testing

/// Working-day arithmetic and the project scheduler (critical path method): dependency types with
/// lags and leads, milestones, start-no-earlier-than, float and the critical path, stages, cycles,
/// and a large plan. Plans start on Monday 2026-03-02 in a Monday–Friday 09:00–18:00 calendar.
@Suite struct ProjectScheduleTests {
    static let officeWeek = Array(repeating: [WorkInterval(start: 540, end: 1080)], count: 5) + [[], []]
    static let office = WorkingCalendar(name: "Office", timeZone: "Europe/Moscow", week: officeWeek)
    /// The office with Monday 2026-03-09 off, Saturday 2026-03-14 worked and Saturday 2026-03-21
    /// marked working but without hours (so still off).
    static let holidays = WorkingCalendar(
        name: "Office with holidays", timeZone: "Europe/Moscow", week: officeWeek,
        specialDays: [SpecialDay(date: "2026-03-09", name: "Women's Day (moved)", kind: .holiday),
                      SpecialDay(date: "2026-03-14", name: "Working Saturday", kind: .working, intervals: [WorkInterval(start: 600, end: 900)]),
                      SpecialDay(date: "2026-03-21", kind: .working)])

    static func day(_ text: String) -> Int { WorkingDays.dayNumber(text)! }

    static func task(_ id: Int64, _ name: String, _ days: Int, in parent: Int64? = nil, notBefore: String? = nil) -> ScheduleTask {
        ScheduleTask(id: id, parentId: parent, kind: .task, name: name, durationDays: days, startNoEarlierThan: notBefore)
    }

    static func milestone(_ id: Int64, _ name: String, in parent: Int64? = nil, notBefore: String? = nil) -> ScheduleTask {
        ScheduleTask(id: id, parentId: parent, kind: .milestone, name: name, startNoEarlierThan: notBefore)
    }

    static func stage(_ id: Int64, _ name: String, in parent: Int64? = nil, notBefore: String? = nil) -> ScheduleTask {
        ScheduleTask(id: id, parentId: parent, kind: .stage, name: name, startNoEarlierThan: notBefore)
    }

    static func link(_ from: Int64, _ to: Int64, _ type: ScheduleDependency.Kind = .fs, lag: Int = 0) -> ScheduleDependency {
        ScheduleDependency(predecessorId: from, successorId: to, type: type, lagDays: lag)
    }

    static func schedule(_ tasks: [ScheduleTask], _ links: [ScheduleDependency] = [], from start: String = "2026-03-02",
                         calendar: WorkingCalendar = office) throws -> ProjectSchedule {
        try ProjectSchedule.compute(tasks: tasks, dependencies: links, plannedStart: start, calendar: calendar)
    }

    /// `start…finish` of a row.
    static func span(_ schedule: ProjectSchedule, _ id: Int64) -> String {
        schedule[id].map { "\($0.start)…\($0.finish)" } ?? "missing"
    }

    /// `lateStart…lateFinish` of a row.
    static func late(_ schedule: ProjectSchedule, _ id: Int64) -> String {
        schedule[id].map { "\($0.lateStart)…\($0.lateFinish)" } ?? "missing"
    }

    // MARK: Working days

    @Test func readsAndWritesDayNumbers() {
        #expect(WorkingDays.dayNumber("1970-01-01") == 0 && WorkingDays.dayNumber("1969-12-31") == -1)
        #expect(WorkingDays.dayNumber("2026-03-02") == 20_514)
        #expect(WorkingDays.date(20_514) == "2026-03-02" && WorkingDays.date(-1) == "1969-12-31")
        #expect(WorkingDays.dayNumber("2000-02-29") != nil && WorkingDays.dayNumber("2024-02-29") != nil)
        for bad in ["2026-02-29", "1900-02-29", "2026-13-01", "2026-04-31", "2026-00-10", "2026-3-2", "2026-03-02T00:00", "20260302", "2026-03-0x", ""] {
            #expect(WorkingDays.dayNumber(bad) == nil, "\(bad)")
        }
        // Agrees with Foundation's Gregorian calendar from 1600 to 2200, both ways.
        for day in stride(from: -135_000, through: 84_000, by: 17) {
            let text = String(RFC3339.format(Date(timeIntervalSince1970: Double(day) * 86_400)).prefix(10))
            #expect(WorkingDays.date(day) == text && WorkingDays.dayNumber(text) == day)
        }
    }

    @Test func tellsWorkingDaysFromDaysOff() {
        let days = WorkingDays(calendar: Self.holidays)
        let expected = ["2026-03-06": true, "2026-03-07": false, "2026-03-08": false, "2026-03-09": false, "2026-03-10": true,
                        "2026-03-14": true, "2026-03-15": false, "2026-03-21": false, "2026-03-16": true]
        for (date, working) in expected { #expect(days.isWorking(Self.day(date)) == working, "\(date)") }
        #expect(WorkingDays(calendar: Self.office).isWorking(Self.day("2026-03-09")))
    }

    @Test func movesToTheNextWorkingDay() {
        let days = WorkingDays(calendar: Self.holidays)
        #expect(days.nextWorkingDay(onOrAfter: Self.day("2026-03-06")) == Self.day("2026-03-06"))
        // Saturday, Sunday, then the Monday holiday.
        #expect(days.nextWorkingDay(onOrAfter: Self.day("2026-03-07")) == Self.day("2026-03-10"))
        #expect(days.nextWorkingDay(onOrAfter: Self.day("2026-03-21")) == Self.day("2026-03-23"))
    }

    @Test func addsAndSubtractsWorkingDays() {
        let days = WorkingDays(calendar: Self.holidays)
        func add(_ n: Int, _ date: String) -> String { WorkingDays.date(days.adding(workingDays: n, to: Self.day(date))) }
        #expect(add(1, "2026-03-06") == "2026-03-10")
        // Wednesday, Thursday, Friday, the working Saturday, then Monday.
        #expect(add(5, "2026-03-10") == "2026-03-16")
        #expect(add(-5, "2026-03-16") == "2026-03-10")
        #expect(add(-1, "2026-03-10") == "2026-03-06")
        #expect(add(0, "2026-03-10") == "2026-03-10")
        // A day off moves to the next working day first.
        #expect(add(0, "2026-03-07") == "2026-03-10")
        #expect(add(-1, "2026-03-07") == "2026-03-06")
        #expect(add(1, "2026-03-15") == "2026-03-17")
        // Across years, both ways.
        #expect(add(-10, "2026-01-02") == "2025-12-19" && add(10, "2025-12-19") == "2026-01-02")
    }

    @Test func countsWorkingDaysInARange() {
        let days = WorkingDays(calendar: Self.holidays)
        func count(_ from: String, _ to: String) -> Int { days.workingDays(from: Self.day(from), to: Self.day(to)) }
        // 2–6, then 10–13, the Saturday 14th and Monday 16th.
        #expect(count("2026-03-02", "2026-03-16") == 11)
        #expect(count("2026-03-02", "2026-03-02") == 1)
        #expect(count("2026-03-07", "2026-03-09") == 0)
        #expect(count("2026-03-16", "2026-03-02") == 0)
        #expect(count("2026-03-07", "2026-03-10") == 1)
    }

    @Test func ordinalsNumberWorkingDaysInARow() {
        let days = WorkingDays(calendar: Self.holidays)
        var ordinal = days.ordinal(of: Self.day("2025-12-01"))
        for day in Self.day("2025-12-01")...Self.day("2026-06-30") {
            #expect(days.ordinal(of: day) == ordinal)
            if days.isWorking(day) {
                #expect(days.day(ordinal: ordinal) == day)
                ordinal += 1
            }
        }
    }

    @Test func aCalendarWithoutWorkingWeekdaysWorksEveryDay() {
        let closed = WorkingCalendar(name: "Closed", timeZone: "UTC", week: Array(repeating: [], count: 7),
                                     specialDays: [SpecialDay(date: "2026-03-08", kind: .holiday)])
        let days = WorkingDays(calendar: closed)
        #expect(days.isWorking(Self.day("2026-03-07")) && !days.isWorking(Self.day("2026-03-08")))
        #expect(WorkingDays.date(days.adding(workingDays: 2, to: Self.day("2026-03-06"))) == "2026-03-09")
        let malformed = WorkingCalendar(name: "Malformed", timeZone: "UTC", week: [])
        #expect(WorkingDays(calendar: malformed).workingDays(from: Self.day("2026-03-02"), to: Self.day("2026-03-08")) == 7)
    }

    // MARK: Dependencies

    @Test func finishToStartChainFinishesOnItsLastDay() throws {
        let plan = try Self.schedule([Self.task(1, "Design", 3), Self.task(2, "Build", 5), Self.task(3, "Ship", 2)],
                                     [Self.link(1, 2), Self.link(2, 3)])
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-04")
        // Starts the working day after Wednesday; five days run over the weekend.
        #expect(Self.span(plan, 2) == "2026-03-05…2026-03-11")
        #expect(Self.span(plan, 3) == "2026-03-12…2026-03-13")
        #expect(plan.start == "2026-03-02" && plan.finish == "2026-03-13")
        for id: Int64 in 1...3 {
            let row = try #require(plan[id])
            #expect(row.totalFloat == 0 && row.critical)
            #expect(row.earlyStart == row.start && row.earlyFinish == row.finish)
            #expect(row.lateStart == row.start && row.lateFinish == row.finish)
        }
        #expect(plan[2]?.durationDays == 5)
        #expect(plan.criticalPath == [1, 2, 3])
        #expect(plan.tasks.map(\.id) == [1, 2, 3])
    }

    @Test func finishToStartSkipsHolidaysAndUsesWorkingSaturdays() throws {
        let plan = try Self.schedule([Self.task(1, "Design", 5), Self.task(2, "Build", 6)], [Self.link(1, 2)], calendar: Self.holidays)
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-06")
        // Monday the 9th is off; Saturday the 14th is worked.
        #expect(Self.span(plan, 2) == "2026-03-10…2026-03-16")
    }

    @Test func finishToStartWithLagAndLead() throws {
        let tasks = [Self.task(1, "Design", 3), Self.task(2, "Build", 2)]
        // Two working days (Thursday, Friday) between them.
        #expect(Self.span(try Self.schedule(tasks, [Self.link(1, 2, lag: 2)]), 2) == "2026-03-09…2026-03-10")
        // A one-day lead starts on the predecessor's finish day.
        #expect(Self.span(try Self.schedule(tasks, [Self.link(1, 2, lag: -1)]), 2) == "2026-03-04…2026-03-05")
    }

    @Test func startToStart() throws {
        let lag = try Self.schedule([Self.task(1, "Dig", 5), Self.task(2, "Pour", 2)], [Self.link(1, 2, .ss, lag: 2)])
        #expect(Self.span(lag, 2) == "2026-03-04…2026-03-05")
        let lead = try Self.schedule([Self.task(1, "Dig", 5, notBefore: "2026-03-04"), Self.task(2, "Survey", 2)], [Self.link(1, 2, .ss, lag: -1)])
        #expect(Self.span(lead, 1) == "2026-03-04…2026-03-10")
        #expect(Self.span(lead, 2) == "2026-03-03…2026-03-04")
        // A lead reaching before the project start stops there.
        let clamped = try Self.schedule([Self.task(1, "Dig", 5), Self.task(2, "Survey", 2)], [Self.link(1, 2, .ss, lag: -3)])
        #expect(Self.span(clamped, 2) == "2026-03-02…2026-03-03")
    }

    @Test func finishToFinish() throws {
        let lag = try Self.schedule([Self.task(1, "Write", 5), Self.task(2, "Review", 2)], [Self.link(1, 2, .ff, lag: 1)])
        #expect(Self.span(lag, 2) == "2026-03-06…2026-03-09")
        #expect(lag[1]?.critical == true && lag[2]?.critical == true)
        #expect(lag.finish == "2026-03-09")
        let lead = try Self.schedule([Self.task(1, "Write", 5), Self.task(2, "Review", 2)], [Self.link(1, 2, .ff, lag: -2)])
        #expect(Self.span(lead, 2) == "2026-03-03…2026-03-04")
        // Review could finish as late as Write: two days of float.
        #expect(lead[2]?.totalFloat == 2 && Self.late(lead, 2) == "2026-03-05…2026-03-06")
    }

    @Test func startToFinish() throws {
        let tasks = [Self.task(1, "New system", 3, notBefore: "2026-03-04"), Self.task(2, "Old system", 2)]
        // Finishes the day before the new system starts.
        #expect(Self.span(try Self.schedule(tasks, [Self.link(1, 2, .sf)]), 2) == "2026-03-02…2026-03-03")
        #expect(Self.span(try Self.schedule(tasks, [Self.link(1, 2, .sf, lag: 3)]), 2) == "2026-03-05…2026-03-06")
        let late = try Self.schedule(tasks, [Self.link(1, 2, .sf, lag: 3)])
        #expect(late[2]?.totalFloat == 0 && late[1]?.totalFloat == 0)
    }

    // MARK: Milestones

    @Test func milestoneAfterFinishToStartSitsOnThePredecessorsFinish() throws {
        let plan = try Self.schedule([Self.task(1, "Design", 3), Self.milestone(2, "Design approved"), Self.task(3, "Build", 2)],
                                     [Self.link(1, 2), Self.link(2, 3)])
        #expect(Self.span(plan, 2) == "2026-03-04…2026-03-04")
        #expect(plan[2]?.durationDays == 0 && plan[2]?.critical == true)
        #expect(Self.span(plan, 3) == "2026-03-05…2026-03-06")
        #expect(plan.criticalPath == [1, 2, 3])
    }

    @Test func milestonesPlacedByAStartSitOnThatDay() throws {
        let plan = try Self.schedule([Self.milestone(1, "Kick-off"), Self.task(2, "Work", 2), Self.milestone(3, "Review", notBefore: "2026-03-10"),
                                      Self.task(4, "Fix", 1), Self.task(5, "Pilot", 2, notBefore: "2026-03-04"), Self.milestone(6, "Pilot started"),
                                      ScheduleTask(id: 7, kind: .task, name: "Zero-day task", durationDays: 0)],
                                     [Self.link(1, 2), Self.link(3, 4), Self.link(5, 6, .ss)])
        // At the project start, and a task after it starts the same day.
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-02" && Self.span(plan, 2) == "2026-03-02…2026-03-03")
        #expect(Self.span(plan, 3) == "2026-03-10…2026-03-10" && Self.span(plan, 4) == "2026-03-10…2026-03-10")
        #expect(Self.span(plan, 6) == "2026-03-04…2026-03-04")
        #expect(Self.span(plan, 7) == "2026-03-02…2026-03-02" && plan[7]?.durationDays == 0)
    }

    @Test func milestoneFloatKeepsItsSide() throws {
        let plan = try Self.schedule([Self.task(1, "Design", 3), Self.milestone(2, "Approved"), Self.task(3, "Long", 10)], [Self.link(1, 2)])
        #expect(plan[2]?.totalFloat == 7 && plan[2]?.critical == false)
        // It could wait until the end of the project's last day.
        #expect(Self.late(plan, 2) == "2026-03-13…2026-03-13")
        #expect(Self.late(plan, 1) == "2026-03-11…2026-03-13")
        #expect(plan.criticalPath == [3])
    }

    // MARK: Float and the critical path

    @Test func parallelBranchesHaveFloat() throws {
        let plan = try Self.schedule([Self.milestone(1, "Start"), Self.task(2, "Backend", 5), Self.task(3, "API", 3),
                                      Self.task(4, "Mockups", 2), Self.task(5, "Frontend", 2), Self.milestone(6, "Release")],
                                     [Self.link(1, 2), Self.link(2, 3), Self.link(1, 4), Self.link(4, 5), Self.link(3, 6), Self.link(5, 6)])
        #expect(Self.span(plan, 3) == "2026-03-09…2026-03-11")
        #expect(Self.span(plan, 5) == "2026-03-04…2026-03-05")
        #expect(Self.span(plan, 6) == "2026-03-11…2026-03-11")
        #expect(plan[4]?.totalFloat == 4 && plan[5]?.totalFloat == 4)
        #expect(Self.late(plan, 4) == "2026-03-06…2026-03-09" && Self.late(plan, 5) == "2026-03-10…2026-03-11")
        #expect(plan[1]?.totalFloat == 0 && plan[6]?.totalFloat == 0)
        #expect(plan.criticalPath == [1, 2, 3, 6])
        #expect(plan.finish == "2026-03-11")
    }

    @Test func startNoEarlierThanPushesATaskAndGivesTheOtherBranchFloat() throws {
        let plan = try Self.schedule([Self.task(1, "Prepare", 3), Self.task(2, "Deliver", 2, notBefore: "2026-03-09"), Self.task(3, "Install", 2)],
                                     [Self.link(1, 3), Self.link(2, 3)])
        #expect(Self.span(plan, 2) == "2026-03-09…2026-03-10")
        #expect(Self.span(plan, 3) == "2026-03-11…2026-03-12")
        #expect(plan[1]?.totalFloat == 4 && Self.late(plan, 1) == "2026-03-06…2026-03-10")
        #expect(plan.criticalPath == [2, 3])
        // On a day off it waits for the next working day.
        let weekend = try Self.schedule([Self.task(1, "Deliver", 1, notBefore: "2026-03-07")])
        #expect(Self.span(weekend, 1) == "2026-03-09…2026-03-09")
    }

    @Test func plannedStartOnAWeekendMovesToMonday() throws {
        let plan = try Self.schedule([Self.task(1, "Design", 2)], from: "2026-02-28")
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-03" && plan.start == "2026-03-02")
        let empty = try Self.schedule([], from: "2026-03-07", calendar: Self.holidays)
        #expect(empty.start == "2026-03-10" && empty.finish == "2026-03-10" && empty.criticalPath.isEmpty)
        #expect(throws: DomainError.self) { try Self.schedule([Self.task(1, "Design", 2)], from: "2026-02-30") }
    }

    // MARK: Stages

    @Test func stagesSpanTheirTasksAndDependOnEachOther() throws {
        let plan = try Self.schedule([Self.stage(1, "Phase 1"), Self.task(2, "Design", 3, in: 1), Self.task(3, "Prototype", 2, in: 1),
                                      Self.stage(4, "Phase 2"), Self.task(5, "Build", 4, in: 4), Self.task(6, "Docs", 1, in: 4)],
                                     [Self.link(2, 3), Self.link(1, 4)])
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-06" && plan[1]?.durationDays == 5)
        // Every task of phase 2 waits for all of phase 1.
        #expect(Self.span(plan, 5) == "2026-03-09…2026-03-12" && Self.span(plan, 6) == "2026-03-09…2026-03-09")
        #expect(Self.span(plan, 4) == "2026-03-09…2026-03-12" && plan[4]?.durationDays == 4)
        #expect(plan[6]?.totalFloat == 3 && Self.late(plan, 6) == "2026-03-12…2026-03-12")
        #expect(plan[4]?.totalFloat == 0 && plan[4]?.critical == true && Self.late(plan, 4) == "2026-03-09…2026-03-12")
        #expect(plan.criticalPath == [2, 3, 5])
    }

    @Test func nestedStagesRollUp() throws {
        let plan = try Self.schedule([Self.stage(1, "Root"), Self.stage(2, "Inner", in: 1), Self.task(3, "Frame", 2, in: 2),
                                      Self.task(4, "Wiring", 3, in: 2), Self.task(5, "Inspect", 1, in: 1)],
                                     [Self.link(2, 5)])
        #expect(Self.span(plan, 2) == "2026-03-02…2026-03-04" && plan[2]?.durationDays == 3)
        #expect(Self.span(plan, 5) == "2026-03-05…2026-03-05")
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-05" && plan[1]?.durationDays == 4)
        #expect(plan[3]?.totalFloat == 1 && plan[4]?.totalFloat == 0)
        #expect(plan[2]?.totalFloat == 0 && plan[2]?.critical == true && Self.late(plan, 2) == "2026-03-02…2026-03-04")
        #expect(plan.criticalPath == [4, 5])
    }

    @Test func aStageWithFloatIsNotCritical() throws {
        let plan = try Self.schedule([Self.stage(1, "Side"), Self.task(2, "Brochure", 1, in: 1), Self.task(3, "Main", 4)])
        #expect(plan[1]?.totalFloat == 3 && plan[1]?.critical == false)
    }

    @Test func dependenciesOnAStageApplyToEachTaskUnderIt() throws {
        let tasks = [Self.task(1, "Order", 2), Self.stage(2, "Fit-out"), Self.task(3, "Paint", 1, in: 2), Self.task(4, "Floor", 3, in: 2)]
        let finishToStart = try Self.schedule(tasks, [Self.link(1, 2)])
        #expect(Self.span(finishToStart, 3) == "2026-03-04…2026-03-04" && Self.span(finishToStart, 4) == "2026-03-04…2026-03-06")
        #expect(Self.span(finishToStart, 2) == "2026-03-04…2026-03-06")
        // Finish-to-finish makes each task under the stage finish no earlier than the predecessor.
        let long = [Self.task(1, "Order", 5)] + tasks.dropFirst() + [Self.task(5, "Varnish", 2)]
        let finishToFinish = try Self.schedule(long, [Self.link(1, 2, .ff), Self.link(3, 5)])
        #expect(Self.span(finishToFinish, 3) == "2026-03-06…2026-03-06" && Self.span(finishToFinish, 4) == "2026-03-04…2026-03-06")
        // Backwards, the predecessor answers to the tightest task under the stage.
        #expect(finishToFinish[4]?.totalFloat == 2 && finishToFinish[1]?.totalFloat == 0)
        #expect(finishToFinish.criticalPath == [1, 3, 5])
        // Start-to-start from a stage waits for the last start under it.
        let fromStage = try Self.schedule([Self.stage(1, "Survey"), Self.task(2, "Walls", 1, in: 1, notBefore: "2026-03-04"),
                                           Self.task(3, "Roof", 2, in: 1), Self.task(4, "Report", 1)], [Self.link(1, 4, .ss, lag: 1)])
        #expect(Self.span(fromStage, 4) == "2026-03-05…2026-03-05")
        #expect(fromStage[3]?.totalFloat == 2 && fromStage[2]?.totalFloat == 0 && fromStage[4]?.critical == true)
        // A stage's start-no-earlier-than holds for every task under it.
        let held = try Self.schedule([Self.stage(1, "Later", notBefore: "2026-03-10"), Self.task(2, "Paint", 1, in: 1)])
        #expect(Self.span(held, 2) == "2026-03-10…2026-03-10" && Self.span(held, 1) == "2026-03-10…2026-03-10")
    }

    @Test func anEmptyStageSitsAtTheProjectStart() throws {
        let plan = try Self.schedule([Self.stage(1, "Later"), Self.task(2, "Work", 3)])
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-02" && plan[1]?.durationDays == 0)
        #expect(plan.criticalPath == [2])
    }

    @Test func ignoresDependenciesOnUnknownRows() throws {
        let plan = try Self.schedule([Self.task(1, "Work", 2)], [Self.link(99, 1), Self.link(1, 98)])
        #expect(Self.span(plan, 1) == "2026-03-02…2026-03-03")
    }

    // MARK: Cycles

    @Test func refusesACycleNamingItInOrder() throws {
        let tasks = [Self.task(1, "Design", 1), Self.task(2, "Build", 1), Self.task(3, "Test", 1), Self.task(4, "Ship", 1)]
        let links = [Self.link(2, 3), Self.link(3, 1), Self.link(1, 2), Self.link(3, 4)]
        let message = "Dependency cycle: \"Design\" → \"Build\" → \"Test\" → \"Design\""
        #expect(throws: DomainError.invalid([UserError(field: ["input"], message: message, code: "DEPENDENCY_CYCLE")])) {
            try Self.schedule(tasks, links)
        }
        #expect(ProjectSchedule.cycle(tasks: tasks, dependencies: links) == ScheduleCycle(taskIds: [1, 2, 3], message: message))
        #expect(ProjectSchedule.cycle(tasks: tasks, dependencies: Array(links.dropFirst())) == nil)
    }

    @Test func refusesASelfDependency() {
        let cycle = ProjectSchedule.cycle(tasks: [Self.task(1, "Design", 1)], dependencies: [Self.link(1, 1, .ss)])
        #expect(cycle?.taskIds == [1] && cycle?.message == "Dependency cycle: \"Design\" → \"Design\"")
        #expect(cycle?.userError(field: ["input", "successorId"]).code == "DEPENDENCY_CYCLE")
    }

    @Test func findsCyclesThroughStages() {
        // A task depending on its own stage.
        let own = ProjectSchedule.cycle(tasks: [Self.stage(1, "Phase"), Self.task(2, "Work", 1, in: 1)], dependencies: [Self.link(2, 1)])
        #expect(own?.message == "Dependency cycle: \"Phase\" → \"Work\" → \"Phase\"" && own?.taskIds == [1, 2])
        // Phase 1 before phase 2, but a task of phase 2 before a task of phase 1.
        let tasks = [Self.stage(1, "Phase 1"), Self.task(2, "Design", 1, in: 1), Self.stage(3, "Phase 2"), Self.task(4, "Build", 1, in: 3)]
        let crossed = ProjectSchedule.cycle(tasks: tasks, dependencies: [Self.link(1, 3), Self.link(4, 2)])
        #expect(crossed?.message == "Dependency cycle: \"Phase 1\" → \"Phase 2\" → \"Build\" → \"Design\" → \"Phase 1\"")
        #expect(crossed?.taskIds == [1, 3, 4, 2])
        #expect(ProjectSchedule.cycle(tasks: tasks, dependencies: [Self.link(1, 3), Self.link(2, 4)]) == nil)
    }

    @Test func tellsWhetherANewDependencyWouldCloseACycle() {
        let tasks = [Self.task(1, "A", 1), Self.task(2, "B", 1), Self.task(3, "C", 1)]
        let links = [Self.link(1, 2), Self.link(2, 3)]
        #expect(ProjectSchedule.cycle(adding: Self.link(3, 1, .ff, lag: -2), tasks: tasks, dependencies: links)?.taskIds == [1, 2, 3])
        #expect(ProjectSchedule.cycle(adding: Self.link(1, 3), tasks: tasks, dependencies: links) == nil)
    }

    // MARK: Large plans

    @Test func schedulesAChainOfTwoThousandTasks() throws {
        let tasks = (1...2000).map { Self.task(Int64($0), "Step \($0)", 1) }
        let links = (1..<2000).map { Self.link(Int64($0), Int64($0 + 1)) }
        let plan = try Self.schedule(tasks, links, calendar: Self.holidays)
        let days = WorkingDays(calendar: Self.holidays)
        #expect(plan.finish == WorkingDays.date(days.adding(workingDays: 1999, to: Self.day("2026-03-02"))))
        #expect(plan.criticalPath.count == 2000 && plan.tasks.allSatisfy { $0.totalFloat == 0 })
    }

    @Test func schedulesAMeshOfTwoThousandTasksInStages() throws {
        // Twenty stages of a hundred tasks, each stage after the one before, and links inside.
        var tasks: [ScheduleTask] = [], links: [ScheduleDependency] = []
        for s in 0..<20 {
            let stageId = Int64(10_000 + s)
            tasks.append(Self.stage(stageId, "Stage \(s)"))
            if s > 0 { links.append(Self.link(stageId - 1, stageId)) }
            for t in 0..<100 {
                let id = Int64(s * 100 + t)
                tasks.append(Self.task(id, "Task \(id)", t % 3 + 1, in: stageId))
                if t >= 10 { links.append(Self.link(id - 10, id, t % 2 == 0 ? .fs : .ss, lag: t % 4 - 1)) }
            }
        }
        let plan = try Self.schedule(tasks, links, calendar: Self.holidays)
        let days = WorkingDays(calendar: Self.holidays)
        func ordinal(_ date: String) -> Int { days.ordinal(of: Self.day(date)) }
        // Every dependency holds between the leaves, in ordinals with exclusive finishes.
        let byId = Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0) })
        func leaves(_ id: Int64) -> [Int64] {
            byId[id]!.kind == .stage ? tasks.filter { $0.parentId == id }.map(\.id) : [id]
        }
        var broken: [ScheduleDependency] = []
        for link in links {
            for p in leaves(link.predecessorId) {
                for s in leaves(link.successorId) {
                    let (pStart, pEnd) = (ordinal(plan[p]!.start), ordinal(plan[p]!.finish) + 1)
                    let (sStart, sEnd) = (ordinal(plan[s]!.start), ordinal(plan[s]!.finish) + 1)
                    let holds = switch link.type {
                    case .fs: sStart >= pEnd + link.lagDays
                    case .ss: sStart >= pStart + link.lagDays
                    case .ff: sEnd >= pEnd + link.lagDays
                    case .sf: sEnd >= pStart + link.lagDays
                    }
                    if !holds { broken.append(ScheduleDependency(predecessorId: p, successorId: s, type: link.type, lagDays: link.lagDays)) }
                }
            }
        }
        #expect(broken.isEmpty)
        #expect(plan.tasks.allSatisfy { $0.totalFloat >= 0 })
        #expect(plan.finish == plan[10_019]!.finish && plan.start == "2026-03-02")
        #expect(!plan.criticalPath.isEmpty && plan.criticalPath.allSatisfy { plan[$0]!.critical })
        // The critical path ends on the project's last day.
        #expect(plan[plan.criticalPath.last!]!.finish == plan.finish)
    }
}
