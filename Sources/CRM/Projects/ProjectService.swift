import Foundation

/// The fields a project is created or updated with, as the caller gave them.
public struct ProjectInput: Sendable {
    public var name: String?
    public var description: Change<String?> = .keep
    public var clientID: Change<Int64?> = .keep
    public var dealID: Change<Int64?> = .keep
    public var managerID: Change<Int64?> = .keep
    public var status: Project.Status?
    public var plannedStart: String?
    public var calendarID: Int64?

    public init() {}
}

/// The fields a project task is created or updated with; nil leaves a field as it is.
public struct ProjectTaskInput: Sendable {
    public var parentID: Change<Int64?> = .keep
    public var kind: ScheduleTask.Kind?
    public var name: String?
    public var description: Change<String?> = .keep
    public var durationDays: Int?
    public var progress: Int?
    public var assigneeIDs: [Int64]?
    public var position: Int?

    public init() {}
}

/// Projects and their plans. Every change of a plan is scheduled at once (``ProjectSchedule``)
/// and written in one transaction with the new schedule, the stages' and project's progress, and
/// the assignees' personal tasks (one per assignee of each task or milestone, due on its finish);
/// a change made meanwhile by someone else is detected by the plan's revision and the schedule
/// computed again. A dependency that would close a cycle is refused with the cycle named.
public struct ProjectService: Sendable {
    public let store: any ProjectStore
    public let calendars: any SupportStore
    public let clients: any ClientStore
    public let deals: any DealStore
    public let pipelines: any PipelineStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(store: any ProjectStore, calendars: any SupportStore, clients: any ClientStore, deals: any DealStore,
                pipelines: any PipelineStore, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.calendars = calendars
        self.clients = clients
        self.deals = deals
        self.pipelines = pipelines
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let project: Project?
        public let userErrors: [UserError]
    }

    /// The outcome of a change of a task or dependency: the task, the project after it, the tasks
    /// whose dates moved, a cycle that refused it, the new dependency.
    public struct PlanOutcome: Sendable {
        public var task: ProjectTask?
        public var project: Project?
        public var rescheduled: [ProjectTask] = []
        public var cycle: [ProjectTask]?
        public var dependency: ProjectDependency?
        public var userErrors: [UserError] = []
    }

    // MARK: Projects

