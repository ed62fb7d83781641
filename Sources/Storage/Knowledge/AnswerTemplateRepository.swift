import CRM
import Foundation
import GRDB

/// ``AnswerTemplateStore`` over SQLite: who may use a template (shared, or its creator) is a
/// condition of every query.
public struct AnswerTemplateRepository: AnswerTemplateStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The condition that keeps the templates a user may use.
    static func usable(by userID: Int64?) -> (String, StatementArguments) {
        guard let userID else { return ("shared = 1", []) }
        return ("(shared = 1 OR created_by = ?)", [userID])
    }

    public func answerTemplates(ids: [Int64], usableBy userID: Int64?) async throws -> [AnswerTemplate] {
        if ids.isEmpty { return [] }
        let (condition, arguments) = Self.usable(by: userID)
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM answer_templates WHERE id IN (SELECT value FROM json_each(?)) AND \(condition) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids)] + arguments).map(Self.template)
        }
    }

    public func answerTemplates(_ query: AnswerTemplateQuery, usableBy userID: Int64?) async throws -> Page<AnswerTemplate> {
        var list = RecordList(visible: Self.usable(by: userID), deleted: query.deleted)
        if let text = query.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let pattern = RecordList.containsPattern(text)
            list.add("(sb_fold(name) LIKE ? ESCAPE '\\' OR sb_fold(shortcut) LIKE ? ESCAPE '\\' OR sb_fold(body) LIKE ? ESCAPE '\\')",
                     [pattern, pattern, pattern])
        }
        if let category = query.category { list.add("sb_fold(category) = ?", [category.lowercased()]) }
        if let kind = query.channelKind {
            list.add("(channel_kinds = '[]' OR EXISTS (SELECT 1 FROM json_each(answer_templates.channel_kinds) WHERE value = ?))", [kind])
        }
        if let shortcut = query.shortcut { list.add("sb_fold(shortcut) = ?", [shortcut.lowercased()]) }
        let final = list
        return try await database.read { db in
            try final.fetch(db, table: "answer_templates", orderColumn: "name", page: query.page, map: Self.template)
        }
    }

    public func insertAnswerTemplate(_ template: AnswerTemplate, createdBy: Int64?, at date: Date) async throws -> AnswerTemplate {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(template)
            try db.execute(sql: "INSERT INTO answer_templates (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let template = try await fetch(id) else { throw StorageFailure("answer template \(id) vanished") }
        return template
    }

    public func updateAnswerTemplate(_ template: AnswerTemplate, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                                     at date: Date) async throws -> VersionedWrite<AnswerTemplate> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "answer_templates", entity: "AnswerTemplate", id: template.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(template) + [("deleted_at", template.deletedAt.map(SQLTime.text))], edits: edits,
                                    actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await fetch(template.id))
    }

    private func fetch(_ id: Int64) async throws -> AnswerTemplate? {
        try await database.read { db in
            try Row.fetchOne(cached: db, sql: "SELECT * FROM answer_templates WHERE id = ?", arguments: [id]).map(Self.template)
        }
    }

    static func columns(_ t: AnswerTemplate) -> [(String, (any DatabaseValueConvertible)?)] {
        [("name", t.name), ("body", t.body), ("shortcut", t.shortcut), ("category", t.category),
         ("channel_kinds", RecordJSON.tags(t.channelKinds)), ("shared", t.shared)]
    }

    static func template(_ row: Row) -> AnswerTemplate {
        AnswerTemplate(id: row["id"], name: row["name"], body: row["body"], shortcut: row["shortcut"], category: row["category"],
                       channelKinds: SupportRepository.json(row["channel_kinds"]) as? [String] ?? [], shared: row["shared"],
                       createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                       createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
