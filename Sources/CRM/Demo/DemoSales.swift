import Foundation

/// Demo sales: two pipelines, 800 deals spread over their stages with the stage history of the
/// past months (moves, wins and losses by their owners), notes on them, and the tasks of the sales team —
/// generated deterministically like ``DemoClients``.
public enum DemoSales {
    public static let dealCount = 800

    public static let pipelines = [
        NewPipeline(name: "Продажи", description: "Основная воронка: от заявки до договора.", isDefault: true, defaultCurrency: "RUB",
                    stages: [StageFields(name: "Новая заявка", probability: 10, color: "#42A5F5", stallDays: 3),
                             StageFields(name: "Квалификация", probability: 20, color: "#26A69A", stallDays: 7),
                             StageFields(name: "Коммерческое предложение", probability: 40, color: "#FFCA28", stallDays: 14),
                             StageFields(name: "Переговоры", probability: 60, color: "#FFA726", stallDays: 14),
                             StageFields(name: "Договор", probability: 80, color: "#AB47BC", stallDays: 10)]),
        NewPipeline(name: "Partner channel", description: "Deals brought by resellers.", isDefault: false, defaultCurrency: "USD",
                    stages: [StageFields(name: "Intro", probability: 10, color: "#90CAF9", stallDays: 10),
                             StageFields(name: "Demo", probability: 30, color: "#80CBC4", stallDays: 14),
                             StageFields(name: "Proposal", probability: 50, color: "#FFE082", stallDays: 21),
                             StageFields(name: "Closing", probability: 80, color: "#CE93D8", stallDays: nil)]),
    ]
    static let products = ["Поставка оборудования", "Годовая подписка", "Внедрение CRM", "Сервисный контракт", "Обучение персонала",
                           "Лицензии на 50 мест", "Пилотный проект", "Расширение договора", "Support renewal", "Hardware refresh"]
    static let lossReasons = ["Дорого", "Выбрали конкурента", "Нет бюджета", "Проект отложен", "No decision maker"]
    static let noteTexts = ["Клиент просит скидку за объём, обсудить с руководителем.", "Decision maker is the CFO; send the ROI sheet.",
                            "Перезвонить после отпуска закупщика.", "Конкурент предложил цену на 10% ниже.",
                            "Интересует интеграция с 1С и телефонией.", "Asked for a trial of the partner portal."]
    static let taskTitles = ["Позвонить и уточнить потребность", "Отправить коммерческое предложение", "Встреча с закупками",
                             "Подготовить договор", "Follow-up e-mail", "Согласовать скидку", "Презентация продукта"]

