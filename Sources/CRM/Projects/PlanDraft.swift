import Foundation

/// A project's plan being changed in memory: rows (tasks of the plan, new ones with negative
/// ids), dependencies, the project's own fields; ``change(calendar:now:)`` schedules it and says
/// what to write.
struct PlanDraft {
    struct Row {
        var fields: ProjectTaskFields
        var deletedAt: Date?
        var expectedVersion: Int?
        let original: ProjectTask?
    }

    let project: Project
    var projectFields: ProjectFields
    var projectDeletedAt: Date?
    var projectVersion: Int?
    private(set) var rows: [Int64: Row] = [:]
    private(set) var newIDs: [Int64] = []
    var newDependencies: [ProjectDependency] = []
    var deletedDependencies: Set<Int64> = []
    let existingDependencies: [ProjectDependency]
    let linked: [TaskItem]

    init(_ plan: ProjectPlan) {
        project = plan.project
        projectFields = plan.project.fields
        projectDeletedAt = plan.project.deletedAt
        for task in plan.tasks { rows[task.id] = Row(fields: task.fields, deletedAt: task.deletedAt, original: task) }
        existingDependencies = plan.dependencies
        linked = plan.linked
    }

    /// The plan of a project not stored yet.
    init(project: Project) {
        self.init(ProjectPlan(project: project, tasks: [], dependencies: []))
    }

    mutating func insert(_ id: Int64, _ fields: ProjectTaskFields) {
        rows[id] = Row(fields: fields, original: nil)
        newIDs.append(id)
    }

    mutating func set(_ id: Int64, _ fields: ProjectTaskFields, version: Int?) {
        rows[id]?.fields = fields
        if let version { rows[id]?.expectedVersion = version }
    }

    mutating func setDeleted(_ id: Int64, _ at: Date?, version: Int?) {
        rows[id]?.deletedAt = at
        if let version { rows[id]?.expectedVersion = version }
    }

    /// Puts a live row at `position` among its live siblings (at the end past them); the others
    /// keep their order, and all are numbered from 0.
    mutating func place(_ id: Int64, at position: Int) {
        guard let parent = rows[id].map({ $0.fields.parentID }) else { return }
        let siblings = rows.filter { $0.key != id && $0.value.deletedAt == nil && $0.value.fields.parentID == parent }
            .sorted { ($0.value.fields.position, $0.key) < ($1.value.fields.position, $1.key) }.map(\.key)
        var order = siblings
        order.insert(id, at: max(0, min(position, order.count)))
        for (i, sibling) in order.enumerated() where rows[sibling]?.fields.position != i { rows[sibling]?.fields.position = i }
    }

    /// Live rows' fields by id.
    var liveFields: [Int64: ProjectTaskFields] {
        rows.compactMapValues { $0.deletedAt == nil ? $0.fields : nil }
    }

    /// A row and every row under it, deleted or not.
    func subtree(_ id: Int64) -> [Int64] {
        var out = [id]
        var i = 0
        while i < out.count {
            let parent = out[i]
            out += rows.filter { $0.value.fields.parentID == parent }.map(\.key).sorted()
            i += 1
        }
        return out
    }

    /// The live rows in plan order: each stage followed by its rows, siblings by position.
    var ordered: [(id: Int64, fields: ProjectTaskFields)] {
        let live = liveFields
        let children = Dictionary(grouping: live, by: \.value.parentID)
        var out: [(Int64, ProjectTaskFields)] = []
        func visit(_ parent: Int64?) {
            for (id, fields) in (children[parent] ?? []).sorted(by: { ($0.value.position, $0.key) < ($1.value.position, $1.key) }) {
                out.append((id, fields))
                visit(id)
            }
        }
        visit(nil)
        return out
    }

    /// The dependencies in force: stored ones not deleted and new ones, between live rows.
    var dependencies: [ProjectDependency] {
        let live = liveFields
        return (existingDependencies.filter { !deletedDependencies.contains($0.id) } + newDependencies)
            .filter { live[$0.predecessorID] != nil && live[$0.successorID] != nil }
    }

    var scheduleTasks: [ScheduleTask] {
        ordered.map { ScheduleTask(id: $0.id, parentId: $0.fields.parentID, kind: $0.fields.kind, name: $0.fields.name,
                                   durationDays: $0.fields.durationDays, startNoEarlierThan: $0.fields.startNoEarlierThan) }
    }

