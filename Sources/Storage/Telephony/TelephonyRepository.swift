import CRM
import Foundation
import GRDB
import Secrets

/// ``TelephonyStore`` over SQLite: phone lines and call queues, and calls written together with
/// their call-back tasks; recordings kept once per SHA-256 with the other file contents.
public struct TelephonyRepository: TelephonyStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Lines

    public func lines(ids: [Int64]) async throws -> [PhoneLine] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM phone_lines WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.line)
        }
    }

    public func lines(providers: [TelephonyProvider]?, deleted: DeletedFilter) async throws -> [PhoneLine] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let providers { list.add("provider IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(providers.map(\.rawValue))]) }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM phone_lines WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY name, id",
                             arguments: final.arguments).map(Self.line)
        }
    }

    public func insertLine(_ line: PhoneLine, createdBy: Int64?, at date: Date) async throws -> PhoneLine {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(line)
            try db.execute(sql: "INSERT INTO phone_lines (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let line = try await lines(ids: [id]).first else { throw StorageFailure("phone line \(id) vanished") }
        return line
    }

    public func updateLine(_ line: PhoneLine, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                           at date: Date) async throws -> VersionedWrite<PhoneLine> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "phone_lines", entity: "PhoneLine", id: line.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(line) + [("deleted_at", line.deletedAt.map(SQLTime.text))], edits: edits,
                                    actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await lines(ids: [line.id]).first)
    }

    static func columns(_ l: PhoneLine) -> [(String, (any DatabaseValueConvertible)?)] {
        [("name", l.name), ("number", l.number), ("provider", l.provider.rawValue), ("enabled", l.enabled), ("queue_id", l.queueID),
         ("settings", l.settings), ("credentials", l.credentials.sealed), ("credential_keys", RecordJSON.tags(l.credentials.keys))]
    }

    static func line(_ row: Row) -> PhoneLine {
        PhoneLine(id: row["id"], name: row["name"], number: row["number"], provider: TelephonyProvider(rawValue: row["provider"]) ?? .generic,
                  enabled: row["enabled"], queueID: row["queue_id"], settings: row["settings"],
                  credentials: SealedCredentials(sealed: row["credentials"], keys: SupportRepository.json(row["credential_keys"]) as? [String] ?? []),
                  createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                  createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    // MARK: Queues

    public func queues(ids: [Int64]) async throws -> [CallQueue] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM call_queues WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)]).map(Self.queue)
        }
    }

    public func queues(text: String?, deleted: DeletedFilter) async throws -> [CallQueue] {
        var list = RecordList(visibility: .all, deleted: deleted)
        if let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            list.add("sb_fold(name) LIKE ? ESCAPE '\\'", [RecordList.containsPattern(text)])
        }
        let final = list
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM call_queues WHERE \(final.conditions.joined(separator: " AND ")) ORDER BY name, id",
                             arguments: final.arguments).map(Self.queue)
        }
    }

    public func insertQueue(_ queue: CallQueue, createdBy: Int64?, at date: Date) async throws -> CallQueue {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(queue)
            try db.execute(sql: "INSERT INTO call_queues (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let queue = try await queues(ids: [id]).first else { throw StorageFailure("call queue \(id) vanished") }
        return queue
    }

    public func updateQueue(_ queue: CallQueue, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                            at date: Date) async throws -> VersionedWrite<CallQueue> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "call_queues", entity: "CallQueue", id: queue.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(queue) + [("deleted_at", queue.deletedAt.map(SQLTime.text))], edits: edits,
                                    actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await queues(ids: [queue.id]).first)
    }

    public func advanceQueue(id: Int64, to memberID: Int64) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE call_queues SET last_member_id = ? WHERE id = ?", arguments: [memberID, id])
        }
    }

    static func columns(_ q: CallQueue) -> [(String, (any DatabaseValueConvertible)?)] {
        [("name", q.name), ("member_ids", IdentityRepository.jsonArray(q.memberIDs)), ("ring_timeout_seconds", q.ringTimeoutSeconds),
         ("callback_assignee_id", q.callbackAssigneeID)]
    }

    static func queue(_ row: Row) -> CallQueue {
        CallQueue(id: row["id"], name: row["name"], memberIDs: (SupportRepository.json(row["member_ids"]) as? [Int] ?? []).map(Int64.init),
                  ringTimeoutSeconds: row["ring_timeout_seconds"], callbackAssigneeID: row["callback_assignee_id"],
                  lastMemberID: row["last_member_id"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                  updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"], version: row["version"],
                  deletedAt: SQLTime.date(row["deleted_at"]))
    }

    // MARK: Calls

    /// Seen by whoever took it or had it routed to them, by whoever sees its client, and — while
    /// it has neither a user nor a client — by everyone who reads.
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("""
            (user_id IN (SELECT value FROM json_each(?1)) OR routed_to_id IN (SELECT value FROM json_each(?1))
             OR client_id IN (SELECT id FROM clients WHERE owner_id IN (SELECT value FROM json_each(?1)))
             OR (user_id IS NULL AND routed_to_id IS NULL AND client_id IS NULL))
            """.replacingOccurrences(of: "?1", with: "?"),
             [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids)])
        }
    }

    public func calls(ids: [Int64], visibility: Visibility) async throws -> [Call] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = Self.visible(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM calls WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.call)
        }
    }

    public func calls(_ query: CallQuery, visibility: Visibility) async throws -> Page<Call> {
        var list = RecordList(visible: Self.visible(visibility), deleted: .exclude)
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        if let digits = query.numberDigits {
            let pattern = "%" + digits + "%"
            list.add("(replace(from_number, '+', '') LIKE ? OR replace(to_number, '+', '') LIKE ?)", [pattern, pattern])
        }
        if let directions = query.directions { list.add("direction IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(directions.map(\.rawValue))]) }
        if let statuses = query.statuses { list.add("status IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(statuses.map(\.rawValue))]) }
        ids("user_id", query.userIDs)
        ids("client_id", query.clientIDs)
        ids("contact_id", query.contactIDs)
        ids("line_id", query.lineIDs)
        ids("queue_id", query.queueIDs)
        ids("callback_task_id", query.callbackTaskIDs)
        if let from = query.startedFrom { list.add("started_at >= ?", [SQLTime.text(from)]) }
        if let to = query.startedTo { list.add("started_at < ?", [SQLTime.text(to)]) }
        if let has = query.hasRecording { list.add(has ? "recording_sha256 IS NOT NULL" : "recording_sha256 IS NULL") }
        let final = list
        return try await database.read { db in
            try final.fetch(db, table: "calls", orderColumn: query.order == .duration ? "coalesce(duration_seconds, -1)" : "started_at",
                            numeric: query.order == .duration, page: query.page, map: Self.call)
        }
    }

    public func call(provider: TelephonyProvider, providerCallID: String) async throws -> Call? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM calls WHERE provider = ? AND provider_call_id = ?",
                             arguments: [provider.rawValue, providerCallID]).map(Self.call)
        }
    }

    public func party(phoneDigits: String) async throws -> (clientID: Int64?, contactID: Int64?) {
        try await database.read { db in
            if let row = try Row.fetchOne(cached: db, sql: """
                SELECT contacts.id, contacts.client_id FROM contact_points JOIN contacts ON contacts.id = contact_points.entity_id
                WHERE contact_points.entity_type = 'Contact' AND contact_points.kind = 'phone' AND contact_points.value = ?
                    AND contacts.deleted_at IS NULL ORDER BY contacts.id LIMIT 1
                """, arguments: [phoneDigits]) {
                return (row[1], row[0])
            }
            let client = try Int64.fetchOne(cached: db, sql: """
                SELECT clients.id FROM contact_points JOIN clients ON clients.id = contact_points.entity_id
                WHERE contact_points.entity_type = 'Client' AND contact_points.kind = 'phone' AND contact_points.value = ?
                    AND clients.deleted_at IS NULL ORDER BY clients.id LIMIT 1
                """, arguments: [phoneDigits])
            return (client, nil)
        }
    }

    public func insertCall(_ state: CallState, callbackTask: TaskFields?, at date: Date) async throws -> Call? {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64? in
            guard try Int64.fetchOne(cached: db, sql: "SELECT id FROM calls WHERE provider = ? AND provider_call_id = ?",
                                     arguments: [state.provider.rawValue, state.providerCallID]) == nil else { return nil }
            var state = state
            if let callbackTask { state.callbackTaskID = try TaskRepository.insert(db, callbackTask, completedAt: nil, result: nil, createdBy: nil, at: now) }
            let columns = Self.columns(state)
            try db.execute(sql: "INSERT INTO calls (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 2).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now])
            return db.lastInsertedRowID
        }
        guard let id else { return nil }
        return try await calls(ids: [id], visibility: .all).first
    }

    public func updateCall(id: Int64, expectedVersion: Int, state: CallState, callbackTask: TaskFields?, edits: [FieldEdit], actor: Actor,
                           at date: Date) async throws -> VersionedWrite<Call> {
        let now = SQLTime.text(date)
        let outcome = try await database.write { db -> VersionedRow.Outcome in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM calls WHERE id = ?", arguments: [id]) else { return .notFound }
            guard version == expectedVersion else { return .stale }
            var state = state
            if let callbackTask { state.callbackTaskID = try TaskRepository.insert(db, callbackTask, completedAt: nil, result: nil, createdBy: nil, at: now) }
            return try VersionedRow.update(db, table: "calls", entity: "Call", id: id, expectedVersion: expectedVersion, columns: Self.columns(state),
                                           edits: edits, actor: actor, at: now)
        }
        return VersionedRow.result(outcome, try await calls(ids: [id], visibility: .all).first)
    }

    public func usersOnCall(_ userIDs: [Int64]) async throws -> Set<Int64> {
        if userIDs.isEmpty { return [] }
        return try await database.read { db in
            Set(try Int64.fetchAll(cached: db, sql: """
                SELECT DISTINCT user_id FROM calls WHERE status = 'answered' AND user_id IN (SELECT value FROM json_each(?))
                """, arguments: [IdentityRepository.jsonArray(userIDs)]))
        }
    }

    public func storeRecording(callID: Int64, data: [UInt8], contentType: String) async throws {
        let sha256 = Encoding.hex(Digest.sha256(data))
        try await database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO file_contents (sha256, size, data) VALUES (?, ?, ?)", arguments: [sha256, data.count, Data(data)])
            try db.execute(sql: "UPDATE calls SET recording_sha256 = ?, recording_content_type = ? WHERE id = ?", arguments: [sha256, contentType, callID])
        }
    }

    public func recording(callID: Int64) async throws -> (data: [UInt8], contentType: String)? {
        try await database.read { db in
            guard let row = try Row.fetchOne(cached: db, sql: """
                SELECT file_contents.data, calls.recording_content_type FROM calls JOIN file_contents ON file_contents.sha256 = calls.recording_sha256
                WHERE calls.id = ?
                """, arguments: [callID]) else { return nil }
            return (Array(row[0] as Data), row[1] ?? "application/octet-stream")
        }
    }

    static func columns(_ s: CallState) -> [(String, (any DatabaseValueConvertible)?)] {
        [("direction", s.direction.rawValue), ("status", s.status.rawValue), ("from_number", s.from), ("to_number", s.to),
         ("from_extension", s.fromExtension), ("to_extension", s.toExtension), ("line_id", s.lineID), ("queue_id", s.queueID),
         ("routed_to_id", s.routedToID), ("user_id", s.userID), ("client_id", s.clientID), ("contact_id", s.contactID),
         ("started_at", SQLTime.text(s.startedAt)), ("answered_at", s.answeredAt.map(SQLTime.text)), ("ended_at", s.endedAt.map(SQLTime.text)),
         ("duration_seconds", s.durationSeconds), ("recording_source_url", s.recordingSourceURL), ("provider", s.provider.rawValue),
         ("provider_call_id", s.providerCallID), ("provider_leg_id", s.providerLegID),
         ("failure_reason", s.failureReason), ("callback_task_id", s.callbackTaskID)]
    }

    static func call(_ row: Row) -> Call {
        let state = CallState(direction: Call.Direction(rawValue: row["direction"]) ?? .incoming, status: Call.Status(rawValue: row["status"]) ?? .ringing,
                              from: row["from_number"], to: row["to_number"], fromExtension: row["from_extension"], toExtension: row["to_extension"],
                              lineID: row["line_id"], queueID: row["queue_id"], routedToID: row["routed_to_id"], userID: row["user_id"],
                              clientID: row["client_id"], contactID: row["contact_id"], startedAt: SQLTime.date(row["started_at"]) ?? .distantPast,
                              answeredAt: SQLTime.date(row["answered_at"]), endedAt: SQLTime.date(row["ended_at"]),
                              durationSeconds: row["duration_seconds"], recordingSourceURL: row["recording_source_url"],
                              provider: TelephonyProvider(rawValue: row["provider"]) ?? .generic, providerCallID: row["provider_call_id"],
                              providerLegID: row["provider_leg_id"], failureReason: row["failure_reason"], callbackTaskID: row["callback_task_id"])
        return Call(id: row["id"], state: state, hasRecording: (row["recording_sha256"] as String?) != nil,
                    createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                    createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
