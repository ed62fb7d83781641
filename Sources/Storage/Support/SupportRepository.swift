import CRM
import Foundation
import GRDB

/// ``SupportStore`` over SQLite: calendars and policies with their schedules and targets as JSON,
/// inquiries with their SLA deadlines written in the same transaction.
public struct SupportRepository: SupportStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Calendars

    public func calendars(ids: [Int64]) async throws -> [WorkingCalendar] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM working_calendars WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.calendar)
        }
    }

    public func calendars(text: String?, deleted: DeletedFilter) async throws -> [WorkingCalendar] {
        try await named("working_calendars", text, deleted, Self.calendar)
    }

    public func defaultCalendar() async throws -> WorkingCalendar? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM working_calendars WHERE is_default = 1 AND deleted_at IS NULL").map(Self.calendar)
        }
    }

    public func insertCalendar(_ c: WorkingCalendar, createdBy: Int64?, at date: Date) async throws -> WorkingCalendar {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            if c.isDefault { try Self.undefault(db, "working_calendars", "WorkingCalendar", createdBy, now) }
            try db.execute(sql: """
                INSERT INTO working_calendars (name, time_zone, is_default, week, special_days, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [c.name, c.timeZone, c.isDefault, SupportJSON.week(c.week), SupportJSON.specialDays(c.specialDays), now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let calendar = try await calendars(ids: [id]).first else { throw StorageFailure("calendar \(id) vanished") }
        return calendar
    }

    public func updateCalendar(_ c: WorkingCalendar, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                               at date: Date) async throws -> VersionedWrite<WorkingCalendar> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM working_calendars WHERE id = ?", arguments: [c.id]) else { return .notFound }
            if let expectedVersion, expectedVersion != version { return .stale }
            if c.isDefault { try Self.undefault(db, "working_calendars", "WorkingCalendar", nil, now, except: c.id, actor: actor) }
            return try VersionedRow.update(db, table: "working_calendars", entity: "WorkingCalendar", id: c.id, expectedVersion: expectedVersion,
                                           columns: [("name", c.name), ("time_zone", c.timeZone), ("is_default", c.isDefault),
                                                     ("week", SupportJSON.week(c.week)), ("special_days", SupportJSON.specialDays(c.specialDays)),
                                                     ("deleted_at", c.deletedAt.map(SQLTime.text))],
                                           edits: edits, actor: actor, at: now)
        }
        return VersionedRow.result(outcome, try await calendars(ids: [c.id]).first)
    }

    // MARK: Policies

    public func policies(ids: [Int64]) async throws -> [SlaPolicy] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM sla_policies WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.policy)
        }
    }

    public func policies(text: String?, deleted: DeletedFilter) async throws -> [SlaPolicy] {
        try await named("sla_policies", text, deleted, Self.policy)
    }

    public func defaultPolicy() async throws -> SlaPolicy? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM sla_policies WHERE is_default = 1 AND deleted_at IS NULL").map(Self.policy)
        }
    }

    public func insertPolicy(_ p: SlaPolicy, createdBy: Int64?, at date: Date) async throws -> SlaPolicy {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            if p.isDefault { try Self.undefault(db, "sla_policies", "SlaPolicy", createdBy, now) }
            try db.execute(sql: """
                INSERT INTO sla_policies (name, description, is_default, calendar_id, targets, warning_lead_minutes, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [p.name, p.description, p.isDefault, p.calendarID, SupportJSON.targets(p.targets),
                                 SupportJSON.ints(p.warningLeadMinutes), now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let policy = try await policies(ids: [id]).first else { throw StorageFailure("policy \(id) vanished") }
        return policy
    }

    public func updatePolicy(_ p: SlaPolicy, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                             at date: Date) async throws -> VersionedWrite<SlaPolicy> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM sla_policies WHERE id = ?", arguments: [p.id]) else { return .notFound }
            if let expectedVersion, expectedVersion != version { return .stale }
            if p.isDefault { try Self.undefault(db, "sla_policies", "SlaPolicy", nil, now, except: p.id, actor: actor) }
            return try VersionedRow.update(db, table: "sla_policies", entity: "SlaPolicy", id: p.id, expectedVersion: expectedVersion,
                                           columns: [("name", p.name), ("description", p.description), ("is_default", p.isDefault),
                                                     ("calendar_id", p.calendarID), ("targets", SupportJSON.targets(p.targets)),
                                                     ("warning_lead_minutes", SupportJSON.ints(p.warningLeadMinutes)),
                                                     ("deleted_at", p.deletedAt.map(SQLTime.text))],
                                           edits: edits, actor: actor, at: now)
        }
        return VersionedRow.result(outcome, try await policies(ids: [p.id]).first)
    }

    /// The old default of a table stops being one, with its history.
    static func undefault(_ db: GRDB.Database, _ table: String, _ entity: String, _ createdBy: Int64?, _ now: String, except: Int64? = nil,
                          actor: Actor? = nil) throws {
        guard let old = try Int64.fetchOne(cached: db, sql: "SELECT id FROM \(table) WHERE is_default = 1 AND deleted_at IS NULL AND id != ?",
                                           arguments: [except ?? -1]) else { return }
        _ = try VersionedRow.update(db, table: table, entity: entity, id: old, expectedVersion: nil, columns: [("is_default", false)],
                                    edits: [FieldEdit("isDefault", old: "true", new: "false")],
                                    actor: actor ?? createdBy.map(Actor.user) ?? .system, at: now)
    }

    private func named<T: Sendable>(_ table: String, _ text: String?, _ deleted: DeletedFilter, _ map: @escaping @Sendable (Row) -> T) async throws -> [T] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            list.add("sb_fold(name) LIKE ? ESCAPE '\\'", [RecordList.containsPattern(text)])
        }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM \(table) WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY name, id",
                             arguments: final.arguments).map(map)
        }
    }

    // MARK: Inquiries

    /// Seen by the assignee and the creator; unassigned ones by everyone who reads (the queue).
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("(assignee_id IS NULL OR assignee_id IN (SELECT value FROM json_each(?)) OR created_by IN (SELECT value FROM json_each(?)))",
             [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids)])
        }
    }

    public func inquiries(ids: [Int64], visibility: Visibility) async throws -> [Inquiry] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = Self.visible(visibility)
        return try await database.read { db in
            let rows = try Row.fetchAll(cached: db, sql: "SELECT * FROM inquiries WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                                        arguments: [IdentityRepository.jsonArray(ids)] + arguments)
            return try Self.withDeadlines(db, rows.map(Self.inquiry))
        }
    }

    public func inquiries(_ query: InquiryQuery, visibility: Visibility) async throws -> Page<Inquiry> {
        var list = RecordList(visible: Self.visible(visibility), deleted: query.deleted)
        func strings(_ column: String, _ values: [String]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(values)]) }
        }
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(subject) LIKE ? ESCAPE '\\' OR sb_fold(description) LIKE ? ESCAPE '\\')", [pattern, pattern])
        }
        strings("status", query.statuses?.map(\.rawValue))
        strings("priority", query.priorities?.map(\.rawValue))
        strings("origin", query.origins?.map(\.rawValue))
        strings("category", query.categories)
        if let ids = query.assigneeIDs { list.add("assignee_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(ids)]) }
        if let ids = query.clientIDs { list.add("client_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(ids)]) }
        if let ids = query.callIDs { list.add("call_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(ids)]) }
        if let ids = query.dialogueIDs { list.add("dialogue_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(ids)]) }
        if let unassigned = query.unassigned { list.add(unassigned ? "assignee_id IS NULL" : "assignee_id IS NOT NULL") }
        if let rejected = query.rejected { list.add(rejected ? "rejection_reason IS NOT NULL" : "rejection_reason IS NULL") }
        if let states = query.slaStates {
            let now = SQLTime.text(query.now)
            var alternatives: [String] = []
            var values: StatementArguments = []
            for state in Set(states) {
                switch state {
                case .running: alternatives.append("(d.state = 'running' AND d.due_at >= ?)"); values += [now]
                case .missed: alternatives.append("(d.state = 'missed' OR (d.state = 'running' AND d.due_at < ?))"); values += [now]
                case .paused: alternatives.append("d.state = 'paused'")
                case .met: alternatives.append("d.state = 'met'")
                }
            }
            list.add("EXISTS (SELECT 1 FROM sla_deadlines AS d WHERE d.inquiry_id = inquiries.id AND (\(alternatives.isEmpty ? "0" : alternatives.joined(separator: " OR "))))",
                     values)
        }
        if let channels = query.channelIDs {
            list.add("dialogue_id IN (SELECT id FROM dialogues WHERE channel_id IN (SELECT value FROM json_each(?)))", [IdentityRepository.jsonArray(channels)])
        }
        if let from = query.createdFrom { list.add("created_at >= ?", [SQLTime.text(from)]) }
        if let to = query.createdTo { list.add("created_at < ?", [SQLTime.text(to)]) }
        let order: String = switch query.order {
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        case .priority: "CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END"
        case .nextDeadline:
            "coalesce((SELECT min(due_at) FROM sla_deadlines WHERE inquiry_id = inquiries.id AND state = 'running'), '\(query.page.descending ? "0000" : "9999")')"
        }
        let final = list
        return try await database.read { db in
            let page = try final.fetch(db, table: "inquiries", orderColumn: order, numeric: query.order == .priority, page: query.page,
                                       map: Self.inquiry)
            let items = try Self.withDeadlines(db, page.items)
            return Page(items: items, totalCount: page.totalCount, hasMore: page.hasMore)
        }
    }

    public func insertInquiry(_ state: InquiryState, createdBy: Int64?, at date: Date) async throws -> Inquiry {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(state)
            let names = columns.map(\.0) + ["created_at", "updated_at", "created_by"]
            var arguments = StatementArguments(columns.map(\.1))
            arguments += [now, now, createdBy]
            try db.execute(sql: "INSERT INTO inquiries (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))",
                           arguments: arguments)
            let id = db.lastInsertedRowID
            try Self.writeDeadlines(db, inquiryID: id, state.deadlines)
            return id
        }
        guard let inquiry = try await inquiries(ids: [id], visibility: .all).first else { throw StorageFailure("inquiry \(id) vanished") }
        return inquiry
    }

    public func updateInquiry(id: Int64, expectedVersion: Int?, state: InquiryState, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                              at date: Date) async throws -> VersionedWrite<Inquiry> {
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            let outcome = try VersionedRow.update(db, table: "inquiries", entity: "Inquiry", id: id, expectedVersion: expectedVersion,
                                                  columns: Self.columns(state) + [("deleted_at", deletedAt.map(SQLTime.text))],
                                                  edits: edits, actor: actor, at: SQLTime.text(date))
            if outcome == .written { try Self.writeDeadlines(db, inquiryID: id, state.deadlines) }
            return outcome
        }
        return VersionedRow.result(outcome, try await inquiries(ids: [id], visibility: .all).first)
    }

    // MARK: Rows

    static func columns(_ s: InquiryState) -> [(String, (any DatabaseValueConvertible)?)] {
        let f = s.fields
        return [("subject", f.subject), ("description", f.description), ("origin", f.origin.rawValue), ("client_id", f.clientID),
                ("contact_id", f.contactID), ("assignee_id", f.assigneeID), ("priority", f.priority.rawValue), ("category", f.category),
                ("sla_policy_id", f.slaPolicyID), ("call_id", f.callID), ("dialogue_id", f.dialogueID), ("status", s.status.rawValue), ("rejection_reason", s.rejectionReason),
                ("first_responded_at", s.firstRespondedAt.map(SQLTime.text)), ("waiting_since", s.waitingSince.map(SQLTime.text)),
                ("resolved_at", s.resolvedAt.map(SQLTime.text)), ("closed_at", s.closedAt.map(SQLTime.text))]
    }

    /// Updates the deadlines that have ids, inserts the new ones, removes those no longer there.
    static func writeDeadlines(_ db: GRDB.Database, inquiryID: Int64, _ deadlines: [SlaDeadline]) throws {
        let kept = deadlines.map(\.id).filter { $0 != 0 }
        try db.execute(sql: "DELETE FROM sla_deadlines WHERE inquiry_id = ? AND id NOT IN (SELECT value FROM json_each(?))",
                       arguments: [inquiryID, IdentityRepository.jsonArray(kept)])
        for d in deadlines {
            let values: [(any DatabaseValueConvertible)?] = [d.metric.rawValue, d.state.rawValue, d.targetMinutes, SQLTime.text(d.startedAt),
                                                              d.runningSince.map(SQLTime.text), d.consumedMinutes, d.dueAt.map(SQLTime.text),
                                                              d.pausedAt.map(SQLTime.text), d.metAt.map(SQLTime.text), d.missedAt.map(SQLTime.text)]
            if d.id == 0 {
                try db.execute(sql: """
                    INSERT INTO sla_deadlines (metric, state, target_minutes, started_at, running_since, consumed_minutes, due_at, paused_at,
                        met_at, missed_at, inquiry_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(values + [inquiryID]))
            } else {
                try db.execute(sql: """
                    UPDATE sla_deadlines SET metric = ?, state = ?, target_minutes = ?, started_at = ?, running_since = ?, consumed_minutes = ?,
                        due_at = ?, paused_at = ?, met_at = ?, missed_at = ? WHERE id = ? AND inquiry_id = ?
                    """, arguments: StatementArguments(values + [d.id, inquiryID]))
            }
        }
    }

    /// The inquiries with their deadlines, read in one statement.
    static func withDeadlines(_ db: GRDB.Database, _ inquiries: [Inquiry]) throws -> [Inquiry] {
        guard !inquiries.isEmpty else { return [] }
        var deadlines: [Int64: [SlaDeadline]] = [:]
        for row in try Row.fetchAll(cached: db, sql: "SELECT * FROM sla_deadlines WHERE inquiry_id IN (SELECT value FROM json_each(?)) ORDER BY id",
                                    arguments: [IdentityRepository.jsonArray(inquiries.map(\.id))]) {
            deadlines[row["inquiry_id"], default: []].append(SlaDeadline(
                id: row["id"], metric: SlaDeadline.Metric(rawValue: row["metric"]) ?? .resolution,
                state: SlaDeadline.State(rawValue: row["state"]) ?? .running, targetMinutes: row["target_minutes"],
                startedAt: SQLTime.date(row["started_at"]) ?? .distantPast, runningSince: SQLTime.date(row["running_since"]),
                consumedMinutes: row["consumed_minutes"], dueAt: SQLTime.date(row["due_at"]), pausedAt: SQLTime.date(row["paused_at"]),
                metAt: SQLTime.date(row["met_at"]), missedAt: SQLTime.date(row["missed_at"])))
        }
        return inquiries.map { inquiry in
            var i = inquiry
            i.deadlines = deadlines[inquiry.id] ?? []
            return i
        }
    }

    static func inquiry(_ row: Row) -> Inquiry {
        let fields = InquiryFields(subject: row["subject"], description: row["description"],
                                   origin: Inquiry.Origin(rawValue: row["origin"]) ?? .manual, clientID: row["client_id"],
                                   contactID: row["contact_id"], assigneeID: row["assignee_id"],
                                   priority: TaskItem.Priority(rawValue: row["priority"]) ?? .normal, category: row["category"],
                                   slaPolicyID: row["sla_policy_id"], callID: row["call_id"],
                                   dialogueID: row["dialogue_id"])
        return Inquiry(id: row["id"], fields: fields, status: Inquiry.Status(rawValue: row["status"]) ?? .new,
                       rejectionReason: row["rejection_reason"], firstRespondedAt: SQLTime.date(row["first_responded_at"]),
                       waitingSince: SQLTime.date(row["waiting_since"]), resolvedAt: SQLTime.date(row["resolved_at"]),
                       closedAt: SQLTime.date(row["closed_at"]), deadlines: [],
                       createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                       createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func calendar(_ row: Row) -> WorkingCalendar {
        let week = (json(row["week"]) as? [[[Int]]] ?? []).map { $0.compactMap { $0.count == 2 ? WorkInterval(start: $0[0], end: $0[1]) : nil } }
        let special = (json(row["special_days"]) as? [[String: Any]] ?? []).compactMap { d -> SpecialDay? in
            guard let date = d["date"] as? String, let kind = SpecialDay.Kind(rawValue: d["kind"] as? String ?? "") else { return nil }
            let intervals = (d["intervals"] as? [[Int]] ?? []).compactMap { $0.count == 2 ? WorkInterval(start: $0[0], end: $0[1]) : nil }
            return SpecialDay(date: date, name: d["name"] as? String, kind: kind, intervals: intervals)
        }
        return WorkingCalendar(id: row["id"], name: row["name"], timeZone: row["time_zone"], isDefault: row["is_default"],
                               week: week.count == 7 ? week : Array(repeating: [], count: 7), specialDays: special,
                               createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                               createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func policy(_ row: Row) -> SlaPolicy {
        let targets = (json(row["targets"]) as? [[String: Any]] ?? []).compactMap { t -> SlaTarget? in
            guard let priority = TaskItem.Priority(rawValue: t["priority"] as? String ?? "") else { return nil }
            return SlaTarget(priority: priority, firstResponseMinutes: t["firstResponseMinutes"] as? Int,
                             nextResponseMinutes: t["nextResponseMinutes"] as? Int, resolutionMinutes: t["resolutionMinutes"] as? Int)
        }
        return SlaPolicy(id: row["id"], name: row["name"], description: row["description"], isDefault: row["is_default"],
                         calendarID: row["calendar_id"], targets: targets, warningLeadMinutes: json(row["warning_lead_minutes"]) as? [Int] ?? [],
                         createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                         createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    static func json(_ text: String?) -> Any? {
        try? JSONSerialization.jsonObject(with: Data((text ?? "null").utf8), options: [.fragmentsAllowed])
    }
}