    var scheduleDependencies: [ScheduleDependency] { dependencies.map(\.scheduleDependency) }

    /// A CONFLICT when a version given is not the record's.
    func staleVersion() -> UserError? {
        if let expected = projectVersion, expected != project.version { return .staleVersion("project", current: project.version) }
        for row in rows.values {
            if let expected = row.expectedVersion, let original = row.original, expected != original.version {
                return .staleVersion("project task", current: original.version)
            }
        }
        return nil
    }

    /// The schedule of the plan and what to write for it.
    func change(calendar: WorkingCalendar, now: Date) throws(DomainError) -> PlanChange {
        let ordered = self.ordered
        let schedule = try ProjectSchedule.compute(tasks: scheduleTasks, dependencies: scheduleDependencies,
                                                   plannedStart: projectFields.plannedStart, calendar: calendar)
        let (progress, projectProgress) = Self.progress(ordered)
        var change = PlanChange(projectID: project.id, expectedRevision: project.planRevision, schedule: schedule, progress: progress,
                                projectProgress: projectProgress)
        if projectFields != project.fields || projectDeletedAt != project.deletedAt {
            var edits = Self.projectEdits(project.fields, projectFields)
            if projectDeletedAt != project.deletedAt {
                edits.append(VersionedRecord.deletionEdit(from: project.deletedAt, deleting: projectDeletedAt != nil, now: now))
            }
            change.project = (projectFields, projectDeletedAt, projectVersion, edits)
        }
        for id in newIDs { if let row = rows[id], row.deletedAt == nil { change.insertTasks.append((id, row.fields)) } }
        for (id, row) in rows.sorted(by: { $0.key < $1.key }) {
            guard let original = row.original, original.fields != row.fields || original.deletedAt != row.deletedAt else { continue }
            var task = original
            task.fields = row.fields
            task.deletedAt = row.deletedAt
            var edits = Self.taskEdits(original.fields, row.fields)
            if original.deletedAt != row.deletedAt {
                edits.append(VersionedRecord.deletionEdit(from: original.deletedAt, deleting: row.deletedAt != nil, now: now))
            }
            change.updateTasks.append(PlanChange.TaskUpdate(task: task, expectedVersion: row.expectedVersion, edits: edits))
            _ = id
        }
        // A dependency of a deleted row stays stored (ignored while the row is deleted), so
        // restoring the row brings it back; only those deleted themselves go.
        change.deleteDependencyIDs = existingDependencies.map(\.id).filter { deletedDependencies.contains($0) }
        let live = liveFields
        change.insertDependencies = newDependencies.filter { live[$0.predecessorID] != nil && live[$0.successorID] != nil }
        linkTasks(&change, ordered: ordered, schedule: schedule)
        return change
    }

    /// Each assignee of a live task or milestone has a personal task due on its finish; the
    /// others (a removed assignee, a deleted row or project) go, unless already done.
    private func linkTasks(_ change: inout PlanChange, ordered: [(id: Int64, fields: ProjectTaskFields)], schedule: ProjectSchedule) {
        var wanted: [String: (Int64, TaskFields)] = [:]
        if projectDeletedAt == nil {
            for (id, fields) in ordered where fields.kind != .stage {
                guard let finish = schedule[id]?.finish else { continue }
                for assignee in fields.assigneeIDs {
                    wanted["\(id):\(assignee)"] = (id, TaskFields(
                        title: "\(fields.name) · \(projectFields.name)", description: fields.description, kind: .todo, assigneeID: assignee,
                        schedule: .dueDate(finish), clientID: projectFields.clientID, dealID: projectFields.dealID))
                }
            }
        }
        for task in linked {
            guard let projectTaskID = task.projectTaskID else { continue }
            if let (_, target) = wanted.removeValue(forKey: "\(projectTaskID):\(task.fields.assigneeID ?? 0)") {
                var fields = task.fields
                fields.title = target.title
                fields.schedule = target.schedule
                fields.clientID = target.clientID
                fields.dealID = target.dealID
                if fields != task.fields { change.updateLinked.append((task.id, fields, TaskService.edits(task.fields, fields))) }
            } else if task.fields.status != .done {
                change.deleteLinkedIDs.append(task.id)
            }
        }
        change.insertLinked = wanted.values.sorted { ($0.0, $0.1.assigneeID ?? 0) < ($1.0, $1.1.assigneeID ?? 0) }
            .map { (projectTaskID: $0.0, fields: $0.1) }
    }

