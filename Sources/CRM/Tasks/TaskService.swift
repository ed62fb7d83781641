import Foundation

/// A reminder as the caller asks for it.
public enum ReminderSpec: Equatable, Sendable {
    case at(Date)
    case minutesBefore(Int)
}

/// The fields a task is created or updated with, as the caller gave them (not yet checked).
public struct TaskInput: Sendable {
    public var title: Change<String> = .keep
    public var description: Change<String?> = .keep
    public var kind: Change<TaskItem.Kind> = .keep
    public var status: Change<TaskItem.Status> = .keep
    public var priority: Change<TaskItem.Priority> = .keep
    public var assigneeID: Change<Int64?> = .keep
    public var inviteeIDs: Change<[Int64]> = .keep
    public var schedule: Change<TaskSchedule> = .keep
    public var reminders: Change<[ReminderSpec]> = .keep
    public var clientID: Change<Int64?> = .keep
    public var contactID: Change<Int64?> = .keep
    public var dealID: Change<Int64?> = .keep
    public var dialogueID: Change<Int64?> = .keep
    public var inquiryID: Change<Int64?> = .keep
    /// A project named: tasks join projects as project tasks, so this is refused.
    public var projectNamed = false

    public init() {}
}

/// Creating, changing, completing, deleting and restoring tasks, with the record rules of clients
/// (versions, history, soft delete). A task is seen by its assignee, creator and invitees (and
/// their supervisor and admins); users hand tasks to colleagues of their own department.
public struct TaskService: Sendable {
    public let tasks: any TaskStore
    public let deals: any DealStore
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let support: any SupportStore
    public let dialogues: any MessagingStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(tasks: any TaskStore, deals: any DealStore, clients: any ClientStore, contacts: any ContactStore, support: any SupportStore,
                dialogues: any MessagingStore, identity: any IdentityStore, clock: any WallClock = SystemClock()) {
        self.tasks = tasks
        self.support = support
        self.dialogues = dialogues
        self.deals = deals
        self.clients = clients
        self.contacts = contacts
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let task: TaskItem?
        public let userErrors: [UserError]
    }

    public func create(_ viewer: Viewer, input: TaskInput) async throws -> Outcome {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        var errors = Errors()
        let fields = try await apply(input, to: TaskFields(title: "", assigneeID: viewer.user?.id), current: [], viewer: viewer,
                                     visibility: visibility, creating: true, &errors)
        guard errors.list.isEmpty else { return Outcome(task: nil, userErrors: errors.list) }
        let done = fields.status == .done
        let task = try await tasks.insertTask(fields, completedAt: done ? clock.now() : nil, result: nil, createdBy: viewer.user?.id,
                                              at: clock.now())
        return Outcome(task: task, userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, input: TaskInput) async throws -> Outcome {
        let (current, visibility) = try await visibleTask(viewer, id)
        var errors = Errors()
        let fields = try await apply(input, to: current.fields, current: current.fields.reminders, viewer: viewer,
                                     visibility: visibility, creating: false, &errors)
        guard errors.list.isEmpty else { return Outcome(task: current, userErrors: errors.list) }
        var completedAt = current.completedAt
        if fields.status != current.fields.status { completedAt = fields.status == .done ? clock.now() : nil }
        return try await write(current, version: version, fields: fields, completedAt: completedAt, result: current.result,
                               deletedAt: current.deletedAt, viewer: viewer)
    }

    /// Marks an open or in-progress task done, with what came of it.
    public func complete(_ viewer: Viewer, id: Int64, version: Int, result: String?) async throws -> Outcome {
        let (current, _) = try await visibleTask(viewer, id)
        guard current.fields.status == .open || current.fields.status == .inProgress else {
            return Outcome(task: current, userErrors: [UserError(field: ["input", "id"],
                message: "The task is \(current.fields.status == .done ? "done" : "cancelled") already.", code: "INVALID_STATE")])
        }
        let text = PipelineService.trimmed(result)
        if let text, text.count > 5000 {
            return Outcome(task: current, userErrors: [UserError(field: ["input", "result"], message: "At most 5000 characters.", code: "TOO_LONG")])
        }
        var fields = current.fields
        fields.status = .done
        return try await write(current, version: version, fields: fields, completedAt: clock.now(), result: text,
                               deletedAt: current.deletedAt, viewer: viewer)
    }

    public func delete(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: true)
    }

    public func restore(_ viewer: Viewer, id: Int64, version: Int?) async throws -> Outcome {
        try await setDeleted(viewer, id: id, version: version, deleted: false)
    }

