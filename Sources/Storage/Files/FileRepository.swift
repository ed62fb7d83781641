import CRM
import Foundation
import GRDB

/// ``FileStore`` over SQLite: uploads, attached files, and their bytes kept once per SHA-256 in
/// `file_contents`.
public struct FileRepository: FileStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func insertUpload(userID: Int64, name: String, contentType: String, size: Int, at date: Date,
                             expiresAt: Date) async throws -> FileUpload {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            // Expired uploads that were never attached go, and so do contents nothing refers to.
            try db.execute(sql: "DELETE FROM file_uploads WHERE used_at IS NULL AND expires_at < ?", arguments: [now])
            try db.execute(sql: """
                DELETE FROM file_contents WHERE sha256 NOT IN (SELECT sha256 FROM files)
                    AND sha256 NOT IN (SELECT sha256 FROM file_uploads WHERE sha256 IS NOT NULL AND used_at IS NULL)
                    AND sha256 NOT IN (SELECT recording_sha256 FROM calls WHERE recording_sha256 IS NOT NULL)
                """)
            try db.execute(sql: """
                INSERT INTO file_uploads (user_id, name, content_type, size, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [userID, name, contentType, size, now, SQLTime.text(expiresAt)])
            return db.lastInsertedRowID
        }
        guard let upload = try await upload(id: id) else { throw StorageFailure("upload \(id) vanished") }
        return upload
    }

    public func upload(id: Int64) async throws -> FileUpload? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM file_uploads WHERE id = ?", arguments: [id]).map { row in
                FileUpload(id: row["id"], userID: row["user_id"], name: row["name"], contentType: row["content_type"], size: row["size"],
                           createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, expiresAt: SQLTime.date(row["expires_at"]) ?? .distantPast,
                           sha256: row["sha256"], usedAt: SQLTime.date(row["used_at"]))
            }
        }
    }

    public func receive(uploadID: Int64, sha256: String, bytes: [UInt8], at date: Date) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO file_contents (sha256, size, data) VALUES (?, ?, ?)",
                           arguments: [sha256, bytes.count, Data(bytes)])
            try db.execute(sql: "UPDATE file_uploads SET sha256 = ?, received_at = ? WHERE id = ? AND sha256 IS NULL",
                           arguments: [sha256, SQLTime.text(date), uploadID])
        }
    }

    public func attach(uploadID: Int64, subject: Subject, clientID: Int64?, name: String, createdBy: Int64?,
                       at date: Date) async throws -> Attachment? {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64? in
            guard let row = try Row.fetchOne(cached: db, sql: "SELECT * FROM file_uploads WHERE id = ? AND used_at IS NULL AND sha256 IS NOT NULL",
                                             arguments: [uploadID]) else { return nil }
            try db.execute(sql: "UPDATE file_uploads SET used_at = ? WHERE id = ?", arguments: [now, uploadID])
            try db.execute(sql: """
                INSERT INTO files (subject_type, subject_id, client_id, name, content_type, size, sha256, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [subject.type, subject.id, clientID, name, row["content_type"] as String, row["size"] as Int,
                                 row["sha256"] as String, now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let id else { return nil }
        return try await attachments(ids: [id]).first
    }

    public func attachments(ids: [Int64]) async throws -> [Attachment] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM files WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).compactMap(Self.attachment)
        }
    }

    public func attachments(subjects: [Subject]) async throws -> [Attachment] {
        if subjects.isEmpty { return [] }
        let keys = "[" + subjects.map { "\"\($0.type):\($0.id)\"" }.joined(separator: ",") + "]"
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT * FROM files WHERE subject_id IN (SELECT value FROM json_each(?))
                    AND subject_type || ':' || subject_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
                ORDER BY created_at DESC, id DESC
                """, arguments: [IdentityRepository.jsonArray(subjects.map(\.id)), keys]).compactMap(Self.attachment)
        }
    }

    public func updateAttachment(id: Int64, expectedVersion: Int?, name: String, deletedAt: Date?, edits: [FieldEdit], actor: Actor,
                                 at date: Date) async throws -> VersionedWrite<Attachment> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "files", entity: "File", id: id, expectedVersion: expectedVersion,
                                    columns: [("name", name), ("deleted_at", deletedAt.map(SQLTime.text))],
                                    edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await attachments(ids: [id]).first)
    }

    public func content(sha256: String) async throws -> [UInt8]? {
        try await database.read { db in
            try Data.fetchOne(cached: db, sql: "SELECT data FROM file_contents WHERE sha256 = ?", arguments: [sha256]).map { Array($0) }
        }
    }

    static func attachment(_ row: Row) -> Attachment? {
        guard let subject = Subject(type: row["subject_type"], id: row["subject_id"]) else { return nil }
        return Attachment(id: row["id"], subject: subject, clientID: row["client_id"], name: row["name"], contentType: row["content_type"],
                          size: row["size"], sha256: row["sha256"], createdAt: SQLTime.date(row["created_at"]) ?? .distantPast,
                          updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast, createdBy: row["created_by"],
                          version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
