import Foundation

/// Demo projects: the template "CRM rollout" (stages, tasks, milestones, dependencies of every
/// kind, roles) and two projects from it for demo clients, one under way, each with a known
/// critical path. (No pipeline makes projects on won deals in the demo: an admin sets
/// `projectTemplateOnWin` to try it.)
public enum DemoProjects {
    /// The template's rows: analysis and setup run in parallel, the longer chain (setup, data
    /// migration, training) is critical; the acceptance milestone closes it.
    static let rows: [ProjectTemplate.Row] = [
        .init(key: "start", kind: .milestone, name: "Старт проекта", durationDays: 0, assigneeRoles: ["manager"]),
        .init(key: "analysis", kind: .stage, name: "Обследование", durationDays: 0),
        .init(key: "interviews", parentKey: "analysis", name: "Интервью с отделами", durationDays: 3, assigneeRoles: ["analyst"]),
        .init(key: "spec", parentKey: "analysis", name: "Техническое задание", durationDays: 4, assigneeRoles: ["analyst"]),
        .init(key: "setup", kind: .stage, name: "Настройка", durationDays: 0),
        .init(key: "pipelines", parentKey: "setup", name: "Воронки и этапы", durationDays: 2, assigneeRoles: ["engineer"]),
        .init(key: "telephony", parentKey: "setup", name: "Подключение телефонии", durationDays: 3, assigneeRoles: ["engineer"]),
        .init(key: "migration", parentKey: "setup", name: "Перенос данных", durationDays: 5, assigneeRoles: ["engineer"]),
        .init(key: "training", name: "Обучение сотрудников", durationDays: 2, assigneeRoles: ["manager"]),
        .init(key: "acceptance", kind: .milestone, name: "Приёмка", durationDays: 0, assigneeRoles: ["manager"]),
    ]

    static let links: [ProjectTemplate.Link] = [
        .init(predecessorKey: "start", successorKey: "interviews"),
        .init(predecessorKey: "interviews", successorKey: "spec"),
        .init(predecessorKey: "spec", successorKey: "pipelines"),
        .init(predecessorKey: "pipelines", successorKey: "telephony", type: .ss, lagDays: 1),
        .init(predecessorKey: "pipelines", successorKey: "migration"),
        .init(predecessorKey: "migration", successorKey: "training"),
        .init(predecessorKey: "telephony", successorKey: "training", type: .ff),
        .init(predecessorKey: "training", successorKey: "acceptance"),
    ]

    /// Seeds the template and the projects unless a template exists; returns how many projects.
    public static func seed(projects: ProjectService, clients: any ClientStore, identity: any IdentityStore,
                            clock: any WallClock) async throws -> Int {
        let store = projects.store
        guard try await store.templates(text: nil, deleted: .include).isEmpty else { return 0 }
        let template = try await store.insertTemplate(
            ProjectTemplate(name: "Внедрение CRM", description: "Типовой проект внедрения: обследование, настройка, обучение, приёмка.",
                            rows: rows, links: links),
            createdBy: nil, at: clock.now())
        let users = try await identity.users(departmentID: nil)
        guard let admin = users.first(where: { $0.role == .admin }),
              let lead = users.first(where: { $0.email.hasPrefix("leonid.volkov") }) ?? users.first(where: { $0.role == .supervisor }) else { return 0 }
        let engineers = users.filter { $0.role == .operator }.map(\.id)
        var query = ClientQuery()
        query.page.limit = 20
        var names = Set<String>()
        let clientList = try await clients.clients(query, visibility: .all).items.filter { names.insert($0.fields.name).inserted }.prefix(2)
        let viewer = Viewer.user(admin, sessionID: 0)
        let today = CalendarDate.today(now: clock.now(), timeZone: TimeZone(identifier: "Europe/Moscow") ?? .gmt)
        let started = CalendarDate.day(of: clock.now().addingTimeInterval(-10 * 86_400), in: TimeZone(identifier: "Europe/Moscow") ?? .gmt)
        var made = 0
        for (i, client) in clientList.enumerated() {
            var input = ProjectInput()
            input.name = "Внедрение CRM — \(client.fields.name)"
            input.clientID = .set(client.id)
            input.managerID = .set(lead.id)
            input.status = i == 0 ? .active : .planned
            input.plannedStart = i == 0 ? started : today
            let roles = ["manager": [lead.id], "analyst": Array(engineers.prefix(1)), "engineer": Array(engineers.dropFirst().prefix(2))]
            let outcome = try await projects.createFromTemplate(viewer, templateID: template.id, input, roles: roles)
            guard let project = outcome.project else { continue }
            made += 1
            // The first one is under way: the analysis is done, setup has begun.
            guard i == 0, let plan = try await store.plan(projectID: project.id) else { continue }
            for task in plan.tasks {
                let progress = ["Старт проекта": 100, "Интервью с отделами": 100, "Техническое задание": 100, "Воронки и этапы": 50][task.fields.name]
                guard let progress else { continue }
                var change = ProjectTaskInput()
                change.progress = progress
                _ = try await projects.updateTask(viewer, id: task.id, version: task.version, change)
            }
        }
        return made
    }
}