    public func create(_ viewer: Viewer, _ input: ProjectInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        var seed = ProjectFields(name: "", managerID: viewer.user?.id, plannedStart: "", calendarID: 0)
        if input.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        if input.plannedStart == nil { errors.add(["plannedStart"], "Enter the planned start.", "REQUIRED") }
        seed = try await apply(input, to: seed, viewer: viewer, visibility: visibility, &errors)
        guard errors.list.isEmpty, let calendar = try await calendars.calendars(ids: [seed.calendarID]).first else {
            return Outcome(project: nil, userErrors: errors.list)
        }
        let schedule = try ProjectSchedule.compute(tasks: [], dependencies: [], plannedStart: seed.plannedStart, calendar: calendar)
        let change = PlanChange(projectID: 0, expectedRevision: 0, schedule: schedule, progress: [:], projectProgress: 0)
        return Outcome(project: try await store.insertProject(seed, plan: change, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    /// A project from a template: its rows as tasks (assigned by role), its links as dependencies,
    /// scheduled from the planned start.
    public func createFromTemplate(_ viewer: Viewer, templateID: Int64, _ input: ProjectInput,
                                   roles: [String: [Int64]]) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        let template = try await store.templates(ids: [templateID]).first { $0.deletedAt == nil }
        if template == nil { errors.add(["templateId"], "No such project template.", "NOT_FOUND") }
        if input.plannedStart == nil { errors.add(["plannedStart"], "Enter the planned start.", "REQUIRED") }
        var seed = ProjectFields(name: template?.name ?? "", managerID: viewer.user?.id, plannedStart: "", calendarID: 0,
                                 templateID: templateID)
        seed = try await apply(input, to: seed, viewer: viewer, visibility: visibility, &errors)
        let users = Set(try await identity.users(ids: Array(Set(roles.values.flatMap { $0 }))).filter { $0.deletedAt == nil }.map(\.id))
        for (role, ids) in roles.sorted(by: { $0.key < $1.key }) where ids.contains(where: { !users.contains($0) }) {
            errors.add(["roleAssignments"], "No such user for the role \(role).", "NOT_FOUND")
        }
        guard errors.list.isEmpty, let template, let calendar = try await calendars.calendars(ids: [seed.calendarID]).first else {
            return Outcome(project: nil, userErrors: errors.list)
        }
        return Outcome(project: try await insert(seed, from: template, roles: roles, calendar: calendar, createdBy: viewer.user?.id), userErrors: [])
    }

    /// After a deal is won: the project its pipeline's template says, for the deal's client,
    /// managed by the deal's owner, starting today; nothing when the pipeline names no template or
    /// the deal has a project already.
    public func createForWonDeal(_ deal: Deal) async throws -> Project? {
        guard deal.status == .won,
              let pipeline = try await pipelines.pipelines(ids: [deal.pipelineID]).first,
              let templateID = pipeline.projectTemplateID,
              let template = try await store.templates(ids: [templateID]).first(where: { $0.deletedAt == nil }),
              let calendar = try await calendars.defaultCalendar() else { return nil }
        var existing = ProjectQuery()
        existing.dealIDs = [deal.id]
        guard try await store.projects(existing, visibility: .all).items.isEmpty else { return nil }
        let today = CalendarDate.today(now: clock.now(), timeZone: TimeZone(identifier: calendar.timeZone) ?? .gmt)
        let fields = ProjectFields(name: deal.fields.title, clientID: deal.fields.clientID, dealID: deal.id, managerID: deal.fields.ownerID,
                                   plannedStart: today, calendarID: calendar.id, templateID: template.id)
        let owner: [Int64] = deal.fields.ownerID.map { [$0] } ?? []
        let roles = Dictionary(uniqueKeysWithValues: template.roles.map { ($0, owner) })
        return try await insert(fields, from: template, roles: roles, calendar: calendar, createdBy: nil)
    }

    private func insert(_ fields: ProjectFields, from template: ProjectTemplate, roles: [String: [Int64]], calendar: WorkingCalendar,
                        createdBy: Int64?) async throws -> Project {
        var ids: [String: Int64] = [:]
        var positions: [String?: Int] = [:]
        var draft = PlanDraft(project: Project(id: 0, fields: fields, start: fields.plannedStart, finish: fields.plannedStart, progress: 0,
                                           planRevision: 0, createdAt: clock.now(), updatedAt: clock.now(), createdBy: createdBy, version: 1,
                                           deletedAt: nil))
        for (i, row) in template.rows.enumerated() {
            let id = -Int64(i + 1)
            ids[row.key] = id
            let position = positions[row.parentKey, default: 0]
            positions[row.parentKey] = position + 1
            let assignees = row.assigneeRoles.flatMap { roles[$0] ?? [] }.uniqued()
            draft.insert(id, ProjectTaskFields(parentID: row.parentKey.flatMap { ids[$0] }, kind: row.kind, name: row.name,
                                                        position: position, durationDays: row.durationDays, assigneeIDs: assignees))
        }
        for link in template.links {
            guard let p = ids[link.predecessorKey], let s = ids[link.successorKey] else { continue }
            draft.newDependencies.append(ProjectDependency(projectID: 0, predecessorID: p, successorID: s, type: link.type, lagDays: link.lagDays))
        }
        let change = try draft.change(calendar: calendar, now: clock.now())
        return try await store.insertProject(fields, plan: change, createdBy: createdBy, at: clock.now())
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, _ input: ProjectInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        let outcome = try await replan(viewer, projectID: id, visibility: visibility) { draft in
            draft.projectFields = try await apply(input, to: draft.project.fields, viewer: viewer, visibility: visibility, &errors)
            draft.projectVersion = version
            return errors.list
        }
        return Outcome(project: outcome.project, userErrors: outcome.userErrors)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        let outcome = try await replan(viewer, projectID: id, visibility: visibility, allowDeleted: true) { draft in
            guard (draft.project.deletedAt != nil) != deleted else { return [] }
            draft.projectDeletedAt = deleted ? clock.now() : nil
            draft.projectVersion = version
            if !deleted, let dealID = draft.project.fields.dealID {
                var query = ProjectQuery()
                query.dealIDs = [dealID]
                if try await !store.projects(query, visibility: .all).items.isEmpty {
                    return [UserError(field: ["input", "id"], message: "The deal has another project now.", code: "TAKEN")]
                }
            }
            return []
        }
        return Outcome(project: outcome.project, userErrors: outcome.userErrors)
    }

    // MARK: Tasks and dependencies

    public func createTask(_ viewer: Viewer, projectID: Int64, _ input: ProjectTaskInput) async throws -> PlanOutcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        if input.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        return try await replan(viewer, projectID: projectID, visibility: visibility, focus: -1) { draft in
            var fields = ProjectTaskFields(kind: input.kind ?? .task, name: "", durationDays: input.kind == .milestone ? 0 : 1)
            fields = try await apply(input, to: fields, taskID: -1, draft: draft, &errors)
            draft.insert(-1, fields)
            draft.place(-1, at: input.position ?? .max)
            return errors.list
        }
    }

    public func updateTask(_ viewer: Viewer, id: Int64, version: Int, _ input: ProjectTaskInput) async throws -> PlanOutcome {
        let (task, visibility) = try await visibleTask(viewer, id)
        var errors = Errors()
        return try await replan(viewer, projectID: task.projectID, visibility: visibility, focus: id) { draft in
            guard let current = draft.rows[id], current.deletedAt == nil else { throw DomainError.notFound("No such project task.") }
            let fields = try await apply(input, to: current.fields, taskID: id, draft: draft, &errors)
            draft.set(id, fields, version: version)
            if input.position != nil || fields.parentID != current.fields.parentID { draft.place(id, at: input.position ?? .max) }
            return errors.list
        }
    }

    /// Moves a task to start on a date (its `startNoEarlierThan`); its dependants follow.
    public func moveTask(_ viewer: Viewer, id: Int64, version: Int, start: String) async throws -> PlanOutcome {
        let (task, visibility) = try await visibleTask(viewer, id)
        return try await replan(viewer, projectID: task.projectID, visibility: visibility, focus: id) { draft in
            guard var fields = draft.rows[id]?.fields, draft.rows[id]?.deletedAt == nil else { throw DomainError.notFound("No such project task.") }
            guard CalendarDate.isValid(start) else {
                return [UserError(field: ["input", "start"], message: "\"\(start)\" is not a date (YYYY-MM-DD).", code: "INVALID")]
            }
            fields.startNoEarlierThan = start
            draft.set(id, fields, version: version)
            return []
        }
    }

    /// Deletes a task (a stage with everything under it), or restores it; its dependencies are
    /// out of force while it is deleted and back when it is restored.
    public func setTaskDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> PlanOutcome {
        let (task, visibility) = try await visibleTask(viewer, id, allowDeleted: true)
        return try await replan(viewer, projectID: task.projectID, visibility: visibility, focus: id) { draft in
            guard let current = draft.rows[id], (current.deletedAt != nil) != deleted else { return [] }
            if !deleted, let parent = current.fields.parentID, draft.rows[parent]?.deletedAt != nil {
                return [UserError(field: ["input", "id"], message: "Its stage is deleted: restore the stage first.", code: "INVALID_STATE")]
            }
            let now = clock.now()
            for member in draft.subtree(id) where (draft.rows[member]?.deletedAt != nil) != deleted {
                // Restoring brings back what was deleted with it, not what was deleted before.
                if !deleted, draft.rows[member]?.deletedAt != current.deletedAt { continue }
                draft.setDeleted(member, deleted ? now : nil, version: member == id ? version : nil)
            }
            return []
        }
    }

    public func createDependency(_ viewer: Viewer, _ dependency: ProjectDependency) async throws -> PlanOutcome {
        let predecessor: ProjectTask, visibility: Visibility
        do {
            (predecessor, visibility) = try await visibleTask(viewer, dependency.predecessorID)
        } catch DomainError.notFound {
            return PlanOutcome(userErrors: [UserError(field: ["input", "predecessorId"], message: "No such project task.", code: "NOT_FOUND")])
        }
        guard let successor = try await store.projectTasks(ids: [dependency.successorID]).first, successor.deletedAt == nil else {
            return PlanOutcome(userErrors: [UserError(field: ["input", "successorId"], message: "No such project task.", code: "NOT_FOUND")])
        }
        var cycleIDs: [Int64]?
        var outcome = try await replan(viewer, projectID: predecessor.projectID, visibility: visibility) { draft in
            if successor.projectID != predecessor.projectID {
                return [UserError(field: ["input", "successorId"], message: "Both tasks must belong to one project.", code: "INVALID")]
            }
            if (draft.existingDependencies + draft.newDependencies).contains(where: {
                $0.predecessorID == dependency.predecessorID && $0.successorID == dependency.successorID
            }) {
                return [UserError(field: ["input", "successorId"], message: "These tasks depend on each other already.", code: "TAKEN")]
            }
            if abs(dependency.lagDays) > 3_650 {
                return [UserError(field: ["input", "lagDays"], message: "A lag is at most 3650 working days either way.", code: "OUT_OF_RANGE")]
            }
            var new = dependency
            new.projectID = predecessor.projectID
            if let cycle = ProjectSchedule.cycle(adding: new.scheduleDependency, tasks: draft.scheduleTasks, dependencies: draft.scheduleDependencies) {
                cycleIDs = cycle.taskIds
                return [cycle.userError(field: ["input", "successorId"])]
            }
            draft.newDependencies.append(new)
            return []
        }
        if let cycleIDs {
            let tasks = Dictionary(uniqueKeysWithValues: try await store.projectTasks(ids: cycleIDs).map { ($0.id, $0) })
            outcome.cycle = cycleIDs.compactMap { tasks[$0] }
        }
        return outcome
    }

    public func deleteDependency(_ viewer: Viewer, id: Int64, projectID: Int64) async throws -> PlanOutcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        return try await replan(viewer, projectID: projectID, visibility: visibility) { draft in
            guard let dependency = draft.existingDependencies.first(where: { $0.id == id }) else { throw DomainError.notFound("No such dependency.") }
            draft.deletedDependencies.insert(dependency.id)
            return []
        }
    }