    /// Progress of every live row (a stage's from the rows under it) and of the project, weighted
    /// by duration (evenly when nothing under it has one).
    static func progress(_ ordered: [(id: Int64, fields: ProjectTaskFields)]) -> ([Int64: Int], Int) {
        let children = Dictionary(grouping: ordered, by: \.fields.parentID)
        var result: [Int64: Int] = [:]
        func leaves(_ parent: Int64?) -> [ProjectTaskFields] {
            (children[parent] ?? []).flatMap { $0.fields.kind == .stage ? leaves($0.id) : [$0.fields] }
        }
        func weighted(_ rows: [ProjectTaskFields]) -> Int {
            guard !rows.isEmpty else { return 0 }
            let total = rows.reduce(0) { $0 + $1.durationDays }
            if total == 0 { return Int((Double(rows.reduce(0) { $0 + $1.progress }) / Double(rows.count)).rounded()) }
            return Int((Double(rows.reduce(0) { $0 + $1.progress * $1.durationDays }) / Double(total)).rounded())
        }
        for (id, fields) in ordered { result[id] = fields.kind == .stage ? weighted(leaves(id)) : fields.progress }
        return (result, weighted(leaves(nil)))
    }

    static func projectEdits(_ a: ProjectFields, _ b: ProjectFields) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ x: String?, _ y: String?) { if x != y { edits.append(FieldEdit(name, old: FieldEdit.json(x), new: FieldEdit.json(y))) } }
        func id(_ name: String, _ x: Int64?, _ y: Int64?) { if x != y { edits.append(FieldEdit(name, old: FieldEdit.json(x), new: FieldEdit.json(y))) } }
        text("name", a.name, b.name)
        text("description", a.description, b.description)
        id("clientId", a.clientID, b.clientID)
        id("dealId", a.dealID, b.dealID)
        id("managerId", a.managerID, b.managerID)
        text("status", a.status.rawValue, b.status.rawValue)
        text("plannedStart", a.plannedStart, b.plannedStart)
        id("calendarId", a.calendarID, b.calendarID)
        return edits
    }

    static func taskEdits(_ a: ProjectTaskFields, _ b: ProjectTaskFields) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ x: String?, _ y: String?) { if x != y { edits.append(FieldEdit(name, old: FieldEdit.json(x), new: FieldEdit.json(y))) } }
        func int(_ name: String, _ x: Int, _ y: Int) { if x != y { edits.append(FieldEdit(name, old: String(x), new: String(y))) } }
        text("name", a.name, b.name)
        text("description", a.description, b.description)
        text("kind", a.kind.rawValue, b.kind.rawValue)
        if a.parentID != b.parentID { edits.append(FieldEdit("parentId", old: FieldEdit.json(a.parentID), new: FieldEdit.json(b.parentID))) }
        int("position", a.position, b.position)
        int("durationDays", a.durationDays, b.durationDays)
        int("progress", a.progress, b.progress)
        if a.assigneeIDs != b.assigneeIDs {
            edits.append(FieldEdit("assigneeIds", old: "[" + a.assigneeIDs.map(String.init).joined(separator: ",") + "]",
                                   new: "[" + b.assigneeIDs.map(String.init).joined(separator: ",") + "]"))
        }
        text("startNoEarlierThan", a.startNoEarlierThan, b.startNoEarlierThan)
        return edits
    }
}

extension PlanChange {
    /// Whether writing would change nothing the plan holds (the same schedule and progress too).
    func isEmpty(comparedWith plan: ProjectPlan) -> Bool {
        guard project == nil, insertTasks.isEmpty, updateTasks.isEmpty, insertDependencies.isEmpty, deleteDependencyIDs.isEmpty,
              insertLinked.isEmpty, updateLinked.isEmpty, deleteLinkedIDs.isEmpty,
              plan.project.start == schedule.start, plan.project.finish == schedule.finish, plan.project.progress == projectProgress else { return false }
        return plan.tasks.filter { $0.deletedAt == nil }.allSatisfy { task in
            schedule[task.id] == task.schedule && progress[task.id] == task.fields.progress
        }
    }
}
