import Foundation

/// A project carried out for a client, planned as stages, tasks and milestones with
/// dependencies, scheduled over a working calendar. `start`, `finish` and `progress` are
/// computed from the plan.
public struct Project: Equatable, Sendable {
    public enum Status: String, Sendable, CaseIterable { case planned, active, onHold = "on_hold", completed, cancelled }

    public var id: Int64
    public var fields: ProjectFields
    public var start: String
    public var finish: String
    /// Percent, weighted by the duration of its tasks.
    public var progress: Int
    /// +1 on every change of the plan.
    public var planRevision: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, fields: ProjectFields, start: String, finish: String, progress: Int, planRevision: Int, createdAt: Date,
                updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.fields = fields
        self.start = start
        self.finish = finish
        self.progress = progress
        self.planRevision = planRevision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The editable fields of a project.
public struct ProjectFields: Equatable, Sendable {
    public var name: String
    public var description: String?
    public var clientID: Int64?
    public var dealID: Int64?
    public var managerID: Int64?
    public var status: Project.Status
    /// `YYYY-MM-DD`.
    public var plannedStart: String
    public var calendarID: Int64
    public var templateID: Int64?

    public init(name: String, description: String? = nil, clientID: Int64? = nil, dealID: Int64? = nil, managerID: Int64? = nil,
                status: Project.Status = .planned, plannedStart: String, calendarID: Int64, templateID: Int64? = nil) {
        self.name = name
        self.description = description
        self.clientID = clientID
        self.dealID = dealID
        self.managerID = managerID
        self.status = status
        self.plannedStart = plannedStart
        self.calendarID = calendarID
        self.templateID = templateID
    }
}

/// A stage, task or milestone of a project, with its computed schedule.
public struct ProjectTask: Equatable, Sendable {
    public var id: Int64
    public var projectID: Int64
    public var fields: ProjectTaskFields
    public var schedule: ScheduledTask
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, projectID: Int64, fields: ProjectTaskFields, schedule: ScheduledTask, createdAt: Date, updatedAt: Date,
                createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.projectID = projectID
        self.fields = fields
        self.schedule = schedule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// The editable fields of a project task.
public struct ProjectTaskFields: Equatable, Sendable {
    public var parentID: Int64?
    public var kind: ScheduleTask.Kind
    public var name: String
    public var description: String?
    /// Place among its siblings, from 0.
    public var position: Int
    /// Working days; 0 for a milestone; a stage's is computed.
    public var durationDays: Int
    /// Percent; a stage's is computed from its rows.
    public var progress: Int
    public var assigneeIDs: [Int64]
    /// `YYYY-MM-DD`, set by moving the task.
    public var startNoEarlierThan: String?

    public init(parentID: Int64? = nil, kind: ScheduleTask.Kind = .task, name: String, description: String? = nil, position: Int = 0,
                durationDays: Int = 1, progress: Int = 0, assigneeIDs: [Int64] = [], startNoEarlierThan: String? = nil) {
        self.parentID = parentID
        self.kind = kind
        self.name = name
        self.description = description
        self.position = position
        self.durationDays = durationDays
        self.progress = progress
        self.assigneeIDs = assigneeIDs
        self.startNoEarlierThan = startNoEarlierThan
    }
}

/// A dependency between two tasks of a project (predecessor → successor), shifted by a lag.
public struct ProjectDependency: Equatable, Sendable {
    public var id: Int64
    public var projectID: Int64
    public var predecessorID: Int64
    public var successorID: Int64
    public var type: ScheduleDependency.Kind
    public var lagDays: Int

    public init(id: Int64 = 0, projectID: Int64, predecessorID: Int64, successorID: Int64, type: ScheduleDependency.Kind = .fs,
                lagDays: Int = 0) {
        self.id = id
        self.projectID = projectID
        self.predecessorID = predecessorID
        self.successorID = successorID
        self.type = type
        self.lagDays = lagDays
    }
}

/// A project with its whole plan: every task (deleted ones too), every dependency, and the
/// live personal tasks linked to its tasks.
public struct ProjectPlan: Sendable {
    public var project: Project
    public var tasks: [ProjectTask]
    public var dependencies: [ProjectDependency]
    public var linked: [TaskItem]

    public init(project: Project, tasks: [ProjectTask], dependencies: [ProjectDependency], linked: [TaskItem] = []) {
        self.project = project
        self.tasks = tasks
        self.dependencies = dependencies
        self.linked = linked
    }