    // MARK: Planning

    /// Reads the plan, lets `change` edit a draft of it (answering user errors to refuse), then
    /// schedules and writes it; again on a concurrent change. `focus` names the task to answer
    /// (-1: the one the change inserted).
    private func replan(_ viewer: Viewer, projectID: Int64, visibility: Visibility, allowDeleted: Bool = false, focus: Int64? = nil,
                        _ change: (inout PlanDraft) async throws -> [UserError]) async throws -> PlanOutcome {
        for _ in 0..<5 {
            guard try await store.projects(ids: [projectID], visibility: visibility).first != nil,
                  let plan = try await store.plan(projectID: projectID), allowDeleted || plan.project.deletedAt == nil else {
                throw DomainError.notFound("No such project.")
            }
            var draft = PlanDraft(plan)
            let refused = try await change(&draft)
            let focusTask = focus.flatMap { $0 == -1 ? nil : plan.tasks.first { $0.id == focus } }
            guard refused.isEmpty else { return PlanOutcome(task: focusTask, project: plan.project, userErrors: refused) }
            if let stale = draft.staleVersion() {
                return PlanOutcome(task: focusTask, project: plan.project, userErrors: [stale])
            }
            guard let calendar = try await calendars.calendars(ids: [draft.projectFields.calendarID]).first else {
                throw DomainError.notFound("The project's calendar is gone.")
            }
            let planChange: PlanChange
            do {
                planChange = try draft.change(calendar: calendar, now: clock.now())
            } catch {
                if case .invalid(let errors) = error { return PlanOutcome(task: focusTask, project: plan.project, userErrors: errors) }
                throw error
            }
            if planChange.isEmpty(comparedWith: plan) { return PlanOutcome(task: focusTask, project: plan.project) }
            switch try await store.writePlan(planChange, actor: Actor(viewer), at: clock.now()) {
            case .written(let taskIDs, let dependencyIDs):
                guard let after = try await store.plan(projectID: projectID) else { throw DomainError.notFound("No such project.") }
                let before = Dictionary(uniqueKeysWithValues: plan.tasks.map { ($0.id, $0.schedule) })
                let focusID = focus == -1 ? taskIDs[-1] : focus
                var outcome = PlanOutcome(task: focusID.flatMap { id in after.tasks.first { $0.id == id } }, project: after.project)
                outcome.rescheduled = after.ordered.filter { task in
                    task.id != focusID && before[task.id].map { $0.start != task.schedule.start || $0.finish != task.schedule.finish } == true
                }
                outcome.dependency = dependencyIDs.last.flatMap { id in after.dependencies.first { $0.id == id } }
                return outcome
            case .staleRevision:
                continue
            case .staleVersion(let entity, _):
                let latest = try await store.plan(projectID: projectID)
                let current = focus.flatMap { id in latest?.tasks.first { $0.id == id } }
                let version = entity == "Project" ? latest?.project.version ?? 0 : current?.version ?? 0
                return PlanOutcome(task: current, project: latest?.project,
                                   userErrors: [.staleVersion(entity == "Project" ? "project" : "project task", current: version)])
            case .notFound:
                throw DomainError.notFound("No such project.")
            }
        }
        throw DomainError.conflict("The project keeps changing; try again.")
    }

