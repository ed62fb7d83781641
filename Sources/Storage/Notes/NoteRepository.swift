import CRM
import Foundation
import GRDB

/// ``NoteStore`` over SQLite.
public struct NoteRepository: NoteStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func notes(ids: [Int64]) async throws -> [Note] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM notes WHERE id IN (SELECT value FROM json_each(?))",
                             arguments: [IdentityRepository.jsonArray(ids)]).compactMap(Self.note)
        }
    }

    public func notes(subjects: [Subject]) async throws -> [Note] {
        if subjects.isEmpty { return [] }
        let keys = "[" + subjects.map { "\"\($0.type):\($0.id)\"" }.joined(separator: ",") + "]"
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: """
                SELECT * FROM notes WHERE subject_id IN (SELECT value FROM json_each(?))
                    AND subject_type || ':' || subject_id IN (SELECT value FROM json_each(?)) AND deleted_at IS NULL
                ORDER BY pinned DESC, created_at DESC, id DESC
                """, arguments: [IdentityRepository.jsonArray(subjects.map(\.id)), keys]).compactMap(Self.note)
        }
    }

    public func insertNote(subject: Subject, clientID: Int64?, body: String, pinned: Bool, createdBy: Int64?, at date: Date) async throws -> Note {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            try db.execute(sql: """
                INSERT INTO notes (subject_type, subject_id, client_id, body, pinned, created_at, updated_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [subject.type, subject.id, clientID, body, pinned, now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let note = try await notes(ids: [id]).first else { throw StorageFailure("note \(id) vanished") }
        return note
    }

    public func updateNote(id: Int64, expectedVersion: Int?, body: String, pinned: Bool, deletedAt: Date?, edits: [FieldEdit],
                           actor: Actor, at date: Date) async throws -> VersionedWrite<Note> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "notes", entity: "Note", id: id, expectedVersion: expectedVersion,
                                    columns: [("body", body), ("pinned", pinned), ("deleted_at", deletedAt.map(SQLTime.text))],
                                    edits: edits, actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await notes(ids: [id]).first)
    }

    static func note(_ row: Row) -> Note? {
        guard let subject = Subject(type: row["subject_type"], id: row["subject_id"]) else { return nil }
        return Note(id: row["id"], subject: subject, clientID: row["client_id"], body: row["body"], pinned: row["pinned"],
                    createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                    createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
