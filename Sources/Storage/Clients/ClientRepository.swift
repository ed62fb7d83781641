import CRM
import Foundation
import GRDB

/// ``ClientStore`` over SQLite. The viewer's visibility is a condition of every query.
public struct ClientRepository: ClientStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func clients(ids: [Int64], visibility: Visibility) async throws -> [Client] {
        if ids.isEmpty || visibility == .none { return [] }
        let (condition, arguments) = RecordList.condition(visibility)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM clients WHERE id IN (SELECT value FROM json_each(?)) AND \(condition)",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.client)
        }
    }

    public func clients(_ query: ClientQuery, visibility: Visibility) async throws -> Page<Client> {
        var list = RecordList(visibility: visibility, deleted: query.deleted)
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(name) LIKE ? ESCAPE '\\' OR sb_fold(legal_name) LIKE ? ESCAPE '\\' OR web_domain LIKE ? ESCAPE '\\' OR inn = ?)",
                     [pattern, pattern, pattern, text])
        }
        if let kinds = query.kinds { list.add("kind IN (SELECT value FROM json_each(?))", [Self.jsonStrings(kinds.map(\.rawValue))]) }
        if let statuses = query.statuses {
            list.add("status IN (SELECT value FROM json_each(?))", [Self.jsonStrings(statuses.map(\.rawValue))])
        }
        if let owners = query.ownerIDs { list.add("owner_id IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(owners)]) }
        if let tags = query.tags {
            list.add("EXISTS (SELECT 1 FROM json_each(clients.tags) AS t WHERE t.value IN (SELECT value FROM json_each(?)))",
                     [Self.jsonStrings(tags)])
        }
        let column = switch query.order {
        case .name: "name"
        case .createdAt: "created_at"
        case .updatedAt: "updated_at"
        }
        let finalList = list
        return try await database.read { db in
            try finalList.fetch(db, table: "clients", orderColumn: column, page: query.page, map: Self.client)
        }
    }

    public func client(lookup: ClientLookup, visibility: Visibility) async throws -> Client? {
        if visibility == .none { return nil }
        let (visible, visibleArguments) = RecordList.condition(visibility)
        let sql: String
        let value: String
        switch lookup {
        case .phoneDigits(let digits):
            sql = "id IN (SELECT entity_id FROM contact_points WHERE entity_type = 'Client' AND kind = 'phone' AND value = ?)"
            value = digits
        case .email(let email):
            sql = "id IN (SELECT entity_id FROM contact_points WHERE entity_type = 'Client' AND kind = 'email' AND value = ?)"
            value = email
        case .inn(let inn):
            sql = "inn = ?"
            value = inn
        case .webDomain(let domain):
            sql = "web_domain = ?"
            value = domain
        }
        return try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM clients WHERE \(sql) AND deleted_at IS NULL AND \(visible) ORDER BY id LIMIT 1",
                             arguments: [value] + visibleArguments).map(Self.client)
        }
    }

    public func insertClient(kind: Client.Kind, status: Client.Status, fields: ClientFields, createdBy: Int64?,
                             actor: Actor, at date: Date) async throws -> Client {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO clients (kind, status, converted_at, name, legal_name, inn, web_domain, industry, source, campaign,
                    owner_id, tags, phones, emails, messengers, address, custom_fields, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [kind.rawValue, status.rawValue, status == .client ? now : nil] + Self.fieldArguments(fields)
                    + [now, now, createdBy])
            let id = db.lastInsertedRowID
            try RecordColumns.indexContactPoints(db, entity: "Client", id: id, phones: fields.phones, emails: fields.emails)
            return id
        }
        guard let client = try await clients(ids: [id], visibility: .all).first else { throw StorageFailure("client \(id) vanished") }
        return client
    }

    public func updateClient(id: Int64, expectedVersion: Int?, kind: Client.Kind, status: Client.Status, convertedAt: Date?,
                             fields: ClientFields, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                             at date: Date) async throws -> VersionedWrite<Client> {
        let now = SQLTime.text(date)
        let written = try await database.write { db -> Bool? in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM clients WHERE id = ?", arguments: [id]) else { return nil }
            if let expectedVersion, expectedVersion != version { return false }
            try db.execute(sql: """
                UPDATE clients SET kind = ?, status = ?, converted_at = ?, name = ?, legal_name = ?, inn = ?, web_domain = ?,
                    industry = ?, source = ?, campaign = ?, owner_id = ?, tags = ?, phones = ?, emails = ?, messengers = ?,
                    address = ?, custom_fields = ?, deleted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, arguments: [kind.rawValue, status.rawValue, convertedAt.map(SQLTime.text)] + Self.fieldArguments(fields)
                    + [deletedAt.map(SQLTime.text), now, id, version])
            try RecordColumns.indexContactPoints(db, entity: "Client", id: id, phones: fields.phones, emails: fields.emails)
            try HistoryWriter.record(db, entity: "Client", id: id, version: version + 1, edits: edits, actor: actor, at: now)
            return true
        }
        guard let written else { return .notFound }
        guard let client = try await clients(ids: [id], visibility: .all).first else { return .notFound }
        return written ? .written(client) : .stale(current: client)
    }

    // MARK: Rows

    static func fieldArguments(_ f: ClientFields) -> StatementArguments {
        [f.name, f.legalName, f.inn, f.webDomain, f.industry, f.source, f.campaign, f.ownerID, RecordJSON.tags(f.tags),
         RecordJSON.phones(f.phones), RecordJSON.emails(f.emails), RecordJSON.messengers(f.messengers), f.address, f.customFields]
    }

    static func jsonStrings(_ values: [String]) -> String {
        "[" + values.map(FieldEdit.jsonString).joined(separator: ",") + "]"
    }

    static func client(_ row: Row) -> Client {
        let fields = ClientFields(
            name: row["name"], legalName: row["legal_name"], inn: row["inn"], webDomain: row["web_domain"],
            industry: row["industry"], source: row["source"], campaign: row["campaign"], ownerID: row["owner_id"],
            tags: RecordColumns.strings(row["tags"]), phones: RecordColumns.phones(row), emails: RecordColumns.emails(row),
            messengers: RecordColumns.messengers(row), address: row["address"], customFields: row["custom_fields"] ?? "{}")
        return Client(id: row["id"], kind: Client.Kind(rawValue: row["kind"]) ?? .organisation,
                      status: Client.Status(rawValue: row["status"]) ?? .prospect, convertedAt: SQLTime.date(row["converted_at"]),
                      fields: fields, createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                      updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"],
                      version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
