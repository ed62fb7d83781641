import CRM
import Foundation
import Testing

/// The value rules of sales records: amounts, calendar dates, merge patches of custom fields,
/// deal probability and stalling, task overdue days, and what search reads from the search box.
@Suite struct SalesRulesTests {
    @Test func amountsAreExactNonNegativeDecimals() throws {
        #expect(try Amount.normalize("1250.50") == "1250.50")
        #expect(try Amount.normalize("007") == "7")
        #expect(try Amount.normalize("-0") == "0")
        #expect(try Amount.normalize("0.000") == "0.000")
        #expect(throws: Amount.Invalid.self) { try Amount.normalize("-1") }
        #expect(throws: Amount.Invalid.self) { try Amount.normalize("1e5") }
        #expect(throws: Amount.Invalid.self) { try Amount.normalize("1.") }
        #expect(throws: Amount.Invalid.self) { try Amount.normalize("1234567890123456789") }
        #expect(throws: Amount.Invalid.self) { try Amount.normalize("1.1234567") }
        do { _ = try Amount.normalize("-5") } catch { #expect(error.code == "OUT_OF_RANGE") }
    }

    @Test func calendarDatesAreRealDays() {
        #expect(CalendarDate.isValid("2028-02-29"))
        #expect(!CalendarDate.isValid("2027-02-29"))
        #expect(!CalendarDate.isValid("2027-2-1"))
        #expect(!CalendarDate.isValid("2027-02-01T00:00:00Z"))
        let lateEvening = Date(timeIntervalSince1970: 1_767_214_800) // 2025-12-31T21:00:00Z
        #expect(CalendarDate.day(of: lateEvening, in: TimeZone(identifier: "Europe/Moscow")!) == "2026-01-01")
        #expect(CalendarDate.day(of: lateEvening, in: .gmt) == "2025-12-31")
    }

    @Test func customFieldsMergeAsRFC7396Says() {
        #expect(JSONMergePatch.apply(#"{"a":null,"b":{"d":"x"},"e":[1]}"#, to: #"{"a":1,"b":{"c":true},"z":"keep"}"#)
            == #"{"b":{"c":true,"d":"x"},"e":[1],"z":"keep"}"#)
        #expect(JSONMergePatch.apply("{}", to: #"{"a":1}"#) == #"{"a":1}"#)
    }

    static func deal(status: Deal.Status, stallDays: Int?, enteredDaysAgo: Double, now: Date) -> Deal {
        Deal(id: 1, fields: DealFields(title: "T"), pipelineID: 1, stageID: 1, status: status, lossReason: nil, closedAt: nil,
             stageEnteredAt: now.addingTimeInterval(-enteredDaysAgo * 86_400), stageProbability: 40, stageStallDays: stallDays,
             createdAt: now, updatedAt: now, createdBy: nil, version: 1, deletedAt: nil)
    }

    @Test func dealProbabilityAndStalling() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(Self.deal(status: .open, stallDays: 3, enteredDaysAgo: 1, now: now).probability == 40)
        #expect(Self.deal(status: .won, stallDays: 3, enteredDaysAgo: 1, now: now).probability == 100)
        #expect(Self.deal(status: .lost, stallDays: 3, enteredDaysAgo: 1, now: now).probability == 0)
        #expect(Self.deal(status: .open, stallDays: 3, enteredDaysAgo: 2.9, now: now).stalledSince(now: now) == nil)
        #expect(Self.deal(status: .open, stallDays: 3, enteredDaysAgo: 4, now: now).stalledSince(now: now)
            == now.addingTimeInterval(-86_400))
        #expect(Self.deal(status: .won, stallDays: 3, enteredDaysAgo: 40, now: now).stalledSince(now: now) == nil)
        #expect(Self.deal(status: .open, stallDays: nil, enteredDaysAgo: 400, now: now).stalledSince(now: now) == nil)
    }

    @Test func tasksDueOnADayAreOverdueTheNextDayInTheViewersZone() {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        let evening = Date(timeIntervalSince1970: 1_767_214_800) // 2025-12-31T21:00Z = 2026-01-01 00:00 in Moscow
        func task(_ schedule: TaskSchedule, _ status: TaskItem.Status = .open) -> TaskItem {
            TaskItem(id: 1, fields: TaskFields(title: "T", status: status, schedule: schedule), completedAt: nil, result: nil,
                     createdAt: evening, updatedAt: evening, createdBy: nil, version: 1, deletedAt: nil)
        }
        #expect(task(.dueDate("2025-12-31")).isOverdue(now: evening, timeZone: moscow))
        #expect(!task(.dueDate("2025-12-31")).isOverdue(now: evening, timeZone: .gmt))
        #expect(!task(.dueDate("2025-12-31"), .done).isOverdue(now: evening, timeZone: moscow))
        #expect(task(.dueAt(evening.addingTimeInterval(-1))).isOverdue(now: evening, timeZone: moscow))
        #expect(!task(.slot(start: evening.addingTimeInterval(-1800), minutes: 60)).isOverdue(now: evening, timeZone: moscow))
        #expect(task(.slot(start: evening.addingTimeInterval(-7200), minutes: 60)).isOverdue(now: evening, timeZone: moscow))
        #expect(!task(.none).isOverdue(now: evening, timeZone: moscow))
    }

    @Test func searchReadsWordsAndPhonesInAnyNotation() {
        #expect(SearchText("ООО «Жёлтый Кактус»").words == ["ооо", "желтый", "кактус"])
        #expect(SearchText("ООО «Жёлтый Кактус»").phonePrefixes.isEmpty)
        #expect(SearchText("8 (915) 321-00-77").phonePrefixes == ["89153210077", "79153210077", "9153210077"])
        #expect(SearchText("+7 915 321").phonePrefixes == ["7915321", "915321"])
        #expect(SearchText("12").phonePrefixes.isEmpty)
        #expect(SearchText("8 (915) 321-00-77").words.isEmpty)
        #expect(SearchText("7707083893").words == ["7707083893"])
        #expect(SearchText("Info@Kaktus.ru").email == "info@kaktus.ru" && SearchText("Info@Kaktus.ru").words.isEmpty)
        #expect(SearchText("kaktus.ru").email == nil && SearchText("kaktus.ru").words == ["kaktus", "ru"])
        #expect(SearchText(" -- ").isEmpty)
    }
}
