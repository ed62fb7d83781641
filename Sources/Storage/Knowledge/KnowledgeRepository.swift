import CRM
import Foundation
import GRDB

/// ``KnowledgeStore`` over SQLite. Searches match the FTS5 table `knowledge_index` (word stems,
/// kept by triggers, see 0014_knowledge_search.sql) and join the articles for the filters; the
/// query's stems are quoted, so nothing typed reaches FTS5's syntax. Ranked by BM25 with the title
/// weighted highest (the table's `rank`).
public struct KnowledgeRepository: KnowledgeStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    public func articles(ids: [Int64], drafts: Bool) async throws -> [KnowledgeArticle] {
        if ids.isEmpty { return [] }
        return try await database.read { db in
            try Row.fetchAll(cached: db, sql: "SELECT * FROM knowledge_articles WHERE id IN (SELECT value FROM json_each(?)) AND (? OR published = 1) ORDER BY id",
                             arguments: [IdentityRepository.jsonArray(ids), drafts]).map(Self.article)
        }
    }

    public func articles(_ query: KnowledgeQuery, drafts: Bool) async throws -> Page<KnowledgeArticle> {
        let list = Self.list(query, drafts: drafts)
        return try await database.read { db in
            try list.fetch(db, table: "knowledge_articles", orderColumn: query.order == .title ? "title" : "updated_at", page: query.page,
                           map: Self.article)
        }
    }

    public func search(_ text: KnowledgeSearchText, _ query: KnowledgeQuery, drafts: Bool, offset: Int, limit: Int,
                       countsTotal: Bool) async throws -> Page<KnowledgeHit> {
        guard !text.isEmpty else { return Page(items: [], totalCount: 0, hasMore: false) }
        let list = Self.list(query, drafts: drafts)
        let from = """
            knowledge_index JOIN knowledge_articles ON knowledge_articles.id = knowledge_index.rowid
            WHERE knowledge_index MATCH ? AND \(list.conditions.joined(separator: " AND "))
            """
        let arguments: StatementArguments = [Self.matchExpression(text)] + list.arguments
        return try await database.read { db in
            let total = countsTotal ? try Int.fetchOne(cached: db, sql: "SELECT count(*) FROM \(from)", arguments: arguments) ?? 0 : 0
            let rows = try Row.fetchAll(cached: db, sql: """
                SELECT knowledge_articles.*, knowledge_index.rank AS sb_rank FROM \(from)
                ORDER BY knowledge_index.rank, knowledge_articles.id LIMIT ? OFFSET ?
                """, arguments: arguments + [limit + 1, offset])
            let hits = rows.prefix(limit).map { row in
                let article = Self.article(row)
                return KnowledgeHit(article: article, rank: -(row["sb_rank"] as Double),
                                    snippet: text.snippet(title: article.title, body: article.body, tags: article.tags))
            }
            return Page(items: hits, totalCount: total, hasMore: rows.count > limit)
        }
    }

    /// Every stem must match, as a word or (long stems) as the start of one; each is quoted.
    static func matchExpression(_ text: KnowledgeSearchText) -> String {
        text.stems.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (KnowledgeSearchText.isPrefix($0) ? "*" : "") }
            .joined(separator: " AND ")
    }

    /// The filters of a list (columns named with their table: the index has a `tags` column too).
    static func list(_ query: KnowledgeQuery, drafts: Bool) -> RecordList {
        var list = RecordList(visible: drafts ? ("1", []) : ("knowledge_articles.published = 1", []), deleted: query.deleted)
        if let published = query.published { list.add("knowledge_articles.published = ?", [published]) }
        if let category = query.category { list.add("sb_fold(knowledge_articles.category) = ?", [category.lowercased()]) }
        for tag in query.tags ?? [] {
            list.add("EXISTS (SELECT 1 FROM json_each(knowledge_articles.tags) WHERE sb_fold(value) = ?)", [tag.lowercased()])
        }
        return list
    }

    public func insertArticle(_ article: KnowledgeArticle, createdBy: Int64?, at date: Date) async throws -> KnowledgeArticle {
        let now = SQLTime.text(date)
        let id = try await database.write { db -> Int64 in
            let columns = Self.columns(article)
            try db.execute(sql: "INSERT INTO knowledge_articles (\(columns.map(\.0).joined(separator: ", ")), created_at, updated_at, created_by) "
                            + "VALUES (\(Array(repeating: "?", count: columns.count + 3).joined(separator: ", ")))",
                           arguments: StatementArguments(columns.map(\.1)) + [now, now, createdBy])
            return db.lastInsertedRowID
        }
        guard let article = try await articles(ids: [id], drafts: true).first else { throw StorageFailure("article \(id) vanished") }
        return article
    }

    public func updateArticle(_ article: KnowledgeArticle, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                              at date: Date) async throws -> VersionedWrite<KnowledgeArticle> {
        let outcome = try await database.write { db in
            try VersionedRow.update(db, table: "knowledge_articles", entity: "KnowledgeArticle", id: article.id, expectedVersion: expectedVersion,
                                    columns: Self.columns(article) + [("deleted_at", article.deletedAt.map(SQLTime.text))], edits: edits,
                                    actor: actor, at: SQLTime.text(date))
        }
        return VersionedRow.result(outcome, try await articles(ids: [article.id], drafts: true).first)
    }

    static func columns(_ a: KnowledgeArticle) -> [(String, (any DatabaseValueConvertible)?)] {
        [("title", a.title), ("body", a.body), ("category", a.category), ("tags", RecordJSON.tags(a.tags)), ("published", a.published)]
    }

    static func article(_ row: Row) -> KnowledgeArticle {
        KnowledgeArticle(id: row["id"], title: row["title"], body: row["body"], category: row["category"],
                         tags: SupportRepository.json(row["tags"]) as? [String] ?? [], published: row["published"],
                         createdAt: SQLTime.date(row["created_at"]) ?? .distantPast, updatedAt: SQLTime.date(row["updated_at"]) ?? .distantPast,
                         createdBy: row["created_by"], version: row["version"], deletedAt: SQLTime.date(row["deleted_at"]))
    }
}
