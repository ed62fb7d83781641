import CRM
import Foundation
import GraphQLEngine
import Secrets

/// Clients: the list with filters, order and keyset paging, look-up by id, phone, e-mail, INN or
/// domain, and create, update, delete and restore.
enum ClientResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("clients") { _, call in try await list(call) }
            t.asyncField("client") { _, call in try await lookup(call) }
        }
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createClient") { _, call in
                let input = call.arguments["input"]
                var kind = Client.Kind.organisation
                if case .string(let k)? = input?["kind"] { kind = Client.Kind(rawValue: k.lowercased()) ?? .organisation }
                var status = Client.Status.prospect
                if case .string(let s)? = input?["status"] { status = Client.Status(rawValue: s.lowercased()) ?? .prospect }
                return try await MutationPayload.run("client") { try await call.context.services.clients.create(call.context.viewer, kind: kind, status: status,
                                                                                       input: try clientInput(input)) }
            }
            t.asyncField("updateClient") { _, call in
                let input = call.arguments["input"]
                let id = try RecordInput.recordID(input, "Client", noun: "client")
                let version = try RecordInput.requiredVersion(input)
                return try await MutationPayload.run("client") { try await call.context.services.clients.update(call.context.viewer, id: id, version: version,
                                                                                       input: try clientInput(input)) }
            }
            MutationPayload.bindDeleteRestore(&t, "Client", noun: "client") { call, id, version, deleting in
                let service = call.context.services.clients
                return try await MutationPayload.run("client") {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
        b.object("Client", as: Client.self) { t in
            t.field("id") { c, _ in GlobalID.encode("Client", c.id) }
            t.field("kind") { c, _ in c.kind.rawValue.uppercased() }
            t.field("status") { c, _ in c.status.rawValue.uppercased() }
            t.field("convertedAt", \.convertedAt)
            t.field("name", \.fields.name)
            t.field("legalName", \.fields.legalName)
            t.field("inn", \.fields.inn)
            t.field("webDomain", \.fields.webDomain)
            t.field("industry", \.fields.industry)
            t.field("source", \.fields.source)
            t.field("campaign", \.fields.campaign)
            t.batchField("owner") { clients, call in
                let users = try await IdentityResolvers.usersByID(clients.compactMap(\.fields.ownerID), call.context)
                return clients.map { c in c.fields.ownerID.flatMap { users[$0] } }
            }
            t.field("tags", \.fields.tags)
            t.field("phones") { c, _ in RecordOutput.phones(c.fields.phones) }
            t.field("emails") { c, _ in RecordOutput.emails(c.fields.emails) }
            t.field("messengers") { c, _ in RecordOutput.messengers(c.fields.messengers) }
            t.field("address", \.fields.address)
            t.field("customFields") { c, _ in (try? JSONParser.parse(c.fields.customFields)) ?? JSONValue.object([]) }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { clients, call in try await IdentityResolvers.actors(clients.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { c, call in try await IdentityResolvers.history("Client", c.id, call) }
        }
        for name in ["ClientPayload", "ClientConnection", "ClientEdge", "Phone", "EmailAddress", "MessengerHandle"] {
            b.mapObject(name)
        }
    }

    // MARK: Reading

    static func list(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        let args = call.arguments
        var query = ClientQuery()
        if let filter = args["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            if case .array(let kinds)? = filter["kinds"] {
                query.kinds = RecordInput.strings(kinds).compactMap { Client.Kind(rawValue: $0.lowercased()) }
            }
            if case .array(let statuses)? = filter["statuses"] {
                query.statuses = RecordInput.strings(statuses).compactMap { Client.Status(rawValue: $0.lowercased()) }
            }
            if case .array(let owners)? = filter["ownerIds"] {
                query.ownerIDs = RecordInput.strings(owners).compactMap { GlobalID.id($0, of: "User") }
            }
            if case .array(let tags)? = filter["tags"] { query.tags = RecordInput.strings(tags) }
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var orderField = "NAME"
        if case .string(let field)? = args["orderBy"]?["field"] { orderField = field }
        query.order = orderField == "CREATED_AT" ? .createdAt : orderField == "UPDATED_AT" ? .updatedAt : .name
        query.page = try KeysetPaging.request(args, descending: args["orderBy"]?["direction"] == .string("DESC"), info: call.info)
        let visibility = try await call.context.visibility()
        let page = try await call.context.services.clientStore.clients(query, visibility: visibility)
        return KeysetPaging.connection(page, request: query.page) { client in
            RecordCursor(sortValue: KeysetPaging.sortValue(name: client.fields.name, createdAt: client.createdAt,
                                                           updatedAt: client.updatedAt, field: orderField), id: client.id)
        }
    }

    static func lookup(_ call: FieldCall<RequestContext>) async throws -> Client? {
        _ = try call.context.requireReader()
        let by = call.arguments["by"]
        let visibility = try await call.context.visibility()
        let store = call.context.services.clientStore
        if case .string(let id)? = by?["id"] {
            guard let clientID = GlobalID.id(id, of: "Client") else { return nil }
            return try await store.clients(ids: [clientID], visibility: visibility).first
        }
        let lookup: ClientLookup?
        if case .string(let phone)? = by?["phone"] {
            lookup = (try? PhoneNumber(phone)).map { .phoneDigits($0.digits) }
        } else if case .string(let email)? = by?["email"] {
            lookup = (try? EmailAddress(email)).map { .email($0.normalized) }
        } else if case .string(let inn)? = by?["inn"] {
            lookup = (try? TaxID(inn)).map { .inn($0.value) }
        } else if case .string(let domain)? = by?["webDomain"] {
            lookup = WebDomain.normalize(domain).map(ClientLookup.webDomain)
        } else {
            lookup = nil
        }
        guard let lookup else { return nil }
        return try await store.client(lookup: lookup, visibility: visibility)
    }

    // MARK: Input

    /// The input object as domain changes: absent fields are kept, null clears.
    static func clientInput(_ input: JSONValue?) throws -> ClientInput {
        var result = ClientInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "kind": if case .string(let k) = value, let kind = Client.Kind(rawValue: k.lowercased()) { result.kind = .set(kind) }
            case "status": if case .string(let s) = value, let status = Client.Status(rawValue: s.lowercased()) { result.status = .set(status) }
            case "name": result.name = .set(RecordInput.string(value) ?? "")
            case "legalName": result.legalName = .set(RecordInput.string(value))
            case "inn": result.inn = .set(RecordInput.string(value))
            case "webDomain": result.webDomain = .set(RecordInput.string(value))
            case "industry": result.industry = .set(RecordInput.string(value))
            case "source": result.source = .set(RecordInput.string(value))
            case "campaign": result.campaign = .set(RecordInput.string(value))
            case "address": result.address = .set(RecordInput.string(value))
            case "ownerId": result.ownerID = .set(RecordInput.id(value, of: "User"))
            case "tags": result.tags = .set(RecordInput.strings(RecordInput.array(value)))
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
