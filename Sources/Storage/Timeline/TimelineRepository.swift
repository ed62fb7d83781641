import CRM
import Foundation
import GRDB

/// ``TimelineStore`` over the `timeline_items` view (0013_messaging.sql), keyset-paged by
/// time, newest first.
public struct TimelineRepository: TimelineStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func timeline(clientID: Int64, kinds: [TimelineEntry.Kind]?, from: Date?, to: Date?, page: PageRequest,
                         visibility: Visibility) async throws -> Page<TimelineEntry> {
        var list = RecordList(visible: Self.visible(visibility), deleted: .include)
        list.add("client_id = ?", [clientID])
        if let kinds { list.add("kind IN (SELECT value FROM json_each(?))", [ClientRepository.jsonStrings(kinds.map(\.rawValue))]) }
        if let from { list.add("occurred_at >= ?", [SQLTime.text(from)]) }
        if let to { list.add("occurred_at < ?", [SQLTime.text(to)]) }
        let final = list
        return try await database.read { db in
            try final.fetch(db, table: "timeline_items", orderColumn: "occurred_at", page: page, map: Self.entry)
        }
    }

    public func timelineEntry(id: Int64, visibility: Visibility) async throws -> TimelineEntry? {
        // The id says the source (id % 16) and its row (id / 16); the row says the client, which
        // lets the view use its per-client indexes.
        let row = id / 16
        let client = switch id % 16 {
        case 0: "SELECT ?"
        case 1: "SELECT entity_id FROM field_changes WHERE id = ?"
        case 2: "SELECT client_id FROM contacts WHERE id = ?"
        case 3: "SELECT client_id FROM notes WHERE id = ?"
        case 4, 5: "SELECT client_id FROM tasks WHERE id = ?"
        case 6: "SELECT deals.client_id FROM deal_stage_changes JOIN deals ON deals.id = deal_stage_changes.deal_id WHERE deal_stage_changes.id = ?"
        case 7: "SELECT client_id FROM files WHERE id = ?"
        case 8, 9, 10: "SELECT client_id FROM inquiries WHERE id = ?"
        case 11: "SELECT client_id FROM calls WHERE id = ?"
        case 12: "SELECT client_id FROM projects WHERE id = ?"
        default: "SELECT dialogues.client_id FROM messages JOIN dialogues ON dialogues.id = messages.dialogue_id WHERE messages.id = ?"
        }
        let (visible, arguments) = Self.visible(visibility)
        return try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM timeline_items WHERE client_id = (\(client)) AND id = ? AND \(visible)",
                             arguments: [row, id] + arguments).map(Self.entry)
        }
    }

    /// An item about the client itself is seen with the client; any other when either of its
    /// users is among those the viewer sees.
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("(scoped = 0 OR owner_a IN (SELECT value FROM json_each(?)) OR owner_b IN (SELECT value FROM json_each(?)))",
             [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids)])
        }
    }

    /// A text column that may hold a number (a call's talk time), as text.
    static func text(_ value: DatabaseValue) -> String? {
        String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init)
    }

    static func entry(_ row: Row) -> TimelineEntry {
        TimelineEntry(id: row["id"], clientID: row["client_id"], kind: TimelineEntry.Kind(rawValue: row["kind"]) ?? .profile,
                      action: TimelineEntry.Action(rawValue: row["action"]) ?? .updated,
                      occurredAt: SQLTime.date(row["occurred_at"]) ?? .distantPast,
                      actor: row["actor_kind"] == "external" ? nil : Actor(stored: row["actor_kind"], id: row["actor_id"]), recordType: row["record_type"],
                      recordID: row["record_id"], title: row["title"] ?? "",
                      detail: text(row["detail"]))
    }
}
