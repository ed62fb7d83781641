import CRM
import Foundation
import GraphQLEngine

/// Contacts: the list (also under each client), create, update, delete and restore.
enum ContactResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("contacts") { _, call in try await list(call) }
        }
        b.object("Client", as: Client.self) { t in
            // One query for the contacts of every client of the level, then a page per client.
            t.batchField("contacts") { clients, call in
                _ = try call.context.requireReader()
                let visibility = try await call.context.visibility()
                var deleted = DeletedFilter.exclude
                if case .string(let d)? = call.arguments["filter"]?["deleted"] { deleted = DeletedFilter(rawValue: d.lowercased()) ?? .exclude }
                var all = try await call.context.services.contactStore.contacts(clientIDs: clients.map(\.id), deleted: deleted,
                                                                               visibility: visibility)
                if case .string(let text)? = call.arguments["filter"]?["query"], !text.isEmpty {
                    all = all.filter { $0.fields.name.localizedCaseInsensitiveContains(text) || ($0.fields.position ?? "").localizedCaseInsensitiveContains(text) }
                }
                let byClient = Dictionary(grouping: all) { $0.fields.clientID ?? -1 }
                return try clients.map { client in
                    try Connection.page(byClient[client.id] ?? [], arguments: call.arguments) { GlobalID.encode("Contact", $0.id) }
                }
            }
        }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createContact") { _, call in
                let input = try contactInput(call.arguments["input"])
                return try await MutationPayload.run("contact") { try await call.context.services.contacts.create(call.context.viewer, input: input) }
            }
            t.asyncField("updateContact") { _, call in
                let raw = call.arguments["input"]
                let id = try RecordInput.recordID(raw, "Contact", noun: "contact")
                let version = try RecordInput.requiredVersion(raw)
                let input = try contactInput(raw)
                return try await MutationPayload.run("contact") { try await call.context.services.contacts.update(call.context.viewer, id: id, version: version, input: input) }
            }
            MutationPayload.bindDeleteRestore(&t, "Contact", noun: "contact") { call, id, version, deleting in
                let service = call.context.services.contacts
                return try await MutationPayload.run("contact") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
        b.object("Contact", as: Contact.self) { t in
            t.field("id") { c, _ in GlobalID.encode("Contact", c.id) }
            t.field("firstName", \.fields.firstName)
            t.field("middleName", \.fields.middleName)
            t.field("lastName", \.fields.lastName)
            t.field("name") { c, _ in c.fields.name }
            t.batchField("client") { contacts, call in
                let visibility = try await call.context.visibility()
                let ids = Array(Set(contacts.compactMap(\.fields.clientID)))
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: ids, visibility: visibility).map { ($0.id, $0) })
                return contacts.map { c in c.fields.clientID.flatMap { clients[$0] } }
            }
            t.field("position", \.fields.position)
            t.batchField("owner") { contacts, call in
                let users = try await IdentityResolvers.usersByID(contacts.compactMap(\.fields.ownerID), call.context)
                return contacts.map { c in c.fields.ownerID.flatMap { users[$0] } }
            }
            t.field("phones") { c, _ in RecordOutput.phones(c.fields.phones) }
            t.field("emails") { c, _ in RecordOutput.emails(c.fields.emails) }
            t.field("messengers") { c, _ in RecordOutput.messengers(c.fields.messengers) }
            t.field("birthday", \.fields.birthday)
            t.field("customFields") { c, _ in (try? JSONParser.parse(c.fields.customFields)) ?? JSONValue.object([]) }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { contacts, call in try await IdentityResolvers.actors(contacts.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { c, call in try await IdentityResolvers.history("Contact", c.id, call) }
        }
        for name in ["ContactPayload", "ContactConnection", "ContactEdge"] { b.mapObject(name) }
    }

    /// A page of the visible contacts.
    static func list(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        let args = call.arguments
        var query = ContactQuery()
        if let filter = args["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            if case .array(let ids)? = filter["clientIds"] {
                query.clientIDs = RecordInput.strings(ids).compactMap { GlobalID.id($0, of: "Client") }
            }
            if case .array(let owners)? = filter["ownerIds"] {
                query.ownerIDs = RecordInput.strings(owners).compactMap { GlobalID.id($0, of: "User") }
            }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var orderField = "NAME"
        if case .string(let field)? = args["orderBy"]?["field"] { orderField = field }
        query.order = orderField == "CREATED_AT" ? .createdAt : orderField == "UPDATED_AT" ? .updatedAt : .name
        query.page = try KeysetPaging.request(args, descending: args["orderBy"]?["direction"] == .string("DESC"), info: call.info)
        let visibility = try await call.context.visibility()
        let page = try await call.context.services.contactStore.contacts(query, visibility: visibility)
        return KeysetPaging.connection(page, request: query.page) { contact in
            RecordCursor(sortValue: KeysetPaging.sortValue(name: contact.fields.name, createdAt: contact.createdAt,
                                                           updatedAt: contact.updatedAt, field: orderField), id: contact.id)
        }
    }

    /// The input object as domain changes: absent fields are kept, null clears.
    static func contactInput(_ input: JSONValue?) throws -> ContactInput {
        var result = ContactInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "firstName": result.firstName = .set(RecordInput.string(value) ?? "")
            case "middleName": result.middleName = .set(RecordInput.string(value))
            case "lastName": result.lastName = .set(RecordInput.string(value))
            case "position": result.position = .set(RecordInput.string(value))
            case "birthday": result.birthday = .set(RecordInput.string(value))
            case "clientId": result.clientID = .set(RecordInput.id(value, of: "Client"))
            case "ownerId": result.ownerID = .set(RecordInput.id(value, of: "User"))
            case "phones": result.phones = .set(RecordInput.phones(value))
            case "emails": result.emails = .set(RecordInput.emails(value))
            case "messengers": result.messengers = .set(RecordInput.messengers(value))
            case "customFields": result.customFields = .set(try RecordInput.customFields(value))
            default: break
            }
        }
        return result
    }
}