    /// The live tasks in plan order: each stage followed by its rows, siblings by position.
    public var ordered: [ProjectTask] {
        let live = tasks.filter { $0.deletedAt == nil }
        let children = Dictionary(grouping: live, by: \.fields.parentID)
        var out: [ProjectTask] = []
        func visit(_ parent: Int64?) {
            for task in (children[parent] ?? []).sorted(by: { ($0.fields.position, $0.id) < ($1.fields.position, $1.id) }) {
                out.append(task)
                visit(task.id)
            }
        }
        visit(nil)
        return out
    }
}

/// Filter, order and page of a project list.
public struct ProjectQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case name, plannedStart, finish, createdAt }

    public var text: String?
    public var statuses: [Project.Status]?
    public var clientIDs: [Int64]?
    public var managerIDs: [Int64]?
    public var assigneeIDs: [Int64]?
    public var dealIDs: [Int64]?
    /// Inclusive `YYYY-MM-DD` bounds of the planned start.
    public var plannedFrom: String?
    public var plannedTo: String?
    public var deleted: DeletedFilter = .exclude
    /// By planned start, latest first, unless the caller says otherwise.
    public var order: Order = .plannedStart
    public var page = PageRequest()

    public init() {}
}

/// A change of a project's plan, written in one transaction with the schedule it leads to. New
/// tasks carry negative ids, by which the other parts of the change name them.
public struct PlanChange: Sendable {
    public struct TaskUpdate: Sendable {
        public var task: ProjectTask
        public var expectedVersion: Int?
        public var edits: [FieldEdit]
    }

    public var projectID: Int64
    public var expectedRevision: Int
    /// The project's own fields, when they change.
    public var project: (fields: ProjectFields, deletedAt: Date?, expectedVersion: Int?, edits: [FieldEdit])?
    public var insertTasks: [(id: Int64, fields: ProjectTaskFields)] = []
    public var updateTasks: [TaskUpdate] = []
    public var insertDependencies: [ProjectDependency] = []
    public var deleteDependencyIDs: [Int64] = []
    /// The schedule of every live task, and the project's.
    public var schedule: ProjectSchedule
    /// Computed progress of every live task (stages from their rows) and of the project.
    public var progress: [Int64: Int]
    public var projectProgress: Int
    /// Personal tasks of the assignees: new ones (by project task id, negative for a new one),
    /// changed ones, and those to delete.
    public var insertLinked: [(projectTaskID: Int64, fields: TaskFields)] = []
    public var updateLinked: [(id: Int64, fields: TaskFields, edits: [FieldEdit])] = []
    public var deleteLinkedIDs: [Int64] = []

    public init(projectID: Int64, expectedRevision: Int, schedule: ProjectSchedule, progress: [Int64: Int], projectProgress: Int) {
        self.projectID = projectID
        self.expectedRevision = expectedRevision
        self.schedule = schedule
        self.progress = progress
        self.projectProgress = projectProgress
    }
}

/// How a plan write ended.
public enum PlanWriteOutcome: Sendable {
    /// Written; new tasks' ids by their negative ids in the change, and the new dependencies' ids.
    case written(taskIDs: [Int64: Int64], dependencyIDs: [Int64])
    /// The plan changed meanwhile (another revision): compute again.
    case staleRevision
    /// A record named with a version it no longer has: nothing was written.
    case staleVersion(entity: String, id: Int64)
    case notFound
}

/// What the project services need from storage. A project is seen by its manager and its
/// creator, and by the assignees of its live tasks (and so by their supervisors, and admins).
public protocol ProjectStore: Sendable {
    func templates(ids: [Int64]) async throws -> [ProjectTemplate]
    func templates(text: String?, deleted: DeletedFilter) async throws -> [ProjectTemplate]
    func insertTemplate(_ template: ProjectTemplate, createdBy: Int64?, at: Date) async throws -> ProjectTemplate
    func updateTemplate(_ template: ProjectTemplate, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                        at: Date) async throws -> VersionedWrite<ProjectTemplate>

    func projects(ids: [Int64], visibility: Visibility) async throws -> [Project]
    func projects(_ query: ProjectQuery, visibility: Visibility) async throws -> Page<Project>
    /// The project with its whole plan, whoever may see it (the caller checks).
    func plan(projectID: Int64) async throws -> ProjectPlan?
    /// The plans of several projects (for the API's nested fields), live tasks only.
    func plans(projectIDs: [Int64]) async throws -> [Int64: ProjectPlan]
    func projectTasks(ids: [Int64]) async throws -> [ProjectTask]
    /// The project a dependency belongs to.
    func dependencyProject(id: Int64) async throws -> Int64?
    /// Inserts a project with its plan and schedule (from a template, or empty).
    func insertProject(_ fields: ProjectFields, plan: PlanChange, createdBy: Int64?, at: Date) async throws -> Project
    func writePlan(_ change: PlanChange, actor: Actor, at: Date) async throws -> PlanWriteOutcome
}