    private func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let (current, _) = try await visibleTask(viewer, id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(task: current, userErrors: []) }
        let now = clock.now()
        return try await write(current, version: version, fields: current.fields, completedAt: current.completedAt, result: current.result,
                               deletedAt: deleted ? now : nil,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    private func write(_ current: TaskItem, version: Int?, fields: TaskFields, completedAt: Date?, result: String?, deletedAt: Date?,
                       extra: [FieldEdit] = [], viewer: Viewer) async throws -> Outcome {
        var edits = Self.edits(current.fields, fields) + extra
        if current.result != result { edits.append(FieldEdit("result", old: FieldEdit.json(current.result), new: FieldEdit.json(result))) }
        let (task, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version,
                                                             edits: edits, noun: "task", version: \.version) {
            try await tasks.updateTask(id: current.id, expectedVersion: version ?? current.version, fields: fields, completedAt: completedAt, result: result,
                                       deletedAt: deletedAt, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(task: task, userErrors: errors)
    }


    private func visibleTask(_ viewer: Viewer, _ id: Int64) async throws -> (TaskItem, Visibility) {
        let visibility = try await Visibility.ofWriter(viewer, store: identity)
        guard let task = try await tasks.tasks(ids: [id], visibility: visibility).first else { throw DomainError.notFound("No such task.") }
        return (task, visibility)
    }

    // MARK: Checking input

    func apply(_ input: TaskInput, to start: TaskFields, current: [Reminder], viewer: Viewer, visibility: Visibility, creating: Bool,
               _ errors: inout Errors) async throws -> TaskFields {
        var fields = start
        if case .set(let title) = input.title {
            fields.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if fields.title.isEmpty { errors.add(["title"], "Enter a title.", "REQUIRED") }
            else if fields.title.count > 500 { errors.add(["title"], "At most 500 characters.", "TOO_LONG") }
        } else if creating {
            errors.add(["title"], "Enter a title.", "REQUIRED")
        }
        if case .set(let description) = input.description {
            fields.description = PipelineService.trimmed(description)
            if (fields.description?.count ?? 0) > 20_000 { errors.add(["description"], "At most 20000 characters.", "TOO_LONG") }
        }
        if case .set(let kind) = input.kind { fields.kind = kind }
        if case .set(let status) = input.status { fields.status = status }
        if case .set(let priority) = input.priority { fields.priority = priority }
        if case .set(let assignee) = input.assigneeID {
            if let assignee {
                let user = try await identity.user(id: assignee)
                if user == nil || user?.deletedAt != nil { errors.add(["assigneeId"], "No such user.", "NOT_FOUND") }
                else if let allowed = try await Assignment.allowed(viewer, store: identity), !allowed.contains(assignee) {
                    errors.add(["assigneeId"], "You can hand tasks only to colleagues of your department.", "NOT_ALLOWED")
                }
            }
            fields.assigneeID = assignee
        }
        if case .set(let schedule) = input.schedule {
            if case .slot(_, let minutes) = schedule, minutes < 1 || minutes > 7 * 24 * 60 {
                errors.add(["schedule", "timeSlot", "durationMinutes"], "A time slot lasts 1 minute to 7 days.", "OUT_OF_RANGE")
            }
            if case .dueDate(let day) = schedule, !CalendarDate.isValid(day) {
                errors.add(["schedule", "dueDate"], "\"\(day)\" is not a date (YYYY-MM-DD).", "INVALID")
            }
            fields.schedule = schedule
        }
        if case .set(let invitees) = input.inviteeIDs {
            var seen = Set<Int64>()
            fields.inviteeIDs = []
            for (i, id) in invitees.enumerated() where seen.insert(id).inserted {
                let user = try await identity.user(id: id)
                if user == nil || user?.deletedAt != nil { errors.add(["inviteeIds", String(i)], "No such user.", "NOT_FOUND") }
                else { fields.inviteeIDs.append(id) }
            }
        }
        if !fields.inviteeIDs.isEmpty, case .slot = fields.schedule {} else if !fields.inviteeIDs.isEmpty {
            errors.add(["inviteeIds"], "Only a task with a time slot has invitees.", "INVALID")
        }
        // Reminders: given ones replace the list; relative ones follow a changed schedule.
        var specs: [ReminderSpec]
        if case .set(let given) = input.reminders { specs = given }
        else { specs = current.map { r in r.minutesBefore.map(ReminderSpec.minutesBefore) ?? .at(r.remindAt) } }
        if input.reminders.isSet || input.schedule.isSet {
            var reminders: [Reminder] = []
            for (i, spec) in specs.enumerated() {
                switch spec {
                case .at(let time):
                    reminders.append(Reminder(remindAt: time, sentAt: current.first { $0.remindAt == time && $0.minutesBefore == nil }?.sentAt))
                case .minutesBefore(let minutes):
                    guard minutes >= 0, minutes <= 30 * 24 * 60 else {
                        errors.add(["reminders", String(i), "minutesBefore"], "0 to 43200 minutes before.", "OUT_OF_RANGE")
                        continue
                    }
                    guard let anchor = fields.schedule.anchor else {
                        errors.add(["reminders", String(i), "minutesBefore"], "The task has no time to count back from.", "INVALID")
                        continue
                    }
                    let time = anchor.addingTimeInterval(-Double(minutes) * 60)
                    reminders.append(Reminder(remindAt: time, minutesBefore: minutes,
                                              sentAt: current.first { $0.remindAt == time }?.sentAt))
                }
            }
            fields.reminders = reminders.sorted { $0.remindAt < $1.remindAt }
        }
        if input.projectNamed { errors.add(["projectId"], "Tasks join a project as its rows: use createProjectTask.", "INVALID") }
        if case .set(let clientID) = input.clientID {
            if let clientID, try await clients.clients(ids: [clientID], visibility: visibility).first(where: { $0.deletedAt == nil }) == nil {
                errors.add(["clientId"], "No such client.", "NOT_FOUND")
            }
            fields.clientID = clientID
        }
        if case .set(let contactID) = input.contactID {
            if let contactID {
                if let contact = try await contacts.contacts(ids: [contactID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    if creating, !input.clientID.isSet, fields.clientID == nil { fields.clientID = contact.fields.clientID }
                } else {
                    errors.add(["contactId"], "No such contact.", "NOT_FOUND")
                }
            }
            fields.contactID = contactID
        }
        if case .set(let dealID) = input.dealID {
            if let dealID {
                if let deal = try await deals.deals(ids: [dealID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    // A task of a deal concerns the deal's client unless another is named.
                    if !input.clientID.isSet, fields.clientID == nil { fields.clientID = deal.fields.clientID }
                } else {
                    errors.add(["dealId"], "No such deal.", "NOT_FOUND")
                }
            }
            fields.dealID = dealID
        }
        if case .set(let inquiryID) = input.inquiryID {
            if let inquiryID {
                if let inquiry = try await support.inquiries(ids: [inquiryID], visibility: visibility).first(where: { $0.deletedAt == nil }) {
                    if !input.clientID.isSet, fields.clientID == nil { fields.clientID = inquiry.fields.clientID }
                } else {
                    errors.add(["inquiryId"], "No such inquiry.", "NOT_FOUND")
                }
            }
            fields.inquiryID = inquiryID
        }
        if case .set(let dialogueID) = input.dialogueID {
            if let dialogueID {
                let seen = DialogueVisibility(records: visibility, userID: viewer.user?.id)
                if let dialogue = try await dialogues.dialogues(ids: [dialogueID], visibility: seen).first(where: { $0.deletedAt == nil }) {
                    if !input.clientID.isSet, fields.clientID == nil { fields.clientID = dialogue.clientID }
                } else {
                    errors.add(["dialogueId"], "No such dialogue.", "NOT_FOUND")
                }
            }
            fields.dialogueID = dialogueID
        }
        return fields
    }

    /// The tracked fields that differ, with old and new values as JSON text.
    static func edits(_ a: TaskFields, _ b: TaskFields) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func text(_ name: String, _ x: String?, _ y: String?) {
            if x != y { edits.append(FieldEdit(name, old: FieldEdit.json(x), new: FieldEdit.json(y))) }
        }
        func id(_ name: String, _ x: Int64?, _ y: Int64?) {
            if x != y { edits.append(FieldEdit(name, old: FieldEdit.json(x), new: FieldEdit.json(y))) }
        }
        text("title", a.title, b.title)
        text("description", a.description, b.description)
        text("kind", a.kind.rawValue, b.kind.rawValue)
        text("status", a.status.rawValue, b.status.rawValue)
        text("priority", a.priority.rawValue, b.priority.rawValue)
        id("assigneeId", a.assigneeID, b.assigneeID)
        if a.inviteeIDs != b.inviteeIDs { edits.append(FieldEdit("inviteeIds", old: PipelineService.idList(a.inviteeIDs), new: PipelineService.idList(b.inviteeIDs))) }
        if a.schedule != b.schedule { edits.append(FieldEdit("schedule", old: TaskJSON.schedule(a.schedule), new: TaskJSON.schedule(b.schedule))) }
        if a.reminders != b.reminders { edits.append(FieldEdit("reminders", old: TaskJSON.reminders(a.reminders), new: TaskJSON.reminders(b.reminders))) }
        id("clientId", a.clientID, b.clientID)
        id("contactId", a.contactID, b.contactID)
        id("dealId", a.dealID, b.dealID)
        id("dialogueId", a.dialogueID, b.dialogueID)
        id("inquiryId", a.inquiryID, b.inquiryID)
        return edits
    }
}

/// The JSON text of a task's schedule and reminders, as stored and as recorded in the history.
public enum TaskJSON {
    public static func schedule(_ schedule: TaskSchedule) -> String {
        switch schedule {
        case .none: "null"
        case .dueDate(let day): "{\"dueDate\":\(FieldEdit.jsonString(day))}"
        case .dueAt(let time): "{\"dueAt\":\(FieldEdit.jsonString(RFC3339.format(time)))}"
        case .slot(let start, let minutes): "{\"startAt\":\(FieldEdit.jsonString(RFC3339.format(start))),\"durationMinutes\":\(minutes)}"
        }
    }

    public static func reminders(_ reminders: [Reminder]) -> String {
        "[" + reminders.map { r in
            "{\"remindAt\":\(FieldEdit.jsonString(RFC3339.format(r.remindAt))),\"minutesBefore\":\(r.minutesBefore.map(String.init) ?? "null"),"
                + "\"sentAt\":\(r.sentAt.map { FieldEdit.jsonString(RFC3339.format($0)) } ?? "null")}"
        }.joined(separator: ",") + "]"
    }
}