    /// Seeds the pipelines, deals and tasks unless pipelines exist; returns how many deals and
    /// tasks were created.
    public static func seed(pipelines pipelineStore: any PipelineStore, deals: any DealStore, tasks: any TaskStore, notes: any NoteStore,
                            clients: any ClientStore, contacts: any ContactStore,
                            clock: any WallClock) async throws -> (deals: Int, tasks: Int, notes: Int) {
        guard try await pipelineStore.pipelines(text: nil, deleted: .include).isEmpty else { return (0, 0, 0) }
        var query = ClientQuery()
        query.page.limit = DemoClients.count
        let clientList = try await clients.clients(query, visibility: .all).items.filter { $0.fields.ownerID != nil }
        guard !clientList.isEmpty else { return (0, 0, 0) }
        let contactsByClient = Dictionary(grouping: try await contacts.contacts(clientIDs: clientList.map(\.id), deleted: .exclude,
                                                                                 visibility: .all)) { $0.fields.clientID ?? -1 }
        var stagesByPipeline: [(Pipeline, [PipelineStage])] = []
        for new in pipelines {
            let pipeline = try await pipelineStore.insertPipeline(new, createdBy: nil, at: clock.now())
            stagesByPipeline.append((pipeline, try await pipelineStore.stages(pipelineIDs: [pipeline.id], includeDeleted: false)))
        }
        var random = DemoClients.Generator(state: 800)
        let now = clock.now()
        let day = 86_400.0
        var taskCount = 0
        var noteCount = 0
        for i in 0..<dealCount {
            let client = clientList[random.next(clientList.count)]
            let owner = client.fields.ownerID
            let (pipeline, stages) = stagesByPipeline[random.next(10) < 8 ? 0 : 1]
            let contact = contactsByClient[client.id].flatMap { $0.isEmpty ? nil : $0[random.next($0.count)] }
            let created = now.addingTimeInterval(-day * Double(2 + random.next(180)) - Double(random.next(36_000)))
            var fields = DealFields(title: "\(products[random.next(products.count)]) — \(client.fields.name)",
                                    amount: String(50_000 + random.next(4_950) * 1_000), currency: pipeline.defaultCurrency,
                                    ownerID: owner, clientID: client.id, contactID: contact?.id,
                                    source: client.fields.source, campaign: client.fields.campaign)
            fields.expectedCloseDate = CalendarDate.day(of: created.addingTimeInterval(day * Double(20 + random.next(90))), in: .gmt)
            var state = DealState(fields: fields, pipelineID: pipeline.id, stageID: stages[0].id, status: .open, stageEnteredAt: created)
            let actor = owner.map(Actor.user) ?? .system
            let deal = try await deals.insertDeal(state, createdBy: owner, actor: actor, at: created)
            if i % 3 == 0 {
                _ = try await notes.insertNote(subject: .deal(deal.id), clientID: client.id, body: noteTexts[random.next(noteTexts.count)],
                                               pinned: i % 9 == 0, createdBy: owner, at: created.addingTimeInterval(600))
                noteCount += 1
            }
            // Walk forward through the stages, a few days per step, never past now.
            var time = created
            var version = deal.version
            let target = random.next(stages.count)
            for stage in stages.dropFirst().prefix(target) {
                let next = time.addingTimeInterval(day * Double(1 + random.next(12)))
                guard next < now else { break }
                time = next
                let old = state
                state.stageID = stage.id
                state.stageEnteredAt = time
                version = try await write(deals, deal.id, version, old, state, actor, time)
            }
            // Older deals are often closed: won from the last stages, lost anywhere.
            let age = now.timeIntervalSince(time) / day
            if age > 20, random.next(10) < 6 {
                let old = state
                let won = target >= stages.count - 2 && random.next(3) > 0
                state.status = won ? .won : .lost
                state.lossReason = won ? nil : lossReasons[random.next(lossReasons.count)]
                state.closedAt = time.addingTimeInterval(day * Double(1 + random.next(10)))
                version = try await write(deals, deal.id, version, old, state, actor, state.closedAt!)
            }
            // Open deals get their next step as a task; some of them are overdue.
            if state.status == .open, i % 2 == 0 {
                let due = now.addingTimeInterval(day * Double(random.next(10) - 3) + Double(random.next(28_800)))
                let schedule: TaskSchedule = random.next(4) == 0
                    ? .slot(start: due, minutes: [30, 60, 90][random.next(3)]) : random.next(2) == 0 ? .dueAt(due)
                    : .dueDate(CalendarDate.day(of: due, in: .gmt))
                let task = TaskFields(title: taskTitles[random.next(taskTitles.count)], kind: [.call, .todo, .meeting, .email][random.next(4)],
                                      priority: [.normal, .normal, .high, .low, .urgent][random.next(5)], assigneeID: owner,
                                      schedule: schedule, clientID: client.id, contactID: contact?.id, dealID: deal.id)
                _ = try await tasks.insertTask(task, completedAt: nil, result: nil, createdBy: owner, at: time)
                taskCount += 1
            }
        }
        return (dealCount, taskCount, noteCount)
    }

    /// Writes a step of a deal's past, with its field history and stage-history entry.
    private static func write(_ deals: any DealStore, _ id: Int64, _ version: Int, _ old: DealState, _ new: DealState, _ actor: Actor,
                              _ time: Date) async throws -> Int {
        let edits = DealService.edits(old, new)
        guard case .written(let deal) = try await deals.updateDeal(id: id, expectedVersion: version, state: new, deletedAt: nil,
                                                                     edits: edits, move: true, actor: actor, at: time) else {
            throw DomainError.conflict("demo deal \(id) changed while seeding")
        }
        return deal.version
    }
}
