import Foundation

/// Changes to an answer template; nil (or `.keep`) leaves a field as it is.
public struct AnswerTemplateChanges: Sendable {
    public var name: String?
    public var body: String?
    public var shortcut: Change<String?> = .keep
    public var category: Change<String?> = .keep
    /// Channel kinds as stored (`telegram`, `vk_shop`, ...).
    public var channelKinds: [String]?
    public var shared: Bool?

    public init() {}
}

/// The template a render uses: a stored one, or text being written.
public enum TemplateSource: Sendable {
    case template(Int64)
    case text(String)
}

/// The records named for a render; the others are found from them.
public struct TemplateContext: Sendable {
    public var clientID: Int64?
    public var contactID: Int64?
    public var dealID: Int64?
    public var inquiryID: Int64?
    /// A dialogue: its client and contact, unless given.
    public var dialogueID: Int64?

    public init(clientID: Int64? = nil, contactID: Int64? = nil, dealID: Int64? = nil, inquiryID: Int64? = nil, dialogueID: Int64? = nil) {
        self.dialogueID = dialogueID
        self.clientID = clientID
        self.contactID = contactID
        self.dealID = dealID
        self.inquiryID = inquiryID
    }
}

/// Answer templates: every signed-in user keeps their own and may share them; only the creator or
/// an admin changes one. A name (≤ 200), a body (≤ 10,000 characters) whose placeholders all
/// exist, a shortcut (`/hello`: a slash, no spaces, ≤ 50) unique among the templates the creator
/// can use. Rendering fills placeholders from the records the viewer sees.
public struct AnswerTemplateService: Sendable {
    public let store: any AnswerTemplateStore
    public let clients: any ClientStore
    public let contacts: any ContactStore
    public let deals: any DealStore
    public let pipelines: any PipelineStore
    public let support: any SupportStore
    public let dialogues: any MessagingStore
    public let identity: any IdentityStore
    public let clock: any WallClock

    public init(store: any AnswerTemplateStore, clients: any ClientStore, contacts: any ContactStore, deals: any DealStore,
                pipelines: any PipelineStore, support: any SupportStore, dialogues: any MessagingStore, identity: any IdentityStore,
                clock: any WallClock = SystemClock()) {
        self.dialogues = dialogues
        self.store = store
        self.clients = clients
        self.contacts = contacts
        self.deals = deals
        self.pipelines = pipelines
        self.support = support
        self.identity = identity
        self.clock = clock
    }

    public struct Outcome: Sendable {
        public let template: AnswerTemplate?
        public let userErrors: [UserError]
    }

    static let maximumBody = 10_000

    public func create(_ viewer: Viewer, _ changes: AnswerTemplateChanges) async throws -> Outcome {
        let user = try Self.writer(viewer)
        var errors = Errors()
        if changes.name == nil { errors.add(["name"], "Enter a name.", "REQUIRED") }
        if changes.body == nil { errors.add(["body"], "Enter the text.", "REQUIRED") }
        let template = try await apply(changes, to: AnswerTemplate(name: "", body: "", createdBy: user.id), &errors)
        guard errors.list.isEmpty else { return Outcome(template: nil, userErrors: errors.list) }
        return Outcome(template: try await store.insertAnswerTemplate(template, createdBy: user.id, at: clock.now()), userErrors: [])
    }

    public func update(_ viewer: Viewer, id: Int64, version: Int, _ changes: AnswerTemplateChanges) async throws -> Outcome {
        let current = try await changeable(viewer, id: id)
        var errors = Errors()
        let next = try await apply(changes, to: current, &errors)
        guard errors.list.isEmpty else { return Outcome(template: current, userErrors: errors.list) }
        return try await write(current, next, version: version, extra: [], viewer: viewer)
    }

    public func setDeleted(_ viewer: Viewer, id: Int64, version: Int?, deleted: Bool) async throws -> Outcome {
        let current = try await changeable(viewer, id: id)
        guard (current.deletedAt != nil) != deleted else { return Outcome(template: current, userErrors: []) }
        if !deleted, let shortcut = current.shortcut, try await shortcutTaken(shortcut, by: current) {
            return Outcome(template: current, userErrors: [UserError(field: ["input", "id"],
                message: "Another template has the shortcut \(shortcut) now.", code: "TAKEN")])
        }
        let now = clock.now()
        var next = current
        next.deletedAt = deleted ? now : nil
        return try await write(current, next, version: version,
                               extra: [VersionedRecord.deletionEdit(from: current.deletedAt, deleting: deleted, now: now)], viewer: viewer)
    }

