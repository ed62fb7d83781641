import CRM
import Foundation
import GraphQLEngine

/// Projects with Gantt data: projects, their plans (stages, tasks, milestones, dependencies) as
/// computed by the scheduler, templates, and the mutations that change them.
enum ProjectResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("projects") { _, call in try await projects(call) }
            t.asyncField("projectTemplates") { _, call in
                _ = try call.context.requireReader()
                let (text, deleted) = SupportResolvers.nameFilter(call.arguments)
                let templates = try await call.context.services.projectStore.templates(text: text, deleted: deleted)
                return try Connection.page(templates, arguments: call.arguments) { GlobalID.encode("ProjectTemplate", $0.id) }
            }
        }
        bindProject(&b)
        bindTask(&b)
        bindTemplate(&b)
        bindMutations(&b)
        b.object("Pipeline", as: Pipeline.self) { t in
            t.batchField("projectTemplateOnWin") { pipelines, call in
                let templates = Dictionary(uniqueKeysWithValues: try await call.context.services.projectStore
                    .templates(ids: Array(Set(pipelines.compactMap(\.projectTemplateID)))).map { ($0.id, $0) })
                return pipelines.map { $0.projectTemplateID.flatMap { templates[$0] } }
            }
        }
        b.object("Deal", as: Deal.self) { t in
            t.batchField("project") { deals, call in
                var query = ProjectQuery()
                query.dealIDs = deals.map(\.id)
                query.page.limit = max(1, deals.count)
                query.page.countsTotal = false
                let projects = try await call.context.services.projectStore.projects(query, visibility: try await call.context.visibility()).items
                let byDeal = Dictionary(projects.compactMap { p in p.fields.dealID.map { ($0, p) } }, uniquingKeysWith: { a, _ in a })
                return deals.map { byDeal[$0.id] }
            }
        }
        b.object("Task", as: TaskItem.self) { t in
            t.batchField("projectTask") { tasks, call in try await linkedProjectTasks(tasks, call.context).map { $0?.task } }
            t.batchField("project") { tasks, call in try await linkedProjectTasks(tasks, call.context).map { $0?.project } }
        }
        for name in ["ProjectConnection", "ProjectEdge", "ProjectPayload", "ProjectTaskConnection", "ProjectTaskEdge", "ProjectTaskPayload",
                     "MoveProjectTaskPayload", "ProjectDependencyPayload", "DeleteProjectDependencyPayload", "GanttRow", "GanttDependency",
                     "ProjectTemplateConnection", "ProjectTemplateEdge", "ProjectTemplatePayload", "ProjectTemplateTask",
                     "ProjectTemplateDependency"] {
            b.mapObject(name)
        }
    }

    /// The project tasks (and their projects) personal tasks were made for, as the viewer sees them.
    static func linkedProjectTasks(_ tasks: [TaskItem], _ context: RequestContext) async throws -> [(task: ProjectTask, project: Project)?] {
        let projectTasks = try await context.services.projectStore.projectTasks(ids: Array(Set(tasks.compactMap(\.projectTaskID))))
        let projects = Dictionary(uniqueKeysWithValues: try await context.services.projectStore
            .projects(ids: Array(Set(projectTasks.map(\.projectID))), visibility: try await context.visibility()).map { ($0.id, $0) })
        let byID = Dictionary(uniqueKeysWithValues: projectTasks.map { ($0.id, $0) })
        return tasks.map { task in
            guard let id = task.projectTaskID, let projectTask = byID[id], let project = projects[projectTask.projectID] else { return nil }
            return (projectTask, project)
        }
    }

    static func projects(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        var query = ProjectQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        if let filter = call.arguments["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            if case .array(let statuses)? = filter["statuses"] {
                query.statuses = RecordInput.strings(statuses).compactMap { Project.Status(rawValue: $0.lowercased()) }
            }
            query.clientIDs = ids(filter["clientIds"], "Client")
            query.managerIDs = ids(filter["managerIds"], "User")
            query.assigneeIDs = ids(filter["assigneeIds"], "User")
            query.plannedFrom = (filter["plannedStart"]?["from"]).flatMap(RecordInput.string)
            query.plannedTo = (filter["plannedStart"]?["to"]).flatMap(RecordInput.string)
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var descending = true
        if let orderBy = call.arguments["orderBy"], case .object = orderBy {
            query.order = switch RecordInput.string(orderBy["field"] ?? .null) {
            case "NAME": .name
            case "PLANNED_START": .plannedStart
            case "FINISH": .finish
            case "CREATED_AT": .createdAt
            default: .plannedStart
            }
            descending = orderBy["direction"] != .string("ASC")
        }
        query.page = try KeysetPaging.request(call.arguments, descending: descending, info: call.info)
        let page = try await call.context.services.projectStore.projects(query, visibility: try await call.context.visibility())
        return KeysetPaging.connection(page, request: query.page) { p in
            let value: String = switch query.order {
            case .name: p.fields.name.lowercased()
            case .plannedStart: p.fields.plannedStart
            case .finish: p.finish
            case .createdAt: RFC3339.format(p.createdAt)
            }
            return RecordCursor(sortValue: value, id: p.id)
        }
    }

    /// The live plans of a level of projects, read once.
    static func plans(_ projectIDs: [Int64], _ context: RequestContext) async throws -> [Int64: ProjectPlan] {
        try await context.services.projectStore.plans(projectIDs: Array(Set(projectIDs)))
    }

    static func bindProject(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Project", as: Project.self) { t in
            t.field("id") { p, _ in GlobalID.encode("Project", p.id) }
            t.field("name", \.fields.name)
            t.field("description", \.fields.description)
            t.batchField("client") { projects, call in
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(projects.compactMap(\.fields.clientID))), visibility: try await call.context.visibility()).map { ($0.id, $0) })
                return projects.map { $0.fields.clientID.flatMap { clients[$0] } }
            }
            t.batchField("deal") { projects, call in
                let deals = Dictionary(uniqueKeysWithValues: try await call.context.services.dealStore
                    .deals(ids: Array(Set(projects.compactMap(\.fields.dealID))), visibility: try await call.context.visibility()).map { ($0.id, $0) })
                return projects.map { $0.fields.dealID.flatMap { deals[$0] } }
            }
            t.batchField("manager") { projects, call in
                let users = try await IdentityResolvers.usersByID(projects.compactMap(\.fields.managerID), call.context)
                return projects.map { $0.fields.managerID.flatMap { users[$0] } }
            }
            t.field("status") { p, _ in p.fields.status.rawValue.uppercased() }
            t.field("plannedStart", \.fields.plannedStart)
            t.field("start", \.start)
            t.field("finish", \.finish)
            t.batchField("calendar") { projects, call in
                let calendars = Dictionary(uniqueKeysWithValues: try await call.context.services.supportStore
                    .calendars(ids: Array(Set(projects.map(\.fields.calendarID)))).map { ($0.id, $0) })
                return projects.map { calendars[$0.fields.calendarID] }
            }
            t.batchField("template") { projects, call in
                let templates = Dictionary(uniqueKeysWithValues: try await call.context.services.projectStore
                    .templates(ids: Array(Set(projects.compactMap(\.fields.templateID)))).map { ($0.id, $0) })
                return projects.map { $0.fields.templateID.flatMap { templates[$0] } }
            }
            t.field("progress", \.progress)
            t.batchField("tasks") { projects, call in
                let plans = try await plans(projects.map(\.id), call.context)
                let filter = call.arguments["filter"]
                var results: [(any Sendable)?] = []
                for project in projects {
                    let tasks = try await filtered(plans[project.id], filter, call.context)
                    results.append(try Connection.page(tasks, arguments: call.arguments) { GlobalID.encode("ProjectTask", $0.id) })
                }
                return results
            }
            t.batchField("dependencies") { projects, call in
                let plans = try await plans(projects.map(\.id), call.context)
                return projects.map { plans[$0.id]?.dependencies ?? [] }
            }
            t.batchField("gantt") { projects, call in
                let plans = try await plans(projects.map(\.id), call.context)
                return projects.map { project in plans[project.id].map(gantt) ?? [] }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { projects, call in try await IdentityResolvers.actors(projects.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { p, call in try await IdentityResolvers.history("Project", p.id, call) }
        }
        b.object("ProjectDependency", as: ProjectDependency.self) { t in
            t.field("id") { d, _ in GlobalID.encode("ProjectDependency", d.id) }
            for (field, key) in [("predecessor", \ProjectDependency.predecessorID), ("successor", \ProjectDependency.successorID)] {
                t.batchField(field) { dependencies, call in
                    let tasks = Dictionary(uniqueKeysWithValues: try await call.context.services.projectStore
                        .projectTasks(ids: Array(Set(dependencies.map { $0[keyPath: key] }))).map { ($0.id, $0) })
                    return dependencies.map { tasks[$0[keyPath: key]] }
                }
            }
            t.field("type") { d, _ in d.type.rawValue.uppercased() }
            t.field("lagDays", \.lagDays)
        }
    }

    /// The live tasks of a plan in plan order, narrowed by a `ProjectTaskFilter`.
    static func filtered(_ plan: ProjectPlan?, _ filter: JSONValue?, _ context: RequestContext) async throws -> [ProjectTask] {
        guard let plan else { return [] }
        var tasks = plan.ordered
        if case .string(let deleted)? = filter?["deleted"], deleted != "EXCLUDE",
           let full = try await context.services.projectStore.plan(projectID: plan.project.id) {
            let removed = full.tasks.filter { $0.deletedAt != nil }
            tasks = deleted == "ONLY" ? removed : tasks + removed
        }
        if case .array(let kinds)? = filter?["kinds"] {
            let wanted = Set(RecordInput.strings(kinds).map { $0.lowercased() })
            tasks = tasks.filter { wanted.contains($0.fields.kind.rawValue) }
        }
        if let parent = filter?["parentId"], parent != .null {
            let id = RecordInput.id(parent, of: "ProjectTask") ?? -1
            tasks = tasks.filter { $0.fields.parentID == id }
        }
        if case .array(let users)? = filter?["assigneeIds"] {
            let ids = Set(RecordInput.strings(users).map { GlobalID.id($0, of: "User") ?? -1 })
            tasks = tasks.filter { !ids.isDisjoint(with: $0.fields.assigneeIDs) }
        }
        if case .bool(let critical)? = filter?["critical"] { tasks = tasks.filter { $0.schedule.critical == critical } }
        return tasks
    }

    static func gantt(_ plan: ProjectPlan) -> [[String: any Sendable]] {
        let predecessors = Dictionary(grouping: plan.dependencies, by: \.successorID)
        return plan.ordered.map { task in
            [
                "id": GlobalID.encode("ProjectTask", task.id),
                "parentId": task.fields.parentID.map { GlobalID.encode("ProjectTask", $0) } as (any Sendable)?,
                "name": task.fields.name,
                "kind": task.fields.kind.rawValue.uppercased(),
                "start": task.schedule.start,
                "finish": task.schedule.finish,
                "progress": task.fields.progress,
                "dependencies": (predecessors[task.id] ?? []).map {
                    ["predecessorId": GlobalID.encode("ProjectTask", $0.predecessorID), "type": $0.type.rawValue.uppercased(),
                     "lagDays": $0.lagDays] as [String: any Sendable]
                },
                "critical": task.schedule.critical,
                "totalFloat": task.schedule.totalFloat,
                "assigneeIds": task.fields.assigneeIDs,
            ].compactMapValues { $0 }
        }
    }

    static func bindTask(_ b: inout SchemaBindings<RequestContext>) {
        b.object("GanttRow", as: [String: any Sendable].self) { t in
            t.batchField("assignees") { rows, call in
                let ids = rows.map { $0["assigneeIds"] as? [Int64] ?? [] }
                let users = try await IdentityResolvers.usersByID(ids.flatMap { $0 }, call.context)
                return ids.map { $0.compactMap { users[$0] } }
            }
        }
        b.object("ProjectTask", as: ProjectTask.self) { t in
            t.field("id") { task, _ in GlobalID.encode("ProjectTask", task.id) }
            t.batchField("project") { tasks, call in
                let projects = Dictionary(uniqueKeysWithValues: try await call.context.services.projectStore
                    .projects(ids: Array(Set(tasks.map(\.projectID))), visibility: .all).map { ($0.id, $0) })
                return tasks.map { projects[$0.projectID] }
            }
            t.batchField("parent") { tasks, call in
                let parents = Dictionary(uniqueKeysWithValues: try await call.context.services.projectStore
                    .projectTasks(ids: Array(Set(tasks.compactMap(\.fields.parentID)))).map { ($0.id, $0) })
                return tasks.map { $0.fields.parentID.flatMap { parents[$0] } }
            }
            t.field("kind") { task, _ in task.fields.kind.rawValue.uppercased() }
            t.field("name", \.fields.name)
            t.field("description", \.fields.description)
            t.field("position", \.fields.position)
            t.field("start", \.schedule.start)
            t.field("finish", \.schedule.finish)
            t.field("durationDays") { task, _ in task.fields.kind == .stage ? task.schedule.durationDays : task.fields.durationDays }
            t.field("progress", \.fields.progress)
            t.batchField("assignees") { tasks, call in
                let users = try await IdentityResolvers.usersByID(tasks.flatMap(\.fields.assigneeIDs), call.context)
                return tasks.map { $0.fields.assigneeIDs.compactMap { users[$0] } }
            }
            for (field, predecessors) in [("predecessors", true), ("successors", false)] {
                t.batchField(field) { tasks, call in
                    let plans = try await plans(tasks.map(\.projectID), call.context)
                    return tasks.map { task in
                        (plans[task.projectID]?.dependencies ?? []).filter { (predecessors ? $0.successorID : $0.predecessorID) == task.id }
                    }
                }
            }
            t.field("startNoEarlierThan", \.fields.startNoEarlierThan)
            t.field("earlyStart", \.schedule.earlyStart)
            t.field("earlyFinish", \.schedule.earlyFinish)
            t.field("lateStart", \.schedule.lateStart)
            t.field("lateFinish", \.schedule.lateFinish)
            t.field("totalFloat", \.schedule.totalFloat)
            t.field("critical", \.schedule.critical)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { tasks, call in try await IdentityResolvers.actors(tasks.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { task, call in try await IdentityResolvers.history("ProjectTask", task.id, call) }
        }
    }

    static func bindTemplate(_ b: inout SchemaBindings<RequestContext>) {
        b.object("ProjectTemplate", as: ProjectTemplate.self) { t in
            t.field("id") { template, _ in GlobalID.encode("ProjectTemplate", template.id) }
            t.field("name", \.name)
            t.field("description", \.description)
            t.field("tasks") { template, _ in
                template.rows.map { row in
                    ["key": row.key, "parentKey": row.parentKey, "kind": row.kind.rawValue.uppercased(), "name": row.name,
                     "durationDays": row.durationDays, "assigneeRoles": row.assigneeRoles] as [String: (any Sendable)?]
                }
            }
            t.field("dependencies") { template, _ in
                template.links.map { link in
                    ["predecessorKey": link.predecessorKey, "successorKey": link.successorKey, "type": link.type.rawValue.uppercased(),
                     "lagDays": link.lagDays] as [String: any Sendable]
                }
            }
            t.field("roles", \.roles)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { templates, call in try await IdentityResolvers.actors(templates.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { template, call in try await IdentityResolvers.history("ProjectTemplate", template.id, call) }
        }
    }

    // MARK: Inputs

    static func projectInput(_ input: JSONValue?) -> ProjectInput {
        var result = ProjectInput()
        guard case .object(let members)? = input else { return result }
        func id(_ value: JSONValue, _ type: String) -> Int64? { value == .null ? nil : RecordInput.id(value, of: type) ?? -1 }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": result.name = RecordInput.string(value) ?? ""
            case "description": result.description = .set(RecordInput.string(value))
            case "clientId": result.clientID = .set(id(value, "Client"))
            case "dealId": result.dealID = .set(id(value, "Deal"))
            case "managerId": result.managerID = .set(id(value, "User"))
            case "status": result.status = RecordInput.string(value).flatMap { Project.Status(rawValue: $0.lowercased()) }
            case "plannedStart": result.plannedStart = RecordInput.string(value)
            case "calendarId": if value != .null { result.calendarID = RecordInput.id(value, of: "WorkingCalendar") ?? -1 }
            default: break
            }
        }
        return result
    }

    static func taskInput(_ input: JSONValue?) -> ProjectTaskInput {
        var result = ProjectTaskInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "parentId": result.parentID = .set(value == .null ? nil : RecordInput.id(value, of: "ProjectTask") ?? -1)
            case "kind": result.kind = RecordInput.string(value).flatMap { ScheduleTask.Kind(rawValue: $0.lowercased()) }
            case "name": result.name = RecordInput.string(value) ?? ""
            case "description": result.description = .set(RecordInput.string(value))
            case "durationDays": result.durationDays = RecordInput.int(value)
            case "progress": result.progress = RecordInput.int(value)
            case "assigneeIds": if value != .null { result.assigneeIDs = RecordInput.strings(RecordInput.array(value)).map { GlobalID.id($0, of: "User") ?? -1 } }
            case "position": result.position = RecordInput.int(value)
            default: break
            }
        }
        return result
    }

    static func templateChanges(_ input: JSONValue?) -> ProjectTemplateChanges {
        var changes = ProjectTemplateChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "description": changes.description = .set(RecordInput.string(value))
            case "tasks":
                if value != .null {
                    changes.rows = RecordInput.array(value).map { row in
                        ProjectTemplate.Row(key: RecordInput.string(row["key"] ?? .null) ?? "", parentKey: (row["parentKey"]).flatMap(RecordInput.string),
                                            kind: (row["kind"]).flatMap(RecordInput.string).flatMap { ScheduleTask.Kind(rawValue: $0.lowercased()) } ?? .task,
                                            name: RecordInput.string(row["name"] ?? .null) ?? "",
                                            durationDays: (row["durationDays"]).flatMap(RecordInput.int) ?? 1,
                                            assigneeRoles: RecordInput.strings(RecordInput.array(row["assigneeRoles"] ?? .null)))
                    }
                }
            case "dependencies":
                if value != .null {
                    changes.links = RecordInput.array(value).map { link in
                        ProjectTemplate.Link(predecessorKey: RecordInput.string(link["predecessorKey"] ?? .null) ?? "",
                                             successorKey: RecordInput.string(link["successorKey"] ?? .null) ?? "",
                                             type: (link["type"]).flatMap(RecordInput.string).flatMap { ScheduleDependency.Kind(rawValue: $0.lowercased()) } ?? .fs,
                                             lagDays: (link["lagDays"]).flatMap(RecordInput.int) ?? 0)
                    }
                }
            default: break
            }
        }
        return changes
    }

    // MARK: Mutations

    /// A plan mutation's payload: the task, the project, the moved tasks, a refusing cycle.
    static func planPayload(_ body: () async throws -> ProjectService.PlanOutcome) async throws -> [String: any Sendable] {
        do {
            let outcome = try await body()
            return IdentityResolvers.payload([
                "projectTask": outcome.task, "project": outcome.project, "rescheduled": outcome.rescheduled,
                "dependency": outcome.dependency, "cycle": outcome.cycle, "deletedId": nil,
                "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable],
            ])
        } catch let error as DomainError {
            return try IdentityResolvers.failure(error)
        }
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createProject") { _, call in
                let input = projectInput(call.arguments["input"])
                return try await MutationPayload.run("project") { try await call.context.services.projects.create(call.context.viewer, input) }
            }
            t.asyncField("createProjectFromTemplate") { _, call in
                let raw = call.arguments["input"]
                let template = (raw?["templateId"]).flatMap { RecordInput.id($0, of: "ProjectTemplate") } ?? -1
                let input = projectInput(raw)
                var roles: [String: [Int64]] = [:]
                for assignment in RecordInput.array(raw?["roleAssignments"] ?? .null) {
                    let role = RecordInput.string(assignment["role"] ?? .null) ?? ""
                    roles[role, default: []] += RecordInput.strings(RecordInput.array(assignment["userIds"] ?? .null)).map { GlobalID.id($0, of: "User") ?? -1 }
                }
                let final = roles
                return try await MutationPayload.run("project") {
                    try await call.context.services.projects.createFromTemplate(call.context.viewer, templateID: template, input, roles: final)
                }
            }
            t.asyncField("updateProject") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Project", noun: "project"), RecordInput.requiredVersion(raw))
                let input = projectInput(raw)
                return try await MutationPayload.run("project") {
                    try await call.context.services.projects.update(call.context.viewer, id: id, version: version, input)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Project", noun: "project") { call, id, version, deleting in
                try await MutationPayload.run("project") {
                    try await call.context.services.projects.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("createProjectTask") { _, call in
                let raw = call.arguments["input"]
                let project = try RecordInput.recordID(raw, "Project", noun: "project", key: "projectId")
                let input = taskInput(raw)
                return try await planPayload { try await call.context.services.projects.createTask(call.context.viewer, projectID: project, input) }
            }
            t.asyncField("updateProjectTask") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "ProjectTask", noun: "project task"), RecordInput.requiredVersion(raw))
                let input = taskInput(raw)
                return try await planPayload { try await call.context.services.projects.updateTask(call.context.viewer, id: id, version: version, input) }
            }
            t.asyncField("moveProjectTask") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "ProjectTask", noun: "project task"), RecordInput.requiredVersion(raw))
                let start = RecordInput.string(raw?["start"] ?? .null) ?? ""
                return try await planPayload { try await call.context.services.projects.moveTask(call.context.viewer, id: id, version: version, start: start) }
            }
            MutationPayload.bindDeleteRestore(&t, "ProjectTask", noun: "project task") { call, id, version, deleting in
                try await planPayload {
                    try await call.context.services.projects.setTaskDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
            t.asyncField("createProjectDependency") { _, call in
                let raw = call.arguments["input"]
                let predecessor = try RecordInput.recordID(raw, "ProjectTask", noun: "project task", key: "predecessorId")
                let successor = (raw?["successorId"]).flatMap { RecordInput.id($0, of: "ProjectTask") } ?? -1
                let type = (raw?["type"]).flatMap(RecordInput.string).flatMap { ScheduleDependency.Kind(rawValue: $0.lowercased()) } ?? .fs
                let lag = (raw?["lagDays"]).flatMap(RecordInput.int) ?? 0
                return try await planPayload {
                    try await call.context.services.projects.createDependency(call.context.viewer, ProjectDependency(
                        projectID: 0, predecessorID: predecessor, successorID: successor, type: type, lagDays: lag))
                }
            }
            t.asyncField("deleteProjectDependency") { _, call in
                let raw = call.arguments["input"]
                let id = try RecordInput.recordID(raw, "ProjectDependency", noun: "dependency")
                guard let projectID = try await call.context.services.projectStore.dependencyProject(id: id) else {
                    throw ResolverError("No such dependency.", code: "NOT_FOUND")
                }
                var payload = try await planPayload {
                    try await call.context.services.projects.deleteDependency(call.context.viewer, id: id, projectID: projectID)
                }
                if (payload["userErrors"] as? [any Sendable])?.isEmpty == true, payload["project"] != nil {
                    payload["deletedId"] = GlobalID.encode("ProjectDependency", id)
                }
                return payload
            }
            t.asyncField("createProjectTemplate") { _, call in
                let changes = templateChanges(call.arguments["input"])
                return try await MutationPayload.run("projectTemplate") {
                    try await call.context.services.projectTemplates.create(call.context.viewer, changes)
                }
            }
            t.asyncField("updateProjectTemplate") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "ProjectTemplate", noun: "project template"), RecordInput.requiredVersion(raw))
                let changes = templateChanges(raw)
                return try await MutationPayload.run("projectTemplate") {
                    try await call.context.services.projectTemplates.update(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "ProjectTemplate", noun: "project template") { call, id, version, deleting in
                try await MutationPayload.run("projectTemplate") {
                    try await call.context.services.projectTemplates.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
    }
}

extension ProjectService.Outcome: RecordOutcome {
    var record: (any Sendable)? { project }
}

extension ProjectTemplateService.Outcome: RecordOutcome {
    var record: (any Sendable)? { template }
}
