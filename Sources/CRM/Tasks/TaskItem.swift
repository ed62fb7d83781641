import Foundation

/// A piece of work for a user: unscheduled, due on a day, due at a time, or occupying a time slot
/// (a "hard" task that may have invited colleagues); linked to a client, contact or deal.
public struct TaskItem: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case todo, call, callBack = "call_back", meeting, email }
    public enum Status: String, Sendable, CaseIterable { case open, inProgress = "in_progress", done, cancelled }
    public enum Priority: String, Sendable, CaseIterable { case low, normal, high, urgent }

    public var id: Int64
    public var fields: TaskFields
    public var completedAt: Date?
    public var result: String?
    /// The project task this personal task was made for (its assignee's copy), if any.
    public var projectTaskID: Int64?
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64, fields: TaskFields, completedAt: Date?, result: String?, projectTaskID: Int64? = nil, createdAt: Date,
                updatedAt: Date, createdBy: Int64?, version: Int, deletedAt: Date?) {
        self.id = id
        self.fields = fields
        self.completedAt = completedAt
        self.result = result
        self.projectTaskID = projectTaskID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// Whether the task is not finished and its due date (a whole day in `timeZone`) or time has passed.
    public func isOverdue(now: Date, timeZone: TimeZone) -> Bool {
        guard fields.status == .open || fields.status == .inProgress else { return false }
        switch fields.schedule {
        case .none: return false
        case .dueDate(let day): return day < CalendarDate.today(now: now, timeZone: timeZone)
        case .dueAt(let time): return time < now
        case .slot(let start, let minutes): return start.addingTimeInterval(Double(minutes) * 60) < now
        }
    }
}

/// When a task is due.
public enum TaskSchedule: Equatable, Sendable {
    case none
    /// A calendar day, `YYYY-MM-DD`.
    case dueDate(String)
    case dueAt(Date)
    /// A time slot: start and length in minutes.
    case slot(start: Date, minutes: Int)

    /// The due time: set directly, or the end of the slot.
    public var dueAt: Date? {
        switch self {
        case .dueAt(let time): time
        case .slot(let start, let minutes): start.addingTimeInterval(Double(minutes) * 60)
        default: nil
        }
    }

    /// The time relative reminders count back from: the slot's start or the due time.
    public var anchor: Date? {
        switch self {
        case .dueAt(let time): time
        case .slot(let start, _): start
        default: nil
        }
    }
}

/// A reminder: a fixed time, or minutes before the task's anchor; `sentAt` once delivered.
public struct Reminder: Equatable, Sendable {
    public var remindAt: Date
    public var minutesBefore: Int?
    public var sentAt: Date?

    public init(remindAt: Date, minutesBefore: Int? = nil, sentAt: Date? = nil) {
        self.remindAt = remindAt
        self.minutesBefore = minutesBefore
        self.sentAt = sentAt
    }
}

/// The editable fields of a task, validated.
public struct TaskFields: Equatable, Sendable {
    public var title: String
    public var description: String?
    public var kind: TaskItem.Kind
    public var status: TaskItem.Status
    public var priority: TaskItem.Priority
    public var assigneeID: Int64?
    public var inviteeIDs: [Int64]
    public var schedule: TaskSchedule
    public var reminders: [Reminder]
    public var clientID: Int64?
    public var contactID: Int64?
    public var dealID: Int64?
    public var dialogueID: Int64?
    public var inquiryID: Int64?

    public init(title: String, description: String? = nil, kind: TaskItem.Kind = .todo, status: TaskItem.Status = .open,
                priority: TaskItem.Priority = .normal, assigneeID: Int64? = nil, inviteeIDs: [Int64] = [], schedule: TaskSchedule = .none,
                reminders: [Reminder] = [], clientID: Int64? = nil, contactID: Int64? = nil, dealID: Int64? = nil,
                dialogueID: Int64? = nil, inquiryID: Int64? = nil) {
        self.dialogueID = dialogueID
        self.inquiryID = inquiryID
        self.title = title
        self.description = description
        self.kind = kind
        self.status = status
        self.priority = priority
        self.assigneeID = assigneeID
        self.inviteeIDs = inviteeIDs
        self.schedule = schedule
        self.reminders = reminders
        self.clientID = clientID
        self.contactID = contactID
        self.dealID = dealID
    }
}

/// What the task services need from storage. A task is visible to its assignee, its creator and
/// its invitees — and so to their supervisor and to admins; every query applies it in SQL.
public protocol TaskStore: Sendable {
    func tasks(ids: [Int64], visibility: Visibility) async throws -> [TaskItem]
    func tasks(_ query: TaskQuery, visibility: Visibility) async throws -> Page<TaskItem>
    /// The first page of `query` for each of several clients or deals, in one statement.
    func tasks(_ query: TaskQuery, groupedBy: TaskGrouping, ids: [Int64], visibility: Visibility) async throws -> [Int64: Page<TaskItem>]
    func insertTask(_ fields: TaskFields, completedAt: Date?, result: String?, createdBy: Int64?, at: Date) async throws -> TaskItem
    /// Writes the task if its version is still `expectedVersion`, with the history, in one transaction.
    func updateTask(id: Int64, expectedVersion: Int?, fields: TaskFields, completedAt: Date?, result: String?, deletedAt: Date?,
                    edits: [FieldEdit], actor: Actor, at: Date) async throws -> VersionedWrite<TaskItem>
}

/// Which parent a grouped task list belongs to.
public enum TaskGrouping: String, Sendable {
    case client = "client_id"
    case deal = "deal_id"
}

/// Filter, order and page of a task list.
public struct TaskQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case due, priority, createdAt, updatedAt }

    public var text: String?
    /// Open and in-progress tasks when nil.
    public var statuses: [TaskItem.Status]?
    public var kinds: [TaskItem.Kind]?
    public var priorities: [TaskItem.Priority]?
    public var assigneeIDs: [Int64]?
    public var participantIDs: [Int64]?
    public var clientIDs: [Int64]?
    public var dealIDs: [Int64]?
    /// Personal tasks made for the rows of these projects.
    public var projectIDs: [Int64]?
    public var dialogueIDs: [Int64]?
    public var inquiryIDs: [Int64]?
    /// Due or overlapping `[from, to)`; due dates compare as `[fromDay, toDay]`.
    public var dueFrom: Date?
    public var dueTo: Date?
    public var dueFromDay: String?
    public var dueToDay: String?
    public var overdue: Bool?
    /// The moment and the viewer's calendar day that `overdue` compares with.
    public var now = Date()
    public var today = ""
    public var timeBound: Bool?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .due
    public var page = PageRequest()

    public init() {}
}