    /// The template's text with its placeholders filled from the records the viewer sees. A
    /// contact, deal or inquiry brings its client (and a deal or inquiry its contact) unless one
    /// is named; without a deal, the client's open deal changed last is used. A named record the
    /// viewer does not see is NOT_FOUND; one brought by another is simply left out.
    public func render(_ viewer: Viewer, _ source: TemplateSource, _ context: TemplateContext) async throws -> RenderedTemplate {
        guard viewer.canRead else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to see this.") : DomainError.forbidden("This token has no read scope.")
        }
        let text: String
        switch source {
        case .template(let id):
            guard let template = try await store.answerTemplates(ids: [id], usableBy: viewer.user?.id).first(where: { $0.deletedAt == nil }) else {
                throw DomainError.notFound("No such answer template.")
            }
            text = template.body
        case .text(let written):
            guard written.count <= Self.maximumBody else {
                throw DomainError.invalid([UserError(field: ["source", "text"], message: "At most 10000 characters.", code: "TOO_LONG")])
            }
            text = written
        }
        let visibility = try await Visibility.of(viewer, store: identity)
        func named<Record>(_ id: Int64?, _ noun: String, _ load: ([Int64]) async throws -> [Record],
                           live: (Record) -> Bool) async throws -> Record? {
            guard let id else { return nil }
            guard let record = try await load([id]).first(where: live) else { throw DomainError.notFound("No such \(noun).") }
            return record
        }
        let seen = DialogueVisibility(records: visibility, userID: viewer.user?.id)
        let dialogue = try await named(context.dialogueID, "dialogue", { try await dialogues.dialogues(ids: $0, visibility: seen) }) { $0.deletedAt == nil }
        let inquiry = try await named(context.inquiryID, "inquiry", { try await support.inquiries(ids: $0, visibility: visibility) }) { $0.deletedAt == nil }
        var deal = try await named(context.dealID, "deal", { try await deals.deals(ids: $0, visibility: visibility) }) { $0.deletedAt == nil }
        var contact = try await named(context.contactID, "contact", { try await contacts.contacts(ids: $0, visibility: visibility) }) { $0.deletedAt == nil }
        if contact == nil, let id = dialogue?.contactID ?? inquiry?.fields.contactID ?? deal?.fields.contactID {
            contact = try await contacts.contacts(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
        }
        var client = try await named(context.clientID, "client", { try await clients.clients(ids: $0, visibility: visibility) }) { $0.deletedAt == nil }
        if client == nil, let id = dialogue?.clientID ?? inquiry?.fields.clientID ?? deal?.fields.clientID ?? contact?.fields.clientID {
            client = try await clients.clients(ids: [id], visibility: visibility).first { $0.deletedAt == nil }
        }
        if deal == nil, let client {
            var query = DealQuery()
            query.clientIDs = [client.id]
            query.statuses = [.open]
            query.order = .updatedAt
            query.page.descending = true
            query.page.limit = 1
            query.page.countsTotal = false
            deal = try await deals.deals(query, visibility: visibility, now: clock.now()).items.first
        }
        var stage: String?
        if let deal { stage = try await pipelines.stages(ids: [deal.stageID]).first?.fields.name }
        let user = viewer.user
        let records = TemplateRecords(client: client, contact: contact, deal: deal, dealStage: stage, inquiry: inquiry, user: user,
                                      now: clock.now(), timeZone: user.flatMap { TimeZone(identifier: $0.timeZone) } ?? .gmt)
        return TemplateText.render(text, records)
    }

    /// The signed-in user who writes: templates always belong to a user.
    static func writer(_ viewer: Viewer) throws -> User {
        guard viewer.canWrite else {
            throw viewer == .anonymous ? DomainError.unauthenticated("Sign in to do this.") : DomainError.forbidden("This token has no write scope.")
        }
        guard let user = viewer.user else { throw DomainError.forbidden("Answer templates belong to users: use a token that acts as one.") }
        return user
    }

