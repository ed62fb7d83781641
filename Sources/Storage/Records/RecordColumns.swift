import CRM
import Foundation
import GRDB

/// Columns that records share: phones, e-mails and messengers stored as JSON arrays, and their
/// index in `contact_points` for look-ups.
enum RecordColumns {
    static func phones(_ row: Row) -> [PhoneEntry] {
        objects(row["phones"]).map {
            PhoneEntry(number: $0["number"] as? String ?? "", kind: $0["kind"] as? String ?? "other", primary: $0["primary"] as? Bool ?? false)
        }
    }

    static func emails(_ row: Row) -> [EmailEntry] {
        objects(row["emails"]).map {
            EmailEntry(address: $0["address"] as? String ?? "", kind: $0["kind"] as? String ?? "other", primary: $0["primary"] as? Bool ?? false)
        }
    }

    static func messengers(_ row: Row) -> [MessengerEntry] {
        objects(row["messengers"]).map {
            MessengerEntry(messenger: $0["messenger"] as? String ?? "other", handle: $0["handle"] as? String ?? "")
        }
    }

    static func strings(_ text: String?) -> [String] {
        (try? JSONSerialization.jsonObject(with: Data((text ?? "[]").utf8))) as? [String] ?? []
    }

    private static func objects(_ text: String?) -> [[String: Any]] {
        (try? JSONSerialization.jsonObject(with: Data((text ?? "[]").utf8))) as? [[String: Any]] ?? []
    }

    /// Rewrites the look-up index of a record's phones (E.164 digits) and e-mails (lowercased).
    static func indexContactPoints(_ db: GRDB.Database, entity: String, id: Int64, phones: [PhoneEntry],
                                   emails: [EmailEntry]) throws {
        try db.execute(sql: "DELETE FROM contact_points WHERE entity_type = ? AND entity_id = ?", arguments: [entity, id])
        let statement = try db.cachedStatement(sql: "INSERT INTO contact_points (entity_type, entity_id, kind, value) VALUES (?, ?, ?, ?)")
        for phone in phones { try statement.execute(arguments: [entity, id, "phone", String(phone.number.drop(while: { $0 == "+" }))]) }
        for email in emails { try statement.execute(arguments: [entity, id, "email", email.address.lowercased()]) }
    }
}
