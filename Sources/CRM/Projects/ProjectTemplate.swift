import Foundation

/// A reusable project plan: rows (stages, tasks, milestones) keyed within the template, with
/// durations, dependencies and the roles whose users get each row.
public struct ProjectTemplate: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var key: String
        public var parentKey: String?
        public var kind: ScheduleTask.Kind
        public var name: String
        public var durationDays: Int
        public var assigneeRoles: [String]

        public init(key: String, parentKey: String? = nil, kind: ScheduleTask.Kind = .task, name: String, durationDays: Int = 1,
                    assigneeRoles: [String] = []) {
            self.key = key
            self.parentKey = parentKey
            self.kind = kind
            self.name = name
            self.durationDays = durationDays
            self.assigneeRoles = assigneeRoles
        }
    }

    public struct Link: Equatable, Sendable {
        public var predecessorKey: String
        public var successorKey: String
        public var type: ScheduleDependency.Kind
        public var lagDays: Int

        public init(predecessorKey: String, successorKey: String, type: ScheduleDependency.Kind = .fs, lagDays: Int = 0) {
            self.predecessorKey = predecessorKey
            self.successorKey = successorKey
            self.type = type
            self.lagDays = lagDays
        }
    }

    public var id: Int64
    public var name: String
    public var description: String?
    /// In plan order.
    public var rows: [Row]
    public var links: [Link]
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, description: String? = nil, rows: [Row] = [], links: [Link] = [], createdAt: Date = .distantPast,
                updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.rows = rows
        self.links = links
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The roles its rows name, in alphabetical order.
    public var roles: [String] { Array(Set(rows.flatMap(\.assigneeRoles))).sorted() }

    /// The template's rows as a schedulable plan (ids 1…n in row order), for the cycle check.
    var schedulePlan: (tasks: [ScheduleTask], dependencies: [ScheduleDependency]) {
        let ids = Dictionary(rows.enumerated().map { ($1.key, Int64($0 + 1)) }, uniquingKeysWith: { a, _ in a })
        let tasks = rows.enumerated().map { i, row in
            ScheduleTask(id: Int64(i + 1), parentId: row.parentKey.flatMap { ids[$0] }, kind: row.kind, name: row.name,
                         durationDays: row.durationDays)
        }
        let dependencies = links.compactMap { link -> ScheduleDependency? in
            guard let p = ids[link.predecessorKey], let s = ids[link.successorKey] else { return nil }
            return ScheduleDependency(predecessorId: p, successorId: s, type: link.type, lagDays: link.lagDays)
        }
        return (tasks, dependencies)
    }
}
