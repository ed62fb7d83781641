import CRM
import Foundation
import GraphQLEngine

/// The knowledge base: articles (drafts for editors only), full-text search with ranks and
/// marked snippets, and the mutations editors use. A search pages forward by position in the
/// ranking (like `search`); a plain list by keyset.
enum KnowledgeResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("knowledgeArticles") { _, call in try await knowledgeArticles(call) }
        }
        b.object("KnowledgeArticle", as: KnowledgeArticle.self) { t in
            t.field("id") { article, _ in GlobalID.encode("KnowledgeArticle", article.id) }
            t.field("title", \.title)
            t.field("body", \.body)
            t.field("category", \.category)
            t.field("tags", \.tags)
            t.field("published", \.published)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { articles, call in try await IdentityResolvers.actors(articles.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { article, call in try await IdentityResolvers.history("KnowledgeArticle", article.id, call) }
        }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createKnowledgeArticle") { _, call in
                let changes = articleChanges(call.arguments["input"])
                return try await MutationPayload.run("knowledgeArticle") { try await call.context.services.knowledge.create(call.context.viewer, changes) }
            }
            t.asyncField("updateKnowledgeArticle") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "KnowledgeArticle", noun: "article"), RecordInput.requiredVersion(raw))
                let changes = articleChanges(raw)
                return try await MutationPayload.run("knowledgeArticle") {
                    try await call.context.services.knowledge.update(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "KnowledgeArticle", noun: "article") { call, id, version, deleting in
                try await MutationPayload.run("knowledgeArticle") {
                    try await call.context.services.knowledge.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
        for name in ["KnowledgeArticleConnection", "KnowledgeArticleEdge", "KnowledgeArticlePayload"] { b.mapObject(name) }
    }

    static func knowledgeArticles(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        let viewer = try call.context.requireReader()
        let args = call.arguments
        var query = KnowledgeQuery()
        var text: String?
        if let filter = args["filter"] {
            if case .string(let typed)? = filter["query"], !typed.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { text = typed }
            if case .string(let category)? = filter["category"] { query.category = category }
            if case .array(let tags)? = filter["tags"] { query.tags = RecordInput.strings(tags) }
            if case .bool(let published)? = filter["published"] { query.published = published }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        let drafts = KnowledgeService.isEditor(viewer)
        let store = call.context.services.knowledgeStore
        guard let text else {
            if case .string(let field)? = args["orderBy"]?["field"], field == "UPDATED_AT" { query.order = .updatedAt }
            query.page = try KeysetPaging.request(args, descending: args["orderBy"]?["direction"] == .string("DESC"), info: call.info)
            let page = try await store.articles(query, drafts: drafts)
            return KeysetPaging.connection(page, request: query.page) { article in
                RecordCursor(sortValue: query.order == .title ? article.title : RFC3339.format(article.updatedAt), id: article.id)
            }
        }
        guard args.int("last") == nil, args.string("before") == nil else {
            throw ResolverError("Page a search forward, with first and after.", code: "BAD_USER_INPUT")
        }
        let first = args.int("first") ?? Connection.defaultPageSize
        guard (0...Connection.maximumPageSize).contains(first) else {
            throw ResolverError("first takes 0 to \(Connection.maximumPageSize).", code: "BAD_USER_INPUT")
        }
        let offset = try args.string("after").map { try SearchResolvers.decode($0) + 1 } ?? 0
        let page = try await store.search(KnowledgeSearchText(text), query, drafts: drafts, offset: offset, limit: first,
                                          countsTotal: call.info.mayRequest("totalCount"))
        let edges: [any Sendable] = page.items.enumerated().map { i, hit in
            ["cursor": SearchResolvers.encode(offset + i), "node": hit.article, "rank": hit.rank, "snippet": hit.snippet] as [String: any Sendable]
        }
        let pageInfo: [String: any Sendable] = [
            "hasNextPage": page.hasMore, "hasPreviousPage": offset > 0,
            "startCursor": page.items.isEmpty ? nil : SearchResolvers.encode(offset) as (any Sendable)?,
            "endCursor": page.items.isEmpty ? nil : SearchResolvers.encode(offset + page.items.count - 1) as (any Sendable)?,
        ]
        return ["edges": edges, "pageInfo": pageInfo, "totalCount": page.totalCount]
    }

    static func articleChanges(_ input: JSONValue?) -> KnowledgeArticleChanges {
        var changes = KnowledgeArticleChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "title": changes.title = RecordInput.string(value) ?? ""
            case "body": changes.body = RecordInput.string(value) ?? ""
            case "category": changes.category = .set(RecordInput.string(value))
            case "tags": changes.tags = RecordInput.strings(RecordInput.array(value))
            case "published": if case .bool(let published) = value { changes.published = published }
            default: break
            }
        }
        return changes
    }
}

extension KnowledgeService.Outcome: RecordOutcome {
    var record: (any Sendable)? { article }
}
