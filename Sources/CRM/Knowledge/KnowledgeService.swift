import Foundation

/// Changes to a knowledge base article; nil (or `.keep`) leaves a field as it is.
public struct KnowledgeArticleChanges: Sendable {
    public var title: String?
    public var body: String?
    public var category: Change<String?> = .keep
    public var tags: [String]?
    public var published: Bool?

    public init() {}
}

/// The knowledge base, which admins and supervisors edit: a title (≤ 300), a body (≤ 100,000
/// characters), at most 20 tags (trimmed, each ≤ 50, repeats dropped). Drafts are seen by editors
/// only; published articles by every reader.
public struct KnowledgeService: Sendable {
    public let store: any KnowledgeStore
    public let clock: any WallClock

    public init(store: any KnowledgeStore, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let article: KnowledgeArticle?
        public let userErrors: [UserError]
    }

    /// Whether the viewer edits the knowledge base and so sees its drafts.
    public static func isEditor(_ viewer: Viewer) -> Bool {
        guard viewer.canRead, let role = viewer.user?.role else { return false }
        return role == .admin || role == .supervisor
    }

    public func create(_ viewer: Viewer, _ changes: KnowledgeArticleChanges) async throws -> Outcome {
        try Self.requireEditor(viewer)
        var errors = Errors()
        if changes.title == nil { errors.add(["title"], "Enter a title.", "REQUIRED") }
        let article = Self.apply(changes, to: KnowledgeArticle(title: "", body: ""), &errors)
        guard errors.list.isEmpty else { return Outcome(article: nil, userErrors: errors.list) }
        return Outcome(article: try await store.insertArticle(article, createdBy: viewer.user?.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, _ changes: KnowledgeArticleChanges) async throws -> Outcome {
        try Self.requireEditor(viewer)
        guard let current = try await store.articles(ids: [id], drafts: true).first else { throw DomainError.notFound("No such article.") }
        var errors = Errors()
        let next = Self.apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return Outcome(article: current, userErrors: errors.list) }
        return try await write(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        try Self.requireEditor(viewer)
        guard let current = try await store.articles(ids: [id], drafts: true).first else { throw DomainError.notFound("No such article.") }
        guard (current.deletedAt != nil) != deleted else { return Outcome(article: current, userErrors: []) }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await write(current, next, version: version,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    static func requireEditor(_ viewer: Viewer) throws {
        guard viewer != .anonymous else { throw DomainError.unauthenticated("Sign in to do this.") }
        guard viewer.canWrite, isEditor(viewer) else { throw DomainError.forbidden("Only admins and supervisors edit the knowledge base.") }
    }

    private func write(_ current: KnowledgeArticle, _ next: KnowledgeArticle, version: Int?, extra: [FieldEdit],
                       viewer: Viewer) async throws -> Outcome {
        var edits = extra
        func add(_ name: String, _ old: String?, _ new: String?) {
            if old != new { edits.append(FieldEdit(name, old: old, new: new)) }
        }
        add("title", FieldEdit.json(current.title), FieldEdit.json(next.title))
        add("body", FieldEdit.json(current.body), FieldEdit.json(next.body))
        add("category", FieldEdit.json(current.category), FieldEdit.json(next.category))
        add("tags", RecordJSON.tags(current.tags), RecordJSON.tags(next.tags))
        add("published", String(current.published), String(next.published))
        let (article, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                noun: "article", version: \.version) {
            try await store.updateArticle(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(article: article, userErrors: errors)
    }

    static func apply(_ changes: KnowledgeArticleChanges, to start: KnowledgeArticle, _ errors: inout Errors) -> KnowledgeArticle {
        var article = start
        if let title = changes.title {
            article.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
            if article.title.isEmpty { errors.add(["title"], "Enter a title.", "REQUIRED") }
            else if article.title.count > 300 { errors.add(["title"], "At most 300 characters.", "TOO_LONG") }
        }
        if let body = changes.body {
            article.body = body
            if body.count > 100_000 { errors.add(["body"], "At most 100000 characters.", "TOO_LONG") }
        }
        if case .set(let category) = changes.category {
            article.category = PipelineService.trimmed(category)
            if (article.category?.count ?? 0) > 100 { errors.add(["category"], "At most 100 characters.", "TOO_LONG") }
        }
        if let tags = changes.tags {
            var seen = Set<String>()
            article.tags = []
            for (i, raw) in tags.enumerated() {
                let tag = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if tag.isEmpty { errors.add(["tags", String(i)], "A tag cannot be empty.", "REQUIRED"); continue }
                if tag.count > 50 { errors.add(["tags", String(i)], "At most 50 characters.", "TOO_LONG"); continue }
                if seen.insert(tag.lowercased()).inserted { article.tags.append(tag) }
            }
            if article.tags.count > 20 { errors.add(["tags"], "At most 20 tags.", "TOO_LONG") }
        }
        if let published = changes.published { article.published = published }
        return article
    }
}
