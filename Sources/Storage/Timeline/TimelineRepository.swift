import CRM
import Foundation
import GRDB

/// ``TimelineStore`` over the `timeline_items` view (0007_notes_timeline.sql), keyset-paged by
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

    /// An item is seen when either of its users is among those the viewer sees, or it has none.
    static func visible(_ visibility: Visibility) -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids):
            ("((owner_a IS NULL AND owner_b IS NULL) OR owner_a IN (SELECT value FROM json_each(?)) OR owner_b IN (SELECT value FROM json_each(?)))",
             [IdentityRepository.jsonArray(ids), IdentityRepository.jsonArray(ids)])
        }
    }

    static func entry(_ row: Row) -> TimelineEntry {
        TimelineEntry(id: row["id"], clientID: row["client_id"], kind: TimelineEntry.Kind(rawValue: row["kind"]) ?? .profile,
                      action: TimelineEntry.Action(rawValue: row["action"]) ?? .updated,
                      occurredAt: SQLTime.date(row["occurred_at"]) ?? .distantPast,
                      actor: HistoryWriter.actor(kind: row["actor_kind"], id: row["actor_id"]), recordType: row["record_type"],
                      recordID: row["record_id"], title: row["title"] ?? "", detail: row["detail"])
    }
}
