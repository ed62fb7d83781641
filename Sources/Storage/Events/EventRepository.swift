import CRM
import Foundation
import GRDB

/// ``EventStore`` over the `events` table the outbox triggers fill (0016_events.sql).
public struct EventRepository: EventStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func events(after id: Int64, limit: Int) async throws -> [DomainEvent] {
        try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", arguments: [id, limit]).compactMap { row in
                guard let kind = DomainEvent.Kind(rawValue: row["kind"]) else { return nil }
                return DomainEvent(id: row["id"], kind: kind, recordID: row["record_id"], detail: row["detail"],
                                   occurredAt: SQLTime.date(row["occurred_at"]) ?? .distantPast)
            }
        }
    }

    public func expiredThrough() async throws -> Int64 {
        try await database.read { db in
            // Ids grow by one per event (AUTOINCREMENT; a rolled-back insert takes no id), and
            // the oldest go first: whatever lies below the oldest kept id was removed.
            if let oldest = try Int64.fetchOne(cached: db, sql: "SELECT min(id) FROM events") { return oldest - 1 }
            return try Int64.fetchOne(cached: db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'events'") ?? 0
        }
    }

    public func onCommit(_ wake: @escaping @Sendable () -> Void) {
        database.onCommit(changing: ["events"], wake)
    }

    public func latestEventID() async throws -> Int64 {
        try await database.read { db in try Int64.fetchOne(cached: db, sql: "SELECT max(id) FROM events") ?? 0 }
    }

    public func deleteEvents(before date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM events WHERE occurred_at < ?", arguments: [SQLTime.text(date)])
        }
    }

    public func changes(entity: String, id: Int64, version: Int) async throws -> (fields: [String], actor: Actor?) {
        try await database.read { db in
            let rows = try Row.fetchAll(cached: db, sql: """
                SELECT field, actor_kind, actor_id FROM field_changes WHERE entity_type = ? AND entity_id = ? AND version = ? ORDER BY id
                """, arguments: [entity, id, version])
            return (rows.map { $0["field"] }, rows.first.map { Actor(stored: $0["actor_kind"], id: $0["actor_id"]) })
        }
    }
}
