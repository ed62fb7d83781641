import CRM
import Foundation
import GRDB

/// ``IdentityStore`` over SQLite: users, departments, sessions and API tokens.
public struct IdentityRepository: IdentityStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    // MARK: Users

    private static let userColumns = """
        id, name, email, phone, position, role, department_id, extension, time_zone, locale, presence_choice,
        presence_changed_at, live_connections, password_hash, created_at, updated_at, created_by, version, deleted_at
        """

    static func user(_ row: Row) -> User {
        var user = User(id: row["id"], name: row["name"], email: row["email"], phone: row["phone"], position: row["position"],
             role: Role(rawValue: row["role"]) ?? .operator, departmentID: row["department_id"],
             extensionNumber: row["extension"], timeZone: row["time_zone"], locale: row["locale"],
             presenceChoice: PresenceChoice(rawValue: row["presence_choice"]) ?? .available,
             presenceChangedAt: SQLTime.date(row["presence_changed_at"]), passwordHash: row["password_hash"],
             createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
             createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
        user.online = (row["live_connections"] as Int? ?? 0) > 0
        return user
    }

    public func user(id: Int64) async throws -> User? {
        try await users(ids: [id]).first
    }

    public func users(ids: [Int64]) async throws -> [User] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT \(Self.userColumns) FROM users WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [Self.jsonArray(ids)]).map(Self.user)
        }
    }

    public func user(email: String) async throws -> User? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT \(Self.userColumns) FROM users WHERE email = ? AND deleted_at IS NULL",
                             arguments: [email]).map(Self.user)
        }
    }

    public func users(departmentID: Int64?) async throws -> [User] {
        try await database.read { db in
            if let departmentID {
                return try Row.fetchAll(cached: db, sql: "SELECT \(Self.userColumns) FROM users WHERE deleted_at IS NULL AND department_id = ? ORDER BY name, id",
                                        arguments: [departmentID]).map(Self.user)
            }
            return try Row.fetchAll(cached: db, sql: "SELECT \(Self.userColumns) FROM users WHERE deleted_at IS NULL ORDER BY name, id").map(Self.user)
        }
    }

    public func onCommit(_ changed: @escaping @Sendable () -> Void) {
        database.onCommit(changing: ["users", "sessions", "api_tokens", "departments"], changed)
    }

    public func allUsers() async throws -> [User] {
        try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT \(Self.userColumns) FROM users ORDER BY name, id").map(Self.user)
        }
    }

    public func insertUser(_ user: NewUser, createdBy: Int64?, at date: Date) async throws -> User {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO users (name, email, phone, position, role, department_id, extension, time_zone, locale, password_hash,
                    created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [user.name, user.email, user.phone, user.position, user.role.rawValue, user.departmentID,
                                 user.extensionNumber, user.timeZone, user.locale, user.passwordHash, now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let created = try await self.user(id: id) else { throw StorageFailure("user \(id) vanished after insert") }
        return created
    }

    public func updateUser(_ user: User, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                           at date: Date) async throws -> VersionedWrite<User> {
        let now = SQLTime.text(date)
        let written = try await database.write { db -> Bool? in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM users WHERE id = ?", arguments: [user.id]) else {
                return nil
            }
            if let expectedVersion, expectedVersion != version { return false }
            try db.execute(sql: """
                UPDATE users SET name = ?, email = ?, phone = ?, position = ?, role = ?, department_id = ?, extension = ?,
                    time_zone = ?, locale = ?, password_hash = ?, deleted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, arguments: [user.name, user.email, user.phone, user.position, user.role.rawValue, user.departmentID,
                                 user.extensionNumber, user.timeZone, user.locale, user.passwordHash,
                                 user.deletedAt.map(SQLTime.text), now, user.id, version])
            try HistoryWriter.record(db, entity: "User", id: user.id, version: version + 1, edits: edits, actor: actor, at: now)
            return true
        }
        guard let written else { return .notFound }
        guard let current = try await self.user(id: user.id) else { return .notFound }
        return written ? .written(current) : .stale(current: current)
    }

    // MARK: Departments

    static func department(_ row: Row) -> Department {
        Department(id: row["id"], name: row["name"], headID: row["head_id"],
                   createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                   updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                   createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }

    public func departments(ids: [Int64]) async throws -> [Department] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM departments WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [Self.jsonArray(ids)]).map(Self.department)
        }
    }

    public func departments() async throws -> [Department] {
        try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM departments WHERE deleted_at IS NULL ORDER BY name, id").map(Self.department)
        }
    }

    public func department(name: String) async throws -> Department? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM departments WHERE name = ? AND deleted_at IS NULL",
                             arguments: [name]).map(Self.department)
        }
    }

    public func insertDepartment(name: String, headID: Int64?, createdBy: Int64?, at date: Date) async throws -> Department {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO departments (name, head_id, created_at, updated_at, created_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [name, headID, now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let created = try await departments(ids: [id]).first else { throw StorageFailure("department \(id) vanished after insert") }
        return created
    }

    public func setDepartmentHead(departmentID: Int64, headID: Int64?, at date: Date) async throws {
        let now = SQLTime.text(date)
        try await database.write { db in
            try db.execute(sql: "UPDATE departments SET head_id = ?, updated_at = ?, version = version + 1 WHERE id = ?",
                           arguments: [headID, now, departmentID])
        }
    }

    public func updateDepartment(id: Int64, expectedVersion: Int?, name: String, headID: Int64?, deletedAt: Date?,
                                 edits: [FieldEdit], actor: Actor, at date: Date) async throws -> VersionedWrite<Department> {
        let now = SQLTime.text(date)
        let written = try await database.write { db -> Bool? in
            guard let version = try Int.fetchOne(cached: db, sql: "SELECT version FROM departments WHERE id = ?", arguments: [id]) else {
                return nil
            }
            if let expectedVersion, expectedVersion != version { return false }
            try db.execute(sql: """
                UPDATE departments SET name = ?, head_id = ?, deleted_at = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?
                """, arguments: [name, headID, deletedAt.map(SQLTime.text), now, id, version])
            try HistoryWriter.record(db, entity: "Department", id: id, version: version + 1, edits: edits, actor: actor, at: now)
            return true
        }
        guard let written else { return .notFound }
        guard let department = try await departments(ids: [id]).first else { return .notFound }
        return written ? .written(department) : .stale(current: department)
    }

    public func history(entity: String, id: Int64) async throws -> [FieldChange] {
        try await database.read { db in try HistoryWriter.changes(db, entity: entity, id: id) }
    }

    // MARK: Sessions

    static func session(_ row: Row) -> Session {
        Session(id: row["id"], userID: row["user_id"], tokenHash: row["token_hash"], deviceName: row["device_name"],
                createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                expiresAt: SQLTime.date(row["expires_at"]) ?? .distantPast,
                lastUsedAt: SQLTime.date(row["last_used_at"]), revokedAt: SQLTime.date(row["revoked_at"]))
    }

    public func insertSession(userID: Int64, tokenHash: String, deviceName: String?, createdAt: Date,
                              expiresAt: Date) async throws -> Session {
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: "INSERT INTO sessions (user_id, token_hash, device_name, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [userID, tokenHash, deviceName, SQLTime.text(createdAt), SQLTime.text(expiresAt)])
            return db.lastInsertedRowID
        }
        guard let created = try await sessions(ids: [id]).first else { throw StorageFailure("session \(id) vanished after insert") }
        return created
    }

    public func session(tokenHash: String) async throws -> Session? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM sessions WHERE token_hash = ?", arguments: [tokenHash]).map(Self.session)
        }
    }

    public func sessions(ids: [Int64]) async throws -> [Session] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM sessions WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [Self.jsonArray(ids)]).map(Self.session)
        }
    }

    public func setConnected(userID: Int64, _ connected: Bool) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE users SET live_connections = ?, presence_changed_at = ? WHERE id = ? AND (live_connections > 0) != ?",
                           arguments: [connected ? 1 : 0, SQLTime.text(Date()), userID, connected])
        }
    }

    public func resetConnections() async throws {
        try await database.write { db in try db.execute(sql: "UPDATE users SET live_connections = 0 WHERE live_connections != 0") }
    }

    public func setPresenceChoice(userID: Int64, choice: PresenceChoice, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE users SET presence_choice = ?, presence_changed_at = ? WHERE id = ? AND presence_choice != ?",
                           arguments: [choice.rawValue, SQLTime.text(date), userID, choice.rawValue])
        }
    }

    public func touchSession(id: Int64, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE sessions SET last_used_at = ? WHERE id = ?", arguments: [SQLTime.text(date), id])
        }
    }

    public func revokeSession(id: Int64, at date: Date) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [SQLTime.text(date), id])
            return db.changesCount
        }
    }

    public func revokeSessions(userID: Int64, at date: Date) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                           arguments: [SQLTime.text(date), userID])
            return db.changesCount
        }
    }

    public func revokeSessions(userID: Int64, except sessionID: Int64, at date: Date) async throws -> Int {
        try await database.write { db in
            try db.execute(sql: "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND id != ? AND revoked_at IS NULL",
                           arguments: [SQLTime.text(date), userID, sessionID])
            return db.changesCount
        }
    }

    // MARK: API tokens

    static func apiToken(_ row: Row) -> ApiToken {
        let scopeText: String = row["scopes"]
        return ApiToken(id: row["id"], name: row["name"],
                        scopes: Set(scopeText.split(separator: ",").compactMap { TokenScope(rawValue: String($0)) }),
                        tokenHash: row["token_hash"], prefix: row["prefix"], actsAsUserID: row["acts_as_user_id"],
                        createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, createdBy: row["created_by"],
                        expiresAt: SQLTime.date(row["expires_at"]), lastUsedAt: SQLTime.date(row["last_used_at"]),
                        revokedAt: SQLTime.date(row["revoked_at"]))
    }

    public func insertApiToken(name: String, scopes: Set<TokenScope>, tokenHash: String, prefix: String, actsAsUserID: Int64?,
                               createdBy: Int64?, expiresAt: Date?, at date: Date) async throws -> ApiToken {
        let scopeText = TokenScope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: ",")
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO api_tokens (name, scopes, token_hash, prefix, acts_as_user_id, created_at, created_by, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, scopeText, tokenHash, prefix, actsAsUserID, SQLTime.text(date), createdBy,
                                 expiresAt.map(SQLTime.text)])
            return db.lastInsertedRowID
        }
        guard let created = try await apiTokens(ids: [id]).first else { throw StorageFailure("API token \(id) vanished after insert") }
        return created
    }

    public func apiToken(tokenHash: String) async throws -> ApiToken? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM api_tokens WHERE token_hash = ?", arguments: [tokenHash]).map(Self.apiToken)
        }
    }

    public func apiTokens(ids: [Int64]) async throws -> [ApiToken] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM api_tokens WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [Self.jsonArray(ids)]).map(Self.apiToken)
        }
    }

    public func apiTokens() async throws -> [ApiToken] {
        try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM api_tokens ORDER BY id DESC").map(Self.apiToken)
        }
    }

    public func revokeApiToken(id: Int64, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [SQLTime.text(date), id])
        }
    }

    public func touchApiToken(id: Int64, at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", arguments: [SQLTime.text(date), id])
        }
    }

    /// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one statement and one
    /// cached plan whatever the number of ids.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

/// A storage invariant that did not hold.
struct StorageFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
