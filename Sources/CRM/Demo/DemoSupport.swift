import Foundation

/// Demo support: the Moscow office calendar (a split shift, Russian public holidays), the default
/// SLA policy, and inquiries of demo clients in every state — some running, some waiting, some
/// resolved in time or late — generated deterministically.
public enum DemoSupport {
    static let subjects = ["Не приходит счёт на оплату", "Ошибка при выгрузке в 1С", "Вопрос по условиям договора",
                           "Не работает интеграция с телефонией", "Нужен акт сверки", "Cannot sign in to the portal",
                           "Запрос на возврат", "Delivery is late", "Сменить контактное лицо"]
    static let holidays = ["2026-01-01", "2026-01-02", "2026-01-07", "2026-02-23", "2026-03-09", "2026-05-01", "2026-05-11", "2026-06-12",
                           "2026-11-04", "2026-12-31", "2027-01-01", "2027-01-07"]

    /// Seeds the calendar, the policy and `count` inquiries unless a calendar exists; returns how
    /// many inquiries were created.
    public static func seed(store: any SupportStore, clients: any ClientStore, identity: any IdentityStore, clock: any WallClock,
                            count: Int = 40) async throws -> Int {
        guard try await store.calendars(text: nil, deleted: .include).isEmpty else { return 0 }
        let day = [WorkInterval(start: 540, end: 780), WorkInterval(start: 840, end: 1080)]
        let calendar = try await store.insertCalendar(
            WorkingCalendar(name: "Московский офис 9–18", timeZone: "Europe/Moscow", isDefault: true,
                            week: Array(repeating: day, count: 5) + [[], []],
                            specialDays: holidays.map { SpecialDay(date: $0, name: "Праздник", kind: .holiday) }),
            createdBy: nil, at: clock.now())
        let policy = try await store.insertPolicy(
            SlaPolicy(name: "Стандартный SLA", description: "Ответ и решение в рабочие часы офиса.", isDefault: true, calendarID: calendar.id,
                      targets: [SlaTarget(priority: .low, firstResponseMinutes: 240, resolutionMinutes: 2_400),
                                SlaTarget(priority: .normal, firstResponseMinutes: 120, resolutionMinutes: 960),
                                SlaTarget(priority: .high, firstResponseMinutes: 60, resolutionMinutes: 480),
                                SlaTarget(priority: .urgent, firstResponseMinutes: 15, resolutionMinutes: 120)]),
            createdBy: nil, at: clock.now())
        let support = try await identity.users(departmentID: nil).filter { $0.role == .operator }
        var query = ClientQuery()
        query.page.limit = 100
        let clientList = try await clients.clients(query, visibility: .all).items
        guard !clientList.isEmpty else { return 0 }
        let hours = BusinessHours(calendar)
        var random = DemoClients.Generator(state: 4_242)
        let now = clock.now()
        for i in 0..<count {
            let created = now.addingTimeInterval(-Double(600 + random.next(14 * 86_400)))
            let priority: TaskItem.Priority = [.low, .normal, .normal, .high, .urgent][random.next(5)]
            let fields = InquiryFields(subject: subjects[random.next(subjects.count)], origin: [.email, .phone, .telegram, .webChat][random.next(4)],
                                       clientID: clientList[random.next(clientList.count)].id,
                                       assigneeID: i % 4 == 0 || support.isEmpty ? nil : support[random.next(support.count)].id,
                                       priority: priority, category: ["Бухгалтерия", "Техническая", "Доставка"][random.next(3)],
                                       slaPolicyID: policy.id)
            var inquiry = try await store.insertInquiry(
                InquiryState(fields: fields, deadlines: SlaClock.start(policy.target(for: priority), at: created, hours: hours)),
                createdBy: fields.assigneeID, at: created)
            // Walk some of them on: answered, waiting for the client, resolved.
            var time = created
            for status in [[], [Inquiry.Status.open], [.open, .waiting], [.open, .resolved], [.open, .resolved, .closed]][random.next(5)] {
                time = time.addingTimeInterval(Double(300 + random.next(2 * 86_400)))
                guard time < now else { break }
                let state = InquiryService.transition(inquiry, to: status, at: time, hours: hours)
                guard case .written(let next) = try await store.updateInquiry(
                    id: inquiry.id, expectedVersion: inquiry.version, state: state, deletedAt: nil,
                    edits: InquiryService.edits(inquiry, state), actor: fields.assigneeID.map(Actor.user) ?? .system, at: time) else { break }
                inquiry = next
            }
        }
        return count
    }
}
