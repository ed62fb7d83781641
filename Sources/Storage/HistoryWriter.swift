import CRM
import GRDB

/// Field history rows (`field_changes`): written in the same transaction as the change they
/// describe, so a change and its history are stored together or not at all.
enum HistoryWriter {
    static func record(_ db: GRDB.Database, entity: String, id: Int64, version: Int, edits: [FieldEdit], actor: Actor,
                       at time: String) throws {
        let (kind, actorID) = columns(actor)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO field_changes (entity_type, entity_id, version, field, old_value, new_value, actor_kind, actor_id, changed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for edit in edits {
            try statement.execute(arguments: [entity, id, version, edit.field, edit.oldValue, edit.newValue, kind, actorID, time])
        }
    }

    static func changes(_ db: GRDB.Database, entity: String, id: Int64) throws -> [FieldChange] {
        try Row.fetchAll(cached: db, sql: """
            SELECT id, field, old_value, new_value, actor_kind, actor_id, changed_at, version FROM field_changes
            WHERE entity_type = ? AND entity_id = ? ORDER BY id DESC
            """, arguments: [entity, id]).map { row in
            FieldChange(id: row["id"], field: row["field"], oldValue: row["old_value"], newValue: row["new_value"],
                        changedAt: SQLTime.date(row["changed_at"]) ?? .distantPast, actor: Actor(stored: row["actor_kind"], id: row["actor_id"]),
                        version: row["version"])
        }
    }

    /// The `actor_kind` and `actor_id` columns of an actor.
    static func columns(_ actor: Actor) -> (String, Int64?) {
        switch actor {
        case .user(let userID): ("user", userID)
        case .apiToken(let tokenID): ("api_token", tokenID)
        case .robot: ("robot", nil)
        case .system: ("system", nil)
        }
    }
}
