import CRM
import Foundation
import GraphQLEngine

/// Tasks: the list (also under each client and deal, one statement per level), and the mutations
/// that create, change, complete, delete and restore them.
enum TaskResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("tasks") { _, call in
                _ = try call.context.requireReader()
                let query = try query(call.arguments, call.info, call.context)
                let visibility = try await call.context.visibility()
                let page = try await call.context.services.taskStore.tasks(query, visibility: visibility)
                return KeysetPaging.connection(page, request: query.page) { cursor($0, query) }
            }
        }
        b.object("Client", as: Client.self) { t in
            t.batchField("tasks") { clients, call in try await grouped(call, by: .client, ids: clients.map(\.id)) }
        }
        b.object("Deal", as: Deal.self) { t in
            t.batchField("tasks") { deals, call in try await grouped(call, by: .deal, ids: deals.map(\.id)) }
        }
        bindMutations(&b)
        b.object("Task", as: TaskItem.self) { t in
            t.field("id") { task, _ in GlobalID.encode("Task", task.id) }
            t.field("title", \.fields.title)
            t.field("description", \.fields.description)
            t.field("kind") { task, _ in task.fields.kind.rawValue.uppercased() }
            t.field("status") { task, _ in task.fields.status.rawValue.uppercased() }
            t.field("priority") { task, _ in task.fields.priority.rawValue.uppercased() }
            t.batchField("assignee") { tasks, call in
                let users = try await IdentityResolvers.usersByID(tasks.compactMap(\.fields.assigneeID), call.context)
                return tasks.map { task in task.fields.assigneeID.flatMap { users[$0] } }
            }
            t.batchField("invitees") { tasks, call in
                let users = try await IdentityResolvers.usersByID(tasks.flatMap(\.fields.inviteeIDs), call.context)
                return tasks.map { task in task.fields.inviteeIDs.compactMap { users[$0] } }
            }
            t.field("dueDate") { task, _ in if case .dueDate(let day) = task.fields.schedule { day } else { nil } }
            t.field("dueAt") { task, _ in task.fields.schedule.dueAt }
            t.field("startAt") { task, _ in if case .slot(let start, _) = task.fields.schedule { start } else { nil } }
            t.field("durationMinutes") { task, _ in if case .slot(_, let minutes) = task.fields.schedule { minutes } else { nil } }
            t.field("timeBound") { task, _ in if case .slot = task.fields.schedule { true } else { false } }
            t.field("overdue") { task, call in task.isOverdue(now: call.context.services.clock.now(), timeZone: timeZone(call.context)) }
            t.field("reminders") { task, _ in
                task.fields.reminders.map { ["remindAt": $0.remindAt, "minutesBefore": $0.minutesBefore, "sentAt": $0.sentAt] as [String: (any Sendable)?] }
            }
            t.field("completedAt", \.completedAt)
            t.field("result", \.result)
            t.batchField("client") { tasks, call in
                let visibility = try await call.context.visibility()
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(tasks.compactMap(\.fields.clientID))), visibility: visibility).map { ($0.id, $0) })
                return tasks.map { task in task.fields.clientID.flatMap { clients[$0] } }
            }
            t.batchField("contact") { tasks, call in
                let visibility = try await call.context.visibility()
                let contacts = Dictionary(uniqueKeysWithValues: try await call.context.services.contactStore
                    .contacts(ids: Array(Set(tasks.compactMap(\.fields.contactID))), visibility: visibility).map { ($0.id, $0) })
                return tasks.map { task in task.fields.contactID.flatMap { contacts[$0] } }
            }
            t.batchField("deal") { tasks, call in
                let visibility = try await call.context.visibility()
                let deals = Dictionary(uniqueKeysWithValues: try await call.context.services.dealStore
                    .deals(ids: Array(Set(tasks.compactMap(\.fields.dealID))), visibility: visibility).map { ($0.id, $0) })
                return tasks.map { task in task.fields.dealID.flatMap { deals[$0] } }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { tasks, call in try await IdentityResolvers.actors(tasks.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { task, call in try await IdentityResolvers.history("Task", task.id, call) }
        }
        for name in ["TaskConnection", "TaskEdge", "TaskPayload", "Reminder"] { b.mapObject(name) }
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createTask") { _, call in
                let input = try taskInput(call.arguments["input"])
                return try await MutationPayload.run("task") { try await call.context.services.tasks.create(call.context.viewer, input: input) }
            }
            t.asyncField("updateTask") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Task", noun: "task"), RecordInput.requiredVersion(raw))
                let input = try taskInput(raw)
                return try await MutationPayload.run("task") {
                    try await call.context.services.tasks.update(call.context.viewer, id: id, version: version, input: input)
                }
            }
            t.asyncField("completeTask") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "Task", noun: "task"), RecordInput.requiredVersion(raw))
                let result = RecordInput.string(raw?["result"] ?? .null)
                return try await MutationPayload.run("task") {
                    try await call.context.services.tasks.complete(call.context.viewer, id: id, version: version, result: result)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "Task", noun: "task") { call, id, version, deleting in
                let service = call.context.services.tasks
                return try await MutationPayload.run("task") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
    }

    // MARK: Lists

    static func grouped(_ call: BatchCall<RequestContext>, by grouping: TaskGrouping, ids: [Int64]) async throws -> [(any Sendable)?] {
        _ = try call.context.requireReader()
        let query = try query(call.arguments, call.info, call.context)
        let visibility = try await call.context.visibility()
        let pages = try await call.context.services.taskStore.tasks(query, groupedBy: grouping, ids: ids, visibility: visibility)
        return ids.map { id in
            KeysetPaging.connection(pages[id] ?? Page(items: [], totalCount: 0, hasMore: false), request: query.page) { cursor($0, query) }
        }
    }

    static func cursor(_ task: TaskItem, _ query: TaskQuery) -> RecordCursor {
        let value = switch query.order {
        case .due: dueKey(task.fields.schedule, descending: query.page.descending)
        case .priority: String(TaskItem.Priority.allCases.firstIndex(of: task.fields.priority) ?? 1)
        case .createdAt: RFC3339.format(task.createdAt)
        case .updatedAt: RFC3339.format(task.updatedAt)
        }
        return RecordCursor(sortValue: value, id: task.id)
    }

    /// The due key the store orders by (see the `task_rows` view); unscheduled tasks last.
    static func dueKey(_ schedule: TaskSchedule, descending: Bool) -> String {
        switch schedule {
        case .none: descending ? "0000-01-01T00:00:00.000Z" : "9999-12-31T00:00:00.000Z"
        case .dueDate(let day): day + "T23:59:59.999Z"
        case .dueAt(let time): RFC3339.format(time)
        case .slot(let start, _): RFC3339.format(start)
        }
    }

    /// The viewer's time zone (Moscow when unknown), for due dates and overdue days.
    static func timeZone(_ context: RequestContext) -> TimeZone {
        context.viewer.user.flatMap { TimeZone(identifier: $0.timeZone) } ?? TimeZone(identifier: "Europe/Moscow") ?? .gmt
    }

    /// A `TaskFilter`, `TaskOrder` and page arguments as a query: by due time by default.
    static func query(_ args: Arguments, _ info: ResolveInfo, _ context: RequestContext) throws -> TaskQuery {
        var query = TaskQuery()
        let zone = timeZone(context)
        query.now = context.services.clock.now()
        query.today = CalendarDate.today(now: query.now, timeZone: zone)
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        func enums<T: RawRepresentable>(_ value: JSONValue?, _ make: (String) -> T?) -> [T]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).compactMap { make($0.lowercased()) }
        }
        if let filter = args["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            query.statuses = enums(filter["statuses"], TaskItem.Status.init(rawValue:))
            query.kinds = enums(filter["kinds"], TaskItem.Kind.init(rawValue:))
            query.priorities = enums(filter["priorities"], TaskItem.Priority.init(rawValue:))
            query.assigneeIDs = ids(filter["assigneeIds"], "User")
            query.participantIDs = ids(filter["participantIds"], "User")
            query.clientIDs = ids(filter["clientIds"], "Client")
            query.dealIDs = ids(filter["dealIds"], "Deal")
            query.projectIDs = ids(filter["projectIds"], "Project")
            query.dialogueIDs = ids(filter["dialogueIds"], "Dialogue")
            query.inquiryIDs = ids(filter["inquiryIds"], "Inquiry")
            if let due = filter["due"] {
                (query.dueFrom, query.dueTo) = DealResolvers.timeRange(due)
                query.dueFromDay = query.dueFrom.map { CalendarDate.day(of: $0, in: zone) }
                query.dueToDay = query.dueTo.map { CalendarDate.day(of: $0.addingTimeInterval(-0.001), in: zone) }
            }
            if case .bool(let overdue)? = filter["overdue"] { query.overdue = overdue }
            if case .bool(let timeBound)? = filter["timeBound"] { query.timeBound = timeBound }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var descending = false
        if let orderBy = args["orderBy"], case .object = orderBy {
            query.order = switch RecordInput.string(orderBy["field"] ?? .null) {
            case "PRIORITY": .priority
            case "CREATED_AT": .createdAt
            case "UPDATED_AT": .updatedAt
            default: .due
            }
            descending = orderBy["direction"] == .string("DESC")
        }
        query.page = try KeysetPaging.request(args, descending: descending, info: info)
        return query
    }

    // MARK: Input

    /// The input object as domain changes: absent fields are kept, null clears.
    static func taskInput(_ input: JSONValue?) throws -> TaskInput {
        var result = TaskInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "title": result.title = .set(RecordInput.string(value) ?? "")
            case "description": result.description = .set(RecordInput.string(value))
            case "kind": if let v = RecordInput.string(value).flatMap({ TaskItem.Kind(rawValue: $0.lowercased()) }) { result.kind = .set(v) }
            case "status": if let v = RecordInput.string(value).flatMap({ TaskItem.Status(rawValue: $0.lowercased()) }) { result.status = .set(v) }
            case "priority": if let v = RecordInput.string(value).flatMap({ TaskItem.Priority(rawValue: $0.lowercased()) }) { result.priority = .set(v) }
            case "assigneeId": result.assigneeID = .set(RecordInput.id(value, of: "User"))
            case "inviteeIds": result.inviteeIDs = .set(RecordInput.strings(RecordInput.array(value)).map { GlobalID.id($0, of: "User") ?? -1 })
            case "schedule": result.schedule = .set(try schedule(value))
            case "reminders": result.reminders = .set(try RecordInput.array(value).map(reminder))
            case "clientId": result.clientID = .set(RecordInput.id(value, of: "Client"))
            case "contactId": result.contactID = .set(RecordInput.id(value, of: "Contact"))
            case "dealId": result.dealID = .set(RecordInput.id(value, of: "Deal"))
            case "dialogueId": result.dialogueID = .set(value == .null ? nil : RecordInput.id(value, of: "Dialogue") ?? -1)
            case "inquiryId": result.inquiryID = .set(value == .null ? nil : RecordInput.id(value, of: "Inquiry") ?? -1)
            case "projectId": result.projectNamed = value != .null
            default: break
            }
        }
        return result
    }

    static func schedule(_ value: JSONValue) throws -> TaskSchedule {
        if case .string(let day)? = value["dueDate"] { return .dueDate(day) }
        if case .string(let time)? = value["dueAt"], let date = RFC3339.parse(time) { return .dueAt(date) }
        if let slot = value["timeSlot"], case .string(let start)? = slot["startAt"], let date = RFC3339.parse(start),
           let minutes = (slot["durationMinutes"]).flatMap(RecordInput.int) {
            return .slot(start: date, minutes: minutes)
        }
        return .none
    }

    static func reminder(_ value: JSONValue) throws -> ReminderSpec {
        if case .string(let time)? = value["at"], let date = RFC3339.parse(time) { return .at(date) }
        if let minutes = (value["minutesBefore"]).flatMap(RecordInput.int) { return .minutesBefore(minutes) }
        throw ResolverError("A reminder needs `at` or `minutesBefore`.", code: "BAD_USER_INPUT")
    }
}