    private func visibleTask(_ viewer: Viewer, _ id: Int64, allowDeleted: Bool = false) async throws -> (ProjectTask, Visibility) {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let task = try await store.projectTasks(ids: [id]).first, allowDeleted || task.deletedAt == nil,
              try await store.projects(ids: [task.projectID], visibility: visibility).first(where: { $0.deletedAt == nil }) != nil else {
            throw DomainError.notFound("No such project task.")
        }
        return (task, visibility)
    }

    private func apply(_ input: ProjectInput, to start: ProjectFields, viewer: Viewer, visibility: Visibility,
                       _ errors: inout Errors) async throws -> ProjectFields {
        var fields = start
        if let name = input.name {
            fields.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if fields.name.count > 300 { errors.add(["name"], "At most 300 characters.", "TOO_LONG") }
        }
        if case .set(let description) = input.description { fields.description = PipelineService.trimmed(description) }
        if let status = input.status { fields.status = status }
        if let planned = input.plannedStart {
            if CalendarDate.isValid(planned) { fields.plannedStart = planned }
            else { errors.add(["plannedStart"], "\"\(planned)\" is not a date (YYYY-MM-DD).", "INVALID") }
        }
        if case .set(let dealID) = input.dealID {
            if let dealID {
                if let deal = try await deals.deals(ids: [dealID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    if case .keep = input.clientID, fields.clientID == nil { fields.clientID = deal.fields.clientID }
                } else {
                    errors.add(["dealId"], "No such deal.", "NOT_FOUND")
                }
            }
            fields.dealID = dealID
        }
        if case .set(let clientID) = input.clientID {
            if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["clientId"], "No such client.", "NOT_FOUND")
            }
            fields.clientID = clientID
        }
        if case .set(let managerID) = input.managerID {
            if let managerID, try await identity.user(id: managerID).map({ $0.deletedAt == nil }) != true {
                errors.add(["managerId"], "No such user.", "NOT_FOUND")
            }
            fields.managerID = managerID
        }
        if let calendarID = input.calendarID {
            if try await calendars.calendars(ids: [calendarID]).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["calendarId"], "No such working calendar.", "NOT_FOUND")
            }
            fields.calendarID = calendarID
        } else if fields.calendarID == 0 {
            if let calendar = try await calendars.defaultCalendar() { fields.calendarID = calendar.id }
            else { errors.add(["calendarId"], "There is no default working calendar: name one.", "REQUIRED") }
        }
        return fields
    }

    private func apply(_ input: ProjectTaskInput, to start: ProjectTaskFields, taskID: Int64, draft: PlanDraft,
                       _ errors: inout Errors) async throws -> ProjectTaskFields {
        var fields = start
        if let kind = input.kind { fields.kind = kind }
        if let name = input.name {
            fields.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if fields.name.count > 500 { errors.add(["name"], "At most 500 characters.", "TOO_LONG") }
        }
        if case .set(let description) = input.description { fields.description = PipelineService.trimmed(description) }
        if let days = input.durationDays { fields.durationDays = days }
        Self.checkDuration(kind: fields.kind, days: &fields.durationDays, path: ["durationDays"], &errors)
        if let progress = input.progress {
            if !(0...100).contains(progress) { errors.add(["progress"], "Progress is 0 to 100.", "OUT_OF_RANGE") }
            fields.progress = progress
        }
        if let position = input.position {
            if position < 0 { errors.add(["position"], "Positions start at 0.", "OUT_OF_RANGE") }
            fields.position = position
        }
        if case .set(let parentID) = input.parentID {
            if let parentID {
                if draft.liveFields[parentID]?.kind != .stage { errors.add(["parentId"], "No such stage in this project.", "NOT_FOUND") }
                else if draft.subtree(taskID).contains(parentID) { errors.add(["parentId"], "A stage cannot go under itself.", "INVALID") }
            }
            fields.parentID = parentID
        }
        if fields.kind != .stage, draft.liveFields.values.contains(where: { $0.parentID == taskID }) {
            errors.add(["kind"], "Only a stage holds other rows.", "INVALID")
        }
        if let assignees = input.assigneeIDs {
            let live = Set(try await identity.users(ids: assignees).filter { $0.deletedAt == nil }.map(\.id))
            if let missing = assignees.firstIndex(where: { !live.contains($0) }) { errors.add(["assigneeIds", String(missing)], "No such user.", "NOT_FOUND") }
            fields.assigneeIDs = assignees.uniqued()
        }
        return fields
    }

    /// Durations: 0 to 3650 working days; a milestone has 0; a stage's is computed (kept 0).
    static func checkDuration(kind: ScheduleTask.Kind, days: inout Int, path: [String], _ errors: inout Errors) {
        switch kind {
        case .milestone, .stage: days = 0
        case .task: if !(0...3_650).contains(days) { errors.add(path, "A duration is 0 to 3650 working days.", "OUT_OF_RANGE") }
        }
    }
}

extension ProjectDependency {
    var scheduleDependency: ScheduleDependency {
        ScheduleDependency(predecessorId: predecessorID, successorId: successorID, type: type, lagDays: lagDays)
    }
}
