import CRM
import Foundation
import GRDB

/// ``TaskStore`` over SQLite. Tasks are read through the `task_rows` view (with their due and
/// priority keys); a task is visible when its assignee, creator or an invitee is among the users
/// the viewer sees.
public struct TaskRepository: TaskStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The visibility of tasks as an SQL condition.
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("""
            (assignee_id IN (SELECT value FROM json_each(?1)) OR created_by IN (SELECT value FROM json_each(?1))
             OR EXISTS (SELECT 1 FROM json_each(task_rows.invitee_ids) AS i WHERE i.value IN (SELECT value FROM json_each(?1))))
            """.replacingOccurrences(of: "?1", with: "?"), [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids),
                                                             IdentityRepository.jsonArray(ids)])
        }
    }

    public func tasks(ids: [Int64], visibility: Visibility) async throws -> [TaskItem] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = Self.visible(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM task_rows WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.task)
        }
    }

    public func tasks(_ query: TaskQuery, visibility: Visibility) async throws -> Page<TaskItem> {
        let list = Self.list(query, visibility: visibility)
        return try await database.read { db in
            try list.fetch(db, table: "task_rows", orderColumn: Self.orderColumn(query.order, descending: query.page.descending), numeric: query.order == .priority,
                           page: query.page, map: Self.task)
        }
    }

    public func tasks(_ query: TaskQuery, groupedBy grouping: TaskGrouping, ids: [Int64],
                      visibility: Visibility) async throws -> [Int64: Page<TaskItem>] {
        let list = Self.list(query, visibility: visibility)
        return try await database.read { db in
            try list.fetchGrouped(db, table: "task_rows", groupColumn: grouping.rawValue, groupIDs: ids,
                                  orderColumn: Self.orderColumn(query.order, descending: query.page.descending), numeric: query.order == .priority, page: query.page,
                                  map: Self.task)
        }
    }

    public func insertTask(_ fields: TaskFields, completedAt: Date?, result: String?, createdBy: Int64?, at date: Date) async throws -> TaskItem {
        let id = try await database.write { db in
            try Self.insert(db, fields, completedAt: completedAt, result: result, createdBy: createdBy, at: SQLTime.text(date))
        }
        guard let task = try await tasks(ids: [id], visibility: .all).first else { throw StorageFailure("task \(id) vanished") }
        return task
    }

    /// Inserts a task inside the caller's transaction (also for records that create tasks, such
    /// as a missed call's call-back) and answers its id.
    static func insert(_ db: GRDB.Database, _ fields: TaskFields, completedAt: Date?, result: String?, createdBy: Int64?,
                       at now: String) throws -> Int64 {
        let columns = Self.columns(fields, completedAt: completedAt, result: result)
        let names = columns.map(\.0) + ["created_at", "updated_at", "created_by"]
        var arguments = StatementArguments(columns.map(\.1))
        arguments += [now, now, createdBy]
        try db.execute(sql: "INSERT INTO tasks (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))",
                       arguments: arguments)
        return db.lastInsertedRowID
    }

    public func updateTask(id: Int64, expectedVersion: Int?, fields: TaskFields, completedAt: Date?, result: String?, deletedAt: Date?,
                           edits: [FieldEdit], actor: Actor, at date: Date) async throws -> VersionedWrite<TaskItem> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "tasks", entity: "Task", id: id, expectedVersion: expectedVersion,
                                    columns: Self.columns(fields, completedAt: completedAt, result: result)
                                        + [("deleted_at", deletedAt.map(SQLTime.text))],
                                    edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await tasks(ids: [id], visibility: .all).first)
    }

    // MARK: Queries

    static func list(_ query: TaskQuery, visibility: Visibility) -> RecordList {
        var list = RecordList(visible: visible(visibility), deleted: query.deleted)
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        func strings(_ column: String, _ values: [String]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(values)]) }
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(title) LIKE ? ESCAPE '\\' OR sb_fold(description) LIKE ? ESCAPE '\\')", [pattern, pattern])
        }
        strings("status", (query.statuses ?? [.open, .inProgress]).map(\.rawValue))
        strings("kind", query.kinds?.map(\.rawValue))
        strings("priority", query.priorities?.map(\.rawValue))
        ids("assignee_id", query.assigneeIDs)
        ids("client_id", query.clientIDs)
        ids("deal_id", query.dealIDs)
        ids("dialogue_id", query.dialogueIDs)
        ids("inquiry_id", query.inquiryIDs)
        if let projects = query.projectIDs {
            list.add("project_task_id IN (SELECT id FROM project_tasks WHERE project_id IN (SELECT value FROM json_each(?)))",
                     [IdentityRepository.jsonArray(projects)])
        }
        if let people = query.participantIDs {
            let json = IdentityRepository.jsonArray(people)
            list.add("""
                (assignee_id IN (SELECT value FROM json_each(?))
                 OR EXISTS (SELECT 1 FROM json_each(task_rows.invitee_ids) AS i WHERE i.value IN (SELECT value FROM json_each(?))))
                """, [json, json])
        }
        if query.dueFrom != nil || query.dueTo != nil {
            let from = query.dueFrom.map(SQLTime.text) ?? "0000-01-01T00:00:00.000Z"
            let to = query.dueTo.map(SQLTime.text) ?? "9999-12-31T23:59:59.999Z"
            list.add("""
                ((start_at IS NULL AND due_at >= ? AND due_at < ?) OR (start_at IS NOT NULL AND start_at < ? AND due_at > ?)
                 OR (due_date >= ? AND due_date <= ?))
                """, [from, to, to, from, query.dueFromDay ?? "0000-01-01", query.dueToDay ?? "9999-12-31"])
        }
        if let overdue = query.overdue {
            let condition = "(status IN ('open', 'in_progress') AND (coalesce(due_at < ?, 0) OR coalesce(due_date < ?, 0)))"
            list.add(overdue ? condition : "NOT \(condition)", [SQLTime.text(query.now), query.today])
        }
        if let timeBound = query.timeBound { list.add(timeBound ? "start_at IS NOT NULL" : "start_at IS NULL") }
        return list
    }

    /// The SQL the list is ordered by; unscheduled tasks come last in either direction.
    static func orderColumn(_ order: TaskQuery.Order, descending: Bool) -> String {
        switch order {
        case .due: descending ? "coalesce(start_at, due_at, due_date || 'T23:59:59.999Z', '0000-01-01T00:00:00.000Z')" : "due_key"
        case .priority: "priority_rank"
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        }
    }

    // MARK: Rows

    static func columns(_ f: TaskFields, completedAt: Date?, result: String?) -> [(String, (any DatabaseValueConvertible)?)] {
        var dueDate: String?, startAt: String?, minutes: Int?
        switch f.schedule {
        case .dueDate(let day): dueDate = day
        case .slot(let start, let m): (startAt, minutes) = (SQLTime.text(start), m)
        case .none, .dueAt: break
        }
        return [("title", f.title), ("description", f.description), ("kind", f.kind.rawValue), ("status", f.status.rawValue),
                ("priority", f.priority.rawValue), ("assignee_id", f.assigneeID), ("invitee_ids", IdentityRepository.jsonArray(f.inviteeIDs)),
                ("due_date", dueDate), ("due_at", f.schedule.dueAt.map(SQLTime.text)), ("start_at", startAt), ("duration_minutes", minutes),
                ("reminders", TaskJSON.reminders(f.reminders)), ("completed_at", completedAt.map(SQLTime.text)), ("result", result),
                ("client_id", f.clientID), ("contact_id", f.contactID), ("deal_id", f.dealID), ("dialogue_id", f.dialogueID),
                ("inquiry_id", f.inquiryID)]
    }

    static func task(_ row: Row) -> TaskItem {
        let schedule: TaskSchedule
        if let day: String = row["due_date"] {
            schedule = .dueDate(day)
        } else if let start = SQLTime.date(row["start_at"]), let minutes: Int = row["duration_minutes"] {
            schedule = .slot(start: start, minutes: minutes)
        } else if let due = SQLTime.date(row["due_at"]) {
            schedule = .dueAt(due)
        } else {
            schedule = .none
        }
        let reminders = ((try? JSONSerialization.jsonObject(with: Data((row["reminders"] as String? ?? "[]").utf8))) as? [[String: Any]] ?? [])
            .compactMap { r -> Reminder? in
                guard let at = (r["remindAt"] as? String).flatMap(SQLTime.date) else { return nil }
                return Reminder(remindAt: at, minutesBefore: r["minutesBefore"] as? Int, sentAt: (r["sentAt"] as? String).flatMap(SQLTime.date))
            }
        let invitees = ((try? JSONSerialization.jsonObject(with: Data((row["invitee_ids"] as String? ?? "[]").utf8))) as? [Any] ?? [])
            .compactMap { ($0 as? NSNumber)?.int64Value }
        let fields = TaskFields(title: row["title"], description: row["description"], kind: TaskItem.Kind(rawValue: row["kind"]) ?? .todo,
                                status: TaskItem.Status(rawValue: row["status"]) ?? .open, priority: TaskItem.Priority(rawValue: row["priority"]) ?? .normal,
                                assigneeID: row["assignee_id"], inviteeIDs: invitees, schedule: schedule, reminders: reminders,
                                clientID: row["client_id"], contactID: row["contact_id"], dealID: row["deal_id"],
                                dialogueID: row["dialogue_id"], inquiryID: row["inquiry_id"])
        return TaskItem(id: row["id"], fields: fields, completedAt: SQLTime.date(row["completed_at"]), result: row["result"], projectTaskID: row["project_task_id"],
                    createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                    createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
