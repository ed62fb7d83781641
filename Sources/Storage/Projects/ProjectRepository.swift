import CRM
import Foundation
import GRDB

/// ``ProjectStore`` over SQLite: templates with their rows as JSON; projects, their tasks and
/// dependencies, each change of a plan written in one transaction with its schedule and the
/// assignees' personal tasks, guarded by the project's plan revision.
public struct ProjectRepository: ProjectStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A record named with a version it no longer has: the transaction is rolled back.
    struct StaleRecord: Error {
        let entity: String
        let id: Int64
    }

    // MARK: Templates

    public func templates(ids: [Int64]) async throws -> [ProjectTemplate] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM project_templates WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.template)
        }
    }

    public func templates(text: String?, deleted: DeletedFilter) async throws -> [ProjectTemplate] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            list.add("sb_fold(name) LIKE ? ESCAPE '\\'", [RecordList.containsPattern(text)])
        }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM project_templates WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY name, id",
                             arguments: final.arguments).map(Self.template)
        }
    }

    public func insertTemplate(_ t: ProjectTemplate, createdBy: Int64?, at date: Date) async throws -> ProjectTemplate {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO project_templates (name, description, tasks, dependencies, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [t.name, t.description, Self.rowsJSON(t.rows), Self.linksJSON(t.links), now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let template = try await templates(ids: [id]).first else { throw StorageFailure("project template \(id) vanished") }
        return template
    }

    public func updateTemplate(_ t: ProjectTemplate, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                               at date: Date) async throws -> VersionedWrite<ProjectTemplate> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "project_templates", entity: "ProjectTemplate", id: t.id, expectedVersion: expectedVersion,
                                    columns: [("name", t.name), ("description", t.description), ("tasks", Self.rowsJSON(t.rows)),
                                              ("dependencies", Self.linksJSON(t.links)), ("deleted_at", t.deletedAt.map(SQLTime.text))],
                                    edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await templates(ids: [t.id]).first)
    }

    static func rowsJSON(_ rows: [ProjectTemplate.Row]) -> String {
        json(rows.map { row -> [String: Any] in
            var object: [String: Any] = ["key": row.key, "kind": row.kind.rawValue, "name": row.name, "durationDays": row.durationDays,
                                         "assigneeRoles": row.assigneeRoles]
            if let parent = row.parentKey { object["parentKey"] = parent }
            return object
        })
    }

    static func linksJSON(_ links: [ProjectTemplate.Link]) -> String {
        json(links.map { ["predecessorKey": $0.predecessorKey, "successorKey": $0.successorKey, "type": $0.type.rawValue, "lagDays": $0.lagDays] })
    }

    static func json(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? "[]"
    }

    static func template(_ row: Row) -> ProjectTemplate {
        let rows = (SupportRepository.json(row["tasks"]) as? [[String: Any]] ?? []).map { r in
            ProjectTemplate.Row(key: r["key"] as? String ?? "", parentKey: r["parentKey"] as? String,
                                kind: ScheduleTask.Kind(rawValue: r["kind"] as? String ?? "") ?? .task, name: r["name"] as? String ?? "",
                                durationDays: r["durationDays"] as? Int ?? 0, assigneeRoles: r["assigneeRoles"] as? [String] ?? [])
        }
        let links = (SupportRepository.json(row["dependencies"]) as? [[String: Any]] ?? []).map { l in
            ProjectTemplate.Link(predecessorKey: l["predecessorKey"] as? String ?? "", successorKey: l["successorKey"] as? String ?? "",
                                 type: ScheduleDependency.Kind(rawValue: l["type"] as? String ?? "") ?? .fs, lagDays: l["lagDays"] as? Int ?? 0)
        }
        return ProjectTemplate(id: row["id"], name: row["name"], description: row["description"], rows: rows, links: links,
                               createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                               createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    // MARK: Projects

    /// Seen by its manager and creator, and by the assignees of its live tasks.
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("""
            (manager_id IN (SELECT value FROM json_each(?1)) OR created_by IN (SELECT value FROM json_each(?1))
             OR EXISTS (SELECT 1 FROM project_tasks AS t, json_each(t.assignee_ids) AS a WHERE t.project_id = projects.id
                        AND t.deleted_at IS NULL AND a.value IN (SELECT value FROM json_each(?1))))
            """.replacingOccurrences(of: "?1", with: "?"),
             [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids)])
        }
    }

    public func projects(ids: [Int64], visibility: Visibility) async throws -> [Project] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = Self.visible(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM projects WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.project)
        }
    }

    public func projects(_ query: ProjectQuery, visibility: Visibility) async throws -> Page<Project> {
        var list = RecordList(visible: Self.visible(visibility), deleted: query.deleted)
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(name) LIKE ? ESCAPE '\\' OR sb_fold(description) LIKE ? ESCAPE '\\')", [pattern, pattern])
        }
        if let statuses = query.statuses { list.add("status IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(statuses.map(\.rawValue))]) }
        ids("client_id", query.clientIDs)
        ids("manager_id", query.managerIDs)
        ids("deal_id", query.dealIDs)
        if let assignees = query.assigneeIDs {
            list.add("""
                EXISTS (SELECT 1 FROM project_tasks AS t, json_each(t.assignee_ids) AS a WHERE t.project_id = projects.id
                        AND t.deleted_at IS NULL AND a.value IN (SELECT value FROM json_each(?)))
                """, [IdentityRepository.jsonArray(assignees)])
        }
        if let from = query.plannedFrom { list.add("planned_start >= ?", [from]) }
        if let to = query.plannedTo { list.add("planned_start <= ?", [to]) }
        let order = switch query.order {
        case .name: "sb_fold(name)"
        case .plannedStart: "planned_start"
        case .finish: "finish_date"
        case .createdAt: "created_at"
        }
        let final = list
        return try await database.read { db in
            try final.fetch(db, table: "projects", orderColumn: order, page: query.page, map: Self.project)
        }
    }

    public func plan(projectID: Int64) async throws -> ProjectPlan? {
        try await database.read { db in
            guard let project = try Row.fetchOne(cached: db, sql: "SELECT * FROM projects WHERE id = ?", arguments: [projectID]).map(Self.project) else {
                return nil
            }
            let tasks = try Row.fetchAll(cached: db, sql: "SELECT * FROM project_tasks WHERE project_id = ? ORDER BY position, id",
                                         arguments: [projectID]).map(Self.task)
            let dependencies = try Row.fetchAll(cached: db, sql: "SELECT * FROM project_dependencies WHERE project_id = ? ORDER BY id",
                                                arguments: [projectID]).map(Self.dependency)
            let linked = try Row.fetchAll(cached: db, sql: """
                SELECT * FROM tasks WHERE deleted_at IS NULL AND project_task_id IN (SELECT id FROM project_tasks WHERE project_id = ?)
                ORDER BY id
                """, arguments: [projectID]).map(TaskRepository.task)
            return ProjectPlan(project: project, tasks: tasks, dependencies: dependencies, linked: linked)
        }
    }

    public func plans(projectIDs: [Int64]) async throws -> [Int64: ProjectPlan] {
        if projectIDs.isEmpty { return [:] }
        return try await database.read { db in
            let ids = IdentityRepository.jsonArray(projectIDs)
            let projects = try Row.fetchAll(cached: db, sql: "SELECT * FROM projects WHERE id IN (SELECT value FROM json_each(?))", arguments: [ids])
                .map(Self.project)
            let tasks = Dictionary(grouping: try Row.fetchAll(cached: db, sql: """
                SELECT * FROM project_tasks WHERE project_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL ORDER BY position, id
                """, arguments: [ids]).map(Self.task), by: \.projectID)
            let dependencies = Dictionary(grouping: try Row.fetchAll(cached: db, sql: """
                SELECT * FROM project_dependencies WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY id
                """, arguments: [ids]).map(Self.dependency), by: \.projectID)
            // Only the dependencies in force: between live tasks.
            return Dictionary(uniqueKeysWithValues: projects.map { project in
                let live = Set((tasks[project.id] ?? []).map(\.id))
                return (project.id, ProjectPlan(project: project, tasks: tasks[project.id] ?? [], dependencies: (dependencies[project.id] ?? [])
                    .filter { live.contains($0.predecessorID) && live.contains($0.successorID) }))
            })
        }
    }

    public func projectTasks(ids: [Int64]) async throws -> [ProjectTask] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM project_tasks WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.task)
        }
    }

    public func dependencyProject(id: Int64) async throws -> Int64? {
        try await database.read { db in
            try Int64.fetchOne(cached: db, sql: "SELECT project_id FROM project_dependencies WHERE id = ?", arguments: [id])
        }
    }

    public func insertProject(_ fields: ProjectFields, plan: PlanChange, createdBy: Int64?, at date: Date) async throws -> Project {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(fields) + [("start_date", plan.schedule.start), ("finish_date", plan.schedule.finish),
                                                  ("progress", plan.projectProgress)]
            try db.execute(sql: "INSERT INTO projects (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            let id = db.lastInsertedRowID
            _ = try Self.apply(db, plan, projectID: id, actor: createdBy.map(Actor.user) ?? .system, createdBy: createdBy, now: now)
            return id
        }
        guard let project = try await projects(ids: [id], visibility: .all).first else { throw StorageFailure("project \(id) vanished") }
        return project
    }

    public func writePlan(_ change: PlanChange, actor: Actor, at date: Date) async throws -> PlanWriteOutcome {
        let now = SQLTime.text(date)
        let createdBy: Int64? = if case .user(let id) = actor { id } else { nil }
        do {
            return try await database.write { db -> PlanWriteOutcome in
                guard let revision = try Int.fetchOne(cached: db, sql: "SELECT plan_revision FROM projects WHERE id = ?", arguments: [change.projectID]) else {
                    return .notFound
                }
                guard revision == change.expectedRevision else { return .staleRevision }
                if let project = change.project {
                    let outcome = try VersionedRow.update(db, table: "projects", entity: "Project", id: change.projectID,
                                                          expectedVersion: project.expectedVersion,
                                                          columns: Self.columns(project.fields) + [("deleted_at", project.deletedAt.map(SQLTime.text))],
                                                          edits: project.edits, actor: actor, at: now)
                    if outcome != .written { throw StaleRecord(entity: "Project", id: change.projectID) }
                }
                let (taskIDs, dependencyIDs) = try Self.apply(db, change, projectID: change.projectID, actor: actor, createdBy: createdBy, now: now)
                return .written(taskIDs: taskIDs, dependencyIDs: dependencyIDs)
            }
        } catch let stale as StaleRecord {
            return .staleVersion(entity: stale.entity, id: stale.id)
        }
    }

    /// Writes a plan change inside the caller's transaction: tasks, dependencies, the schedule and
    /// progress of every live task and of the project, the next plan revision, personal tasks.
    static func apply(_ db: GRDB.Database, _ change: PlanChange, projectID: Int64, actor: Actor, createdBy: Int64?,
                      now: String) throws -> (taskIDs: [Int64: Int64], dependencyIDs: [Int64]) {
        var ids: [Int64: Int64] = [:]
        func real(_ id: Int64?) -> Int64? { id.map { $0 < 0 ? ids[$0] ?? $0 : $0 } }
        for update in change.updateTasks {
            var fields = update.task.fields
            fields.parentID = real(fields.parentID)
            let outcome = try VersionedRow.update(db, table: "project_tasks", entity: "ProjectTask", id: update.task.id,
                                                  expectedVersion: update.expectedVersion,
                                                  columns: taskColumns(fields) + [("deleted_at", update.task.deletedAt.map(SQLTime.text))],
                                                  edits: update.edits, actor: actor, at: now)
            if outcome != .written { throw StaleRecord(entity: "ProjectTask", id: update.task.id) }
        }
        for (temporary, input) in change.insertTasks {
            var fields = input
            fields.parentID = real(fields.parentID)
            let columns = taskColumns(fields) + scheduleColumns(change.schedule[temporary], progress: change.progress[temporary] ?? fields.progress)
                + [("project_id", projectID)]
            try db.execute(sql: "INSERT INTO project_tasks (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            ids[temporary] = db.lastInsertedRowID
        }
        if !change.deleteDependencyIDs.isEmpty {
            try db.execute(sql: "DELETE FROM project_dependencies WHERE project_id = ? AND id IN (SELECT value FROM json_each(?))",
                           arguments: [projectID, IdentityRepository.jsonArray(change.deleteDependencyIDs)])
        }
        var dependencyIDs: [Int64] = []
        for d in change.insertDependencies {
            try db.execute(sql: """
                INSERT INTO project_dependencies (project_id, predecessor_id, successor_id, type, lag_days, created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [projectID, real(d.predecessorID), real(d.successorID), d.type.rawValue, d.lagDays, now, createdBy])
            dependencyIDs.append(db.lastInsertedRowID)
        }
        for scheduled in change.schedule.tasks where scheduled.id > 0 {
            let columns = scheduleColumns(scheduled, progress: change.progress[scheduled.id] ?? 0)
            try db.execute(sql: "UPDATE project_tasks SET \(columns.map { "\($0.0) = ?" }.joined(separator: ", ")) WHERE id = ? AND project_id = ?",
                           arguments: StatementArguments(columns.map(\.1)) + [scheduled.id, projectID])
        }
        try db.execute(sql: "UPDATE projects SET start_date = ?, finish_date = ?, progress = ?, plan_revision = plan_revision + 1 WHERE id = ?",
                       arguments: [change.schedule.start, change.schedule.finish, change.projectProgress, projectID])
        for (projectTaskID, fields) in change.insertLinked {
            guard let taskID = real(projectTaskID) else { continue }
            let id = try TaskRepository.insert(db, fields, completedAt: nil, result: nil, createdBy: nil, at: now)
            try db.execute(sql: "UPDATE tasks SET project_task_id = ? WHERE id = ?", arguments: [taskID, id])
        }
        for (id, fields, edits) in change.updateLinked {
            // The user's own changes (status, result, reminders) stay: only what the plan says is written.
            let columns = TaskRepository.columns(fields, completedAt: nil, result: nil)
                .filter { ["title", "due_date", "due_at", "start_at", "duration_minutes", "client_id", "deal_id"].contains($0.0) }
            _ = try VersionedRow.update(db, table: "tasks", entity: "Task", id: id, expectedVersion: nil, columns: columns, edits: edits,
                                        actor: .system, at: now)
        }
        for id in change.deleteLinkedIDs {
            _ = try VersionedRow.update(db, table: "tasks", entity: "Task", id: id, expectedVersion: nil, columns: [("deleted_at", now)],
                                        edits: [FieldEdit("deletedAt", old: nil, new: FieldEdit.json(now))], actor: .system, at: now)
        }
        return (ids, dependencyIDs)
    }

    // MARK: Rows

    static func columns(_ f: ProjectFields) -> [(String, (any DatabaseValueConvertible)?)] {
        [("name", f.name), ("description", f.description), ("client_id", f.clientID), ("deal_id", f.dealID), ("manager_id", f.managerID),
         ("status", f.status.rawValue), ("planned_start", f.plannedStart), ("calendar_id", f.calendarID), ("template_id", f.templateID)]
    }

    static func taskColumns(_ f: ProjectTaskFields) -> [(String, (any DatabaseValueConvertible)?)] {
        [("parent_id", f.parentID), ("kind", f.kind.rawValue), ("name", f.name), ("description", f.description), ("position", f.position),
         ("duration_days", f.durationDays), ("assignee_ids", IdentityRepository.jsonArray(f.assigneeIDs)),
         ("start_no_earlier_than", f.startNoEarlierThan)]
    }

    static func scheduleColumns(_ s: ScheduledTask?, progress: Int) -> [(String, (any DatabaseValueConvertible)?)] {
        guard let s else { return [("progress", progress)] }
        return [("start_date", s.start), ("finish_date", s.finish), ("early_start", s.earlyStart), ("early_finish", s.earlyFinish),
                ("late_start", s.lateStart), ("late_finish", s.lateFinish), ("total_float", s.totalFloat), ("critical", s.critical),
                ("scheduled_duration", s.durationDays), ("progress", progress)]
    }

    static func project(_ row: Row) -> Project {
        let fields = ProjectFields(name: row["name"], description: row["description"], clientID: row["client_id"], dealID: row["deal_id"],
                                   managerID: row["manager_id"], status: Project.Status(rawValue: row["status"]) ?? .planned,
                                   plannedStart: row["planned_start"], calendarID: row["calendar_id"], templateID: row["template_id"])
        return Project(id: row["id"], fields: fields, start: row["start_date"], finish: row["finish_date"], progress: row["progress"],
                       planRevision: row["plan_revision"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                       updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"], version: row["version"],
                       deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func task(_ row: Row) -> ProjectTask {
        let fields = ProjectTaskFields(parentID: row["parent_id"], kind: ScheduleTask.Kind(rawValue: row["kind"]) ?? .task, name: row["name"],
                                       description: row["description"], position: row["position"], durationDays: row["duration_days"],
                                       progress: row["progress"], assigneeIDs: (SupportRepository.json(row["assignee_ids"]) as? [Int] ?? []).map(Int64.init),
                                       startNoEarlierThan: row["start_no_earlier_than"])
        let schedule = ScheduledTask(id: row["id"], start: row["start_date"], finish: row["finish_date"], durationDays: row["scheduled_duration"],
                                     earlyStart: row["early_start"], earlyFinish: row["early_finish"], lateStart: row["late_start"],
                                     lateFinish: row["late_finish"], totalFloat: row["total_float"], critical: row["critical"])
        return ProjectTask(id: row["id"], projectID: row["project_id"], fields: fields, schedule: schedule,
                           createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                           createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func dependency(_ row: Row) -> ProjectDependency {
        ProjectDependency(id: row["id"], projectID: row["project_id"], predecessorID: row["predecessor_id"], successorID: row["successor_id"],
                          type: ScheduleDependency.Kind(rawValue: row["type"]) ?? .fs, lagDays: row["lag_days"])
    }
}
