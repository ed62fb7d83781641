import Foundation

/// A reusable answer: text with placeholders (``TemplateText``), an optional shortcut such as
/// `/hello`, offered in some channel kinds (all when none are listed). A template is its
/// creator's own unless shared with everyone.
public struct AnswerTemplate: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var body: String
    public var shortcut: String?
    public var category: String?
    /// Channel kinds as stored (`telegram`, `vk_shop`, ...); all when empty.
    public var channelKinds: [String]
    public var shared: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, name: String, body: String, shortcut: String? = nil, category: String? = nil, channelKinds: [String] = [],
                shared: Bool = false, createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil,
                version: Int = 1, deletedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.body = body
        self.shortcut = shortcut
        self.category = category
        self.channelKinds = channelKinds
        self.shared = shared
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }

    /// The placeholders the body uses, in order of first use.
    public var placeholders: [String] { TemplateText.placeholders(in: body) }

    /// The channel kinds a template may be offered in, as stored.
    public static let channelKindNames: Set<String> = ["telegram", "viber", "vk", "vk_shop", "email", "web_chat", "internal"]
}

/// Filter and page of a list of answer templates, ordered by name.
public struct AnswerTemplateQuery: Equatable, Sendable {
    /// Matches name, shortcut or body, case-insensitively.
    public var text: String?
    public var category: String?
    /// Templates offered in this kind (those listing none are offered in all).
    public var channelKind: String?
    /// Exactly this shortcut, case-insensitively.
    public var shortcut: String?
    public var deleted: DeletedFilter = .exclude
    public var page = PageRequest()

    public init() {}
}

/// What answer templates need from storage. A template is usable by a user when it is shared or
/// theirs; `usableBy: nil` (a token acting as nobody) means the shared ones only.
public protocol AnswerTemplateStore: Sendable {
    /// Templates with these ids usable by the user, deleted ones included.
    func answerTemplates(ids: [Int64], usableBy userID: Int64?) async throws -> [AnswerTemplate]
    /// One page of the templates usable by the user that match `query`, by name.
    func answerTemplates(_ query: AnswerTemplateQuery, usableBy userID: Int64?) async throws -> Page<AnswerTemplate>
    func insertAnswerTemplate(_ template: AnswerTemplate, createdBy: Int64?, at: Date) async throws -> AnswerTemplate
    func updateAnswerTemplate(_ template: AnswerTemplate, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                              at: Date) async throws -> VersionedWrite<AnswerTemplate>
}
