import CRM
import Foundation
import GraphQLEngine

/// Answer templates: the ones the viewer may use (shared, or their own), their mutations, and
/// `renderTemplate`, which fills a template's placeholders from records without sending anything.
enum AnswerTemplateResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("answerTemplates") { _, call in try await answerTemplates(call) }
            t.asyncField("renderTemplate") { _, call in
                let (source, context) = try renderArguments(call.arguments)
                do {
                    let rendered = try await call.context.services.answerTemplates.render(call.context.viewer, source, context)
                    return ["text": rendered.text, "missing": rendered.missing, "unknown": rendered.unknown] as [String: any Sendable]
                } catch let error as DomainError {
                    throw error.resolverError
                }
            }
        }
        b.object("AnswerTemplate", as: AnswerTemplate.self) { t in
            t.field("id") { template, _ in GlobalID.encode("AnswerTemplate", template.id) }
            t.field("name", \.name)
            t.field("body", \.body)
            t.field("shortcut", \.shortcut)
            t.field("category", \.category)
            t.field("channelKinds") { template, _ in template.channelKinds.map { $0.uppercased() } }
            t.field("shared", \.shared)
            t.field("placeholders", \.placeholders)
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { templates, call in try await IdentityResolvers.actors(templates.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { template, call in try await IdentityResolvers.history("AnswerTemplate", template.id, call) }
        }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createAnswerTemplate") { _, call in
                let changes = templateChanges(call.arguments["input"])
                return try await MutationPayload.run("answerTemplate") {
                    try await call.context.services.answerTemplates.create(call.context.viewer, changes)
                }
            }
            t.asyncField("updateAnswerTemplate") { _, call in
                let raw = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(raw, "AnswerTemplate", noun: "answer template"), RecordInput.requiredVersion(raw))
                let changes = templateChanges(raw)
                return try await MutationPayload.run("answerTemplate") {
                    try await call.context.services.answerTemplates.update(call.context.viewer, id: id, version: version, changes)
                }
            }
            MutationPayload.bindDeleteRestore(&t, "AnswerTemplate", noun: "answer template") { call, id, version, deleting in
                try await MutationPayload.run("answerTemplate") {
                    try await call.context.services.answerTemplates.setDeleted(call.context.viewer, id: id, version: version, deleted: deleting)
                }
            }
        }
        for name in ["AnswerTemplateConnection", "AnswerTemplateEdge", "AnswerTemplatePayload", "RenderedTemplate"] { b.mapObject(name) }
    }

    static func answerTemplates(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        let viewer = try call.context.requireReader()
        var query = AnswerTemplateQuery()
        if let filter = call.arguments["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            if case .string(let category)? = filter["category"] { query.category = category }
            if case .string(let kind)? = filter["channelKind"] { query.channelKind = kind.lowercased() }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        query.page = try KeysetPaging.request(call.arguments, descending: false, info: call.info)
        let page = try await call.context.services.answerTemplateStore.answerTemplates(query, usableBy: viewer.user?.id)
        return KeysetPaging.connection(page, request: query.page) { RecordCursor(sortValue: $0.name, id: $0.id) }
    }

    /// The template and the records of `renderTemplate`.
    static func renderArguments(_ arguments: Arguments) throws -> (TemplateSource, TemplateContext) {
        let source: TemplateSource
        if case .string(let text)? = arguments["source"]?["text"] {
            source = .text(text)
        } else if let id = (arguments["source"]?["templateId"]).flatMap({ RecordInput.id($0, of: "AnswerTemplate") }) {
            source = .template(id)
        } else {
            throw ResolverError("Give the template's id or its text.", code: "BAD_USER_INPUT")
        }
        var context = TemplateContext()
        guard let input = arguments["context"], input != .null else { return (source, context) }
        func id(_ key: String, _ type: String) -> Int64? { input[key].flatMap { RecordInput.id($0, of: type) } }
        context.clientID = id("clientId", "Client")
        context.contactID = id("contactId", "Contact")
        context.dealID = id("dealId", "Deal")
        context.inquiryID = id("inquiryId", "Inquiry")
        context.dialogueID = id("dialogueId", "Dialogue")
        return (source, context)
    }

    static func templateChanges(_ input: JSONValue?) -> AnswerTemplateChanges {
        var changes = AnswerTemplateChanges()
        guard case .object(let members)? = input else { return changes }
        for member in members {
            let value = member.value
            switch member.key {
            case "name": changes.name = RecordInput.string(value) ?? ""
            case "body": changes.body = RecordInput.string(value) ?? ""
            case "shortcut": changes.shortcut = .set(RecordInput.string(value))
            case "category": changes.category = .set(RecordInput.string(value))
            case "channelKinds": changes.channelKinds = RecordInput.strings(RecordInput.array(value)).map { $0.lowercased() }
            case "shared": if case .bool(let shared) = value { changes.shared = shared }
            default: break
            }
        }
        return changes
    }
}

extension AnswerTemplateService.Outcome: RecordOutcome {
    var record: (any Sendable)? { template }
}
