import CRM
import Foundation
import GRDB

/// ``TimeEntryStore`` over SQLite. An entry's user is its owner for visibility.
public struct TimeEntryRepository: TimeEntryStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func timeEntries(ids: [Int64], visibility: Visibility) async throws -> [TimeEntry] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = RecordList.condition(visibility, ownerColumn: "user_id")
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM time_entries WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.entry)
        }
    }

    public func timeEntries(_ query: TimeEntryQuery, visibility: Visibility) async throws -> Page<TimeEntry> {
        let list = Self.list(query, visibility: visibility, deleted: query.deleted)
        let order = query.order == .date ? "date" : "created_at"
        return try await database.read { db in
            try list.fetch(db, table: "time_entries", orderColumn: order, page: query.page, map: Self.entry)
        }
    }

    public func timeTotals(_ query: TimeEntryQuery, groupedBy grouping: TimeEntryQuery.Grouping,
                           visibility: Visibility) async throws -> [TimeTotal] {
        let list = Self.list(query, visibility: visibility, deleted: .exclude)
        let column = grouping.rawValue
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT CAST(\(column) AS TEXT) AS k, sum(minutes) AS m, count(*) AS n FROM time_entries
                WHERE \(list.conditions.joined(separator: " AND ")) AND \(column) IS NOT NULL
                GROUP BY \(column) ORDER BY m DESC, k
                """, arguments: list.arguments).map { row in TimeTotal(key: row["k"], minutes: row["m"], entryCount: row["n"]) }
        }
    }

    public func minutes(inquiryIDs: [Int64], visibility: Visibility) async throws -> [Int64: Int] {
        var query = TimeEntryQuery()
        query.inquiryIDs = inquiryIDs
        return try await sums(query, column: "inquiry_id", visibility: visibility)
    }

    public func minutes(clientIDs: [Int64], from: String?, to: String?, visibility: Visibility) async throws -> [Int64: Int] {
        var query = TimeEntryQuery()
        query.clientIDs = clientIDs
        query.from = from
        query.to = to
        return try await sums(query, column: "client_id", visibility: visibility)
    }

    private func sums(_ query: TimeEntryQuery, column: String, visibility: Visibility) async throws -> [Int64: Int] {
        if (query.inquiryIDs ?? query.clientIDs ?? []).isEmpty { return [:] }
        let list = Self.list(query, visibility: visibility, deleted: .exclude)
        return try await database.read { db in
            var sums: [Int64: Int] = [:]
            for row in try Row.fetchAll(cached: db, sql: "SELECT \(column) AS k, sum(minutes) AS m FROM time_entries WHERE \(list.conditions.joined(separator: " AND ")) GROUP BY \(column)",
                                        arguments: list.arguments) {
                if let key: Int64 = row["k"] { sums[key] = row["m"] }
            }
            return sums
        }
    }

    public func insertTimeEntry(_ e: TimeEntry, createdBy: Int64?, at date: Date) async throws -> TimeEntry {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO time_entries (user_id, inquiry_id, client_id, date, minutes, note, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [e.userID, e.inquiryID, e.clientID, e.date, e.minutes, e.note, now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let entry = try await timeEntries(ids: [id], visibility: .all).first else { throw StorageFailure("time entry \(id) vanished") }
        return entry
    }

    public func updateTimeEntry(_ e: TimeEntry, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                                at date: Date) async throws -> VersionedWrite<TimeEntry> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "time_entries", entity: "TimeEntry", id: e.id, expectedVersion: expectedVersion,
                                    columns: [("date", e.date), ("minutes", e.minutes), ("note", e.note), ("deleted_at", e.deletedAt.map(SQLTime.text))],
                                    edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await timeEntries(ids: [e.id], visibility: .all).first)
    }

    static func list(_ query: TimeEntryQuery, visibility: Visibility, deleted: DeletedFilter) -> RecordList {
        var list = RecordList(visibility: visibility, deleted: deleted, ownerColumn: "user_id")
        func ids(_ column: String, _ values: [Int64]?) {
            if let values { list.add("\(column) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(values)]) }
        }
        ids("user_id", query.userIDs)
        ids("inquiry_id", query.inquiryIDs)
        ids("client_id", query.clientIDs)
        if let from = query.from { list.add("date >= ?", [from]) }
        if let to = query.to { list.add("date <= ?", [to]) }
        return list
    }

    static func entry(_ row: Row) -> TimeEntry {
        TimeEntry(id: row["id"], userID: row["user_id"], inquiryID: row["inquiry_id"], clientID: row["client_id"], date: row["date"],
                  minutes: row["minutes"], note: row["note"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                  updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"], version: row["version"],
                  deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
