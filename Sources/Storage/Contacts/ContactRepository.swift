import CRM
import Foundation
import GRDB

/// ``ContactStore`` over SQLite; the viewer's visibility is a condition of every query.
public struct ContactRepository: ContactStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func contacts(ids: [Int64], visibility: Visibility) async throws -> [Contact] {
        if ids.isEmpty || visibility == .none { return [] }
        let (visible, arguments) = RecordList.condition(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM contacts WHERE id IN (SELECT value FROM json_each(?)) AND \(visible)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.contact)
        }
    }

    public func contacts(_ query: ContactQuery, visibility: Visibility) async throws -> Page<Contact> {
        var list = RecordList(visibility: visibility, deleted: query.deleted)
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(name) LIKE ? ESCAPE '\\' OR sb_fold(position) LIKE ? ESCAPE '\\')", [pattern, pattern])
        }
        if let clients = query.clientIDs { list.add("client_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(clients)]) }
        if let owners = query.ownerIDs { list.add("owner_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(owners)]) }
        let column = switch query.order {
        case .name: "name"
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        }
        let finalList = list
        return try await database.read { db in
            try finalList.fetch(db, table: "contacts", orderColumn: column, page: query.page, map: Self.contact)
        }
    }

    public func contacts(clientIDs: [Int64], deleted: DeletedFilter, visibility: Visibility) async throws -> [Contact] {
        if clientIDs.isEmpty { return [] }
        var list = RecordList(visibility: visibility, deleted: deleted)
        list.add("client_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(clientIDs)])
        let sql = "SELECT * FROM contacts WHERE " + list.conditions.joined(separator: " AND ") + " ORDER BY name, id"
        let arguments = list.arguments
        return try await database.read { db in try Row.fetchAll(cached: db, sql: sql, arguments: arguments).map(Self.contact) }
    }

    public func insertContact(_ fields: ContactFields, createdBy: Int64?, at date: Date) async throws -> Contact {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO contacts (first_name, middle_name, last_name, name, client_id, position, owner_id, phones, emails,
                    messengers, birthday, custom_fields, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.fieldArguments(fields) + [now, now, createdBy])
            let id = db.lastInsertedRowID
            try RecordColumns.indexContactPoints(db, entity: "Contact", id: id, phones: fields.phones, emails: fields.emails)
            return id
        }
        guard let contact = try await contacts(ids: [id], visibility: .all).first else { throw StorageFailure("contact \(id) vanished") }
        return contact
    }

    public func updateContact(id: Int64, expectedVersion: Int?, fields: ContactFields, deletedAt: Date?, edits: [FieldEdit],
                              actor: Actor, at date: Date) async throws -> VersionedWrite<Contact> {
        let now = SQLTime.text(date)
        let written = try await database.write { db -> Bool? in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM contacts WHERE id = ?", arguments: [id]) else { return nil }
            if let expectedVersion, expectedVersion != version { return false }
            try db.execute(sql: """
                UPDATE contacts SET first_name = ?, middle_name = ?, last_name = ?, name = ?, client_id = ?, position = ?,
                    owner_id = ?, phones = ?, emails = ?, messengers = ?, birthday = ?, custom_fields = ?, deleted_at = ?,
                    updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, arguments: Self.fieldArguments(fields) + [deletedAt.map(SQLTime.text), now, id, version])
            try RecordColumns.indexContactPoints(db, entity: "Contact", id: id, phones: fields.phones, emails: fields.emails)
            try HistoryWriter.record(db, entity: "Contact", id: id, version: version + 1, edits: edits, actor: actor, at: now)
            return true
        }
        guard let written else { return .notFound }
        guard let contact = try await contacts(ids: [id], visibility: .all).first else { return .notFound }
        return written ? .written(contact) : .stale(current: contact)
    }

    static func fieldArguments(_ f: ContactFields) -> StatementArguments {
        [f.firstName, f.middleName, f.lastName, f.name, f.clientID, f.position, f.ownerID, RecordJSON.phones(f.phones),
         RecordJSON.emails(f.emails), RecordJSON.messengers(f.messengers), f.birthday, f.customFields]
    }

    static func contact(_ row: Row) -> Contact {
        let fields = ContactFields(
            firstName: row["first_name"], middleName: row["middle_name"], lastName: row["last_name"], clientID: row["client_id"],
            position: row["position"], ownerID: row["owner_id"], phones: RecordColumns.phones(row), emails: RecordColumns.emails(row),
            messengers: RecordColumns.messengers(row), birthday: row["birthday"], customFields: row["custom_fields"] ?? "{}")
        return Contact(id: row["id"], fields: fields, createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                       updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"],
                       version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