    /// A template the viewer uses and may change: their own, or any shared one for an admin.
    private func changeable(_ viewer: Viewer, id: Int64) async throws -> AnswerTemplate {
        let user = try Self.writer(viewer)
        guard let template = try await store.answerTemplates(ids: [id], usableBy: user.id).first else {
            throw DomainError.notFound("No such answer template.")
        }
        guard template.createdBy == user.id || user.role == .admin else {
            throw DomainError.forbidden("Only its creator or an admin changes an answer template.")
        }
        return template
    }

    /// Whether another live template the creator of `template` can use has this shortcut.
    private func shortcutTaken(_ shortcut: String, by template: AnswerTemplate) async throws -> Bool {
        var query = AnswerTemplateQuery()
        query.shortcut = shortcut
        query.page.limit = 2
        query.page.countsTotal = false
        return try await store.answerTemplates(query, usableBy: template.createdBy).items.contains { $0.id != template.id }
    }

    private func write(_ current: AnswerTemplate, _ next: AnswerTemplate, version: Int?, extra: [FieldEdit],
                       viewer: Viewer) async throws -> Outcome {
        let edits = Self.edits(current, next) + extra
        let (template, errors) = try await VersionedRecord.write(current, currentVersion: current.version, expectedVersion: version, edits: edits,
                                                                 noun: "answer template", version: \.version) {
            try await store.updateAnswerTemplate(next, expectedVersion: version, edits: edits, actor: Actor(viewer), at: clock.now())
        }
        return Outcome(template: template, userErrors: errors)
    }

    private func apply(_ changes: AnswerTemplateChanges, to start: AnswerTemplate, _ errors: inout Errors) async throws -> AnswerTemplate {
        var template = start
        if let name = changes.name {
            template.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
            if template.name.isEmpty { errors.add(["name"], "Enter a name.", "REQUIRED") }
            else if template.name.count > 200 { errors.add(["name"], "At most 200 characters.", "TOO_LONG") }
        }
        if let body = changes.body {
            template.body = body
            if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { errors.add(["body"], "Enter the text.", "REQUIRED") }
            else if body.count > Self.maximumBody { errors.add(["body"], "At most 10000 characters.", "TOO_LONG") }
            for name in template.placeholders where !TemplateText.isKnown(name) {
                errors.add(["body"], "There is no placeholder {{\(name)}}.", "UNKNOWN_PLACEHOLDER")
            }
        }
        if case .set(let shortcut) = changes.shortcut {
            template.shortcut = PipelineService.trimmed(shortcut)
            if let shortcut = template.shortcut {
                if !shortcut.hasPrefix("/") || shortcut.count < 2 || shortcut.contains(where: \.isWhitespace) {
                    errors.add(["shortcut"], "A shortcut is a slash and a word without spaces, such as /hello.", "INVALID")
                } else if shortcut.count > 50 {
                    errors.add(["shortcut"], "At most 50 characters.", "TOO_LONG")
                } else if try await shortcutTaken(shortcut, by: template) {
                    errors.add(["shortcut"], "Another template you can use has the shortcut \(shortcut).", "TAKEN")
                }
            }
        }
        if case .set(let category) = changes.category {
            template.category = PipelineService.trimmed(category)
            if (template.category?.count ?? 0) > 100 { errors.add(["category"], "At most 100 characters.", "TOO_LONG") }
        }
        if let kinds = changes.channelKinds {
            template.channelKinds = kinds.uniqued()
            if !template.channelKinds.allSatisfy(AnswerTemplate.channelKindNames.contains) {
                errors.add(["channelKinds"], "Unknown channel kind.", "INVALID")
            }
        }
        if let shared = changes.shared { template.shared = shared }
        return template
    }

    static func edits(_ a: AnswerTemplate, _ b: AnswerTemplate) -> [FieldEdit] {
        var edits: [FieldEdit] = []
        func add(_ name: String, _ old: String?, _ new: String?) {
            if old != new { edits.append(FieldEdit(name, old: old, new: new)) }
        }
        add("name", FieldEdit.json(a.name), FieldEdit.json(b.name))
        add("body", FieldEdit.json(a.body), FieldEdit.json(b.body))
        add("shortcut", FieldEdit.json(a.shortcut), FieldEdit.json(b.shortcut))
        add("category", FieldEdit.json(a.category), FieldEdit.json(b.category))
        add("channelKinds", RecordJSON.tags(a.channelKinds), RecordJSON.tags(b.channelKinds))
        add("shared", String(a.shared), String(b.shared))
        return edits
    }
}
