import CRM
import Foundation
import GraphQLEngine

/// Deals: the list with filters, order and keyset paging (also under each client and stage, one
/// statement per level), their stage history, and the mutations that create, change, move, win,
/// lose, reopen, delete and restore them.
enum DealResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("deals") { _, call in
                _ = try call.context.requireReader()
                let query = try query(call.arguments, call.info)
                let visibility = try await call.context.visibility()
                let page = try await call.context.services.dealStore.deals(query, visibility: visibility, now: call.context.services.clock.now())
                return KeysetPaging.connection(page, request: query.page) { cursor($0, query) }
            }
        }
        b.object("Client", as: Client.self) { t in
            t.batchField("deals") { clients, call in
                try await grouped(try query(call.arguments, call.info), by: .client, ids: clients.map(\.id), call.context)
            }
        }
        bindMutations(&b)
        b.object("Deal", as: Deal.self) { t in
            t.field("id") { d, _ in GlobalID.encode("Deal", d.id) }
            t.field("title", \.fields.title)
            t.batchField("pipeline") { deals, call in
                let pipelines = try await PipelineResolvers.pipelinesByID(deals.map(\.pipelineID), call.context)
                return deals.map { pipelines[$0.pipelineID] }
            }
            t.batchField("stage") { deals, call in
                let stages = try await PipelineResolvers.stagesByID(deals.map(\.stageID), call.context)
                return deals.map { stages[$0.stageID] }
            }
            t.field("status") { d, _ in d.status.rawValue.uppercased() }
            t.field("lossReason", \.lossReason)
            t.field("amount", \.fields.amount)
            t.field("currency", \.fields.currency)
            t.field("expectedCloseDate", \.fields.expectedCloseDate)
            t.field("closedAt", \.closedAt)
            t.field("probability") { d, _ in d.probability }
            t.batchField("owner") { deals, call in
                let users = try await IdentityResolvers.usersByID(deals.compactMap(\.fields.ownerID), call.context)
                return deals.map { d in d.fields.ownerID.flatMap { users[$0] } }
            }
            t.batchField("client") { deals, call in
                let visibility = try await call.context.visibility()
                let clients = Dictionary(uniqueKeysWithValues: try await call.context.services.clientStore
                    .clients(ids: Array(Set(deals.compactMap(\.fields.clientID))), visibility: visibility).map { ($0.id, $0) })
                return deals.map { d in d.fields.clientID.flatMap { clients[$0] } }
            }
            t.batchField("contact") { deals, call in
                let visibility = try await call.context.visibility()
                let contacts = Dictionary(uniqueKeysWithValues: try await call.context.services.contactStore
                    .contacts(ids: Array(Set(deals.compactMap(\.fields.contactID))), visibility: visibility).map { ($0.id, $0) })
                return deals.map { d in d.fields.contactID.flatMap { contacts[$0] } }
            }
            t.field("source", \.fields.source)
            t.field("campaign", \.fields.campaign)
            t.field("customFields") { d, _ in (try? JSONParser.parse(d.fields.customFields)) ?? JSONValue.object([]) }
            t.field("stageEnteredAt", \.stageEnteredAt)
            t.field("stalled") { d, call in d.stalledSince(now: call.context.services.clock.now()) != nil }
            t.field("stalledSince") { d, call in d.stalledSince(now: call.context.services.clock.now()) }
            t.batchField("stageHistory") { deals, call in
                let changes = try await call.context.services.dealStore.stageChanges(dealIDs: deals.map(\.id))
                let byDeal = Dictionary(grouping: changes, by: \.dealID)
                return try deals.map { deal in
                    try Connection.page(byDeal[deal.id] ?? [], arguments: call.arguments) { GlobalID.encode("DealStageChange", $0.id) }
                }
            }
            t.field("createdAt", \.createdAt)
            t.field("updatedAt", \.updatedAt)
            t.batchField("createdBy") { deals, call in try await IdentityResolvers.actors(deals.map(\.createdBy), call.context) }
            t.field("version", \.version)
            t.field("deletedAt", \.deletedAt)
            t.asyncField("history") { d, call in try await IdentityResolvers.history("Deal", d.id, call) }
        }
        b.object("DealStageChange", as: DealStageChange.self) { t in
            t.field("id") { c, _ in GlobalID.encode("DealStageChange", c.id) }
            t.batchField("deal") { changes, call in
                let visibility = try await call.context.visibility()
                let deals = Dictionary(uniqueKeysWithValues: try await call.context.services.dealStore
                    .deals(ids: Array(Set(changes.map(\.dealID))), visibility: visibility).map { ($0.id, $0) })
                return changes.map { deals[$0.dealID] }
            }
            t.batchField("fromStage") { changes, call in
                let stages = try await PipelineResolvers.stagesByID(changes.compactMap(\.fromStageID), call.context)
                return changes.map { c in c.fromStageID.flatMap { stages[$0] } }
            }
            t.batchField("toStage") { changes, call in
                let stages = try await PipelineResolvers.stagesByID(changes.map(\.toStageID), call.context)
                return changes.map { stages[$0.toStageID] }
            }
            t.field("fromStatus") { c, _ in c.fromStatus?.rawValue.uppercased() }
            t.field("toStatus") { c, _ in c.toStatus.rawValue.uppercased() }
            t.field("changedAt", \.changedAt)
            t.batchField("actor") { changes, call in try await IdentityResolvers.actorObjects(changes.map(\.actor), call.context) }
            t.field("secondsInPreviousStage", \.secondsInPreviousStage)
        }
        for name in ["DealConnection", "DealEdge", "DealPayload", "MoveDealPayload", "DealStageChangeConnection", "DealStageChangeEdge"] {
            b.mapObject(name)
        }
    }

    static func bindMutations(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Mutation", as: RootValue.self) { t in
            t.asyncField("createDeal") { _, call in
                let input = call.arguments["input"]
                let pipelineID = (input?["pipelineId"]).flatMap { RecordInput.id($0, of: "Pipeline") }
                let stageID = (input?["stageId"]).flatMap { RecordInput.id($0, of: "PipelineStage") }
                let inquiryID = (input?["inquiryId"]).flatMap { RecordInput.id($0, of: "Inquiry") }
                let fields = try dealInput(input)
                return try await payload {
                    try await call.context.services.deals.create(call.context.viewer, pipelineID: pipelineID, stageID: stageID,
                                                                 inquiryID: inquiryID, input: fields)
                }
            }
            t.asyncField("updateDeal") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Deal", noun: "deal"), RecordInput.requiredVersion(input))
                let fields = try dealInput(input)
                return try await payload { try await call.context.services.deals.update(call.context.viewer, id: id, version: version, input: fields) }
            }
            t.asyncField("moveDeal") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Deal", noun: "deal"), RecordInput.requiredVersion(input))
                let stageID = (input?["stageId"]).flatMap { RecordInput.id($0, of: "PipelineStage") } ?? -1
                let pipelineID = (input?["pipelineId"]).flatMap { RecordInput.id($0, of: "Pipeline") }
                return try await payload(withStageChange: true) {
                    try await call.context.services.deals.move(call.context.viewer, id: id, version: version, stageID: stageID, pipelineID: pipelineID)
                }
            }
            t.asyncField("winDeal") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Deal", noun: "deal"), RecordInput.requiredVersion(input))
                let amount = RecordInput.string(input?["amount"] ?? .null)
                return try await payload {
                    let services = call.context.services
                    let outcome = try await services.deals.win(call.context.viewer, id: id, version: version, amount: amount)
                    // The deal is won whatever happens next; the project its pipeline asks for follows
                    // (and can be made by hand from the template should this fail).
                    if outcome.userErrors.isEmpty, let deal = outcome.deal { _ = try? await services.projects.createForWonDeal(deal) }
                    return outcome
                }
            }
            t.asyncField("loseDeal") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Deal", noun: "deal"), RecordInput.requiredVersion(input))
                let reason = RecordInput.string(input?["lossReason"] ?? .null) ?? ""
                return try await payload { try await call.context.services.deals.lose(call.context.viewer, id: id, version: version, reason: reason) }
            }
            t.asyncField("reopenDeal") { _, call in
                let input = call.arguments["input"]
                let (id, version) = try (RecordInput.recordID(input, "Deal", noun: "deal"), RecordInput.requiredVersion(input))
                let stageID = (input?["stageId"]).flatMap { RecordInput.id($0, of: "PipelineStage") }
                return try await payload { try await call.context.services.deals.reopen(call.context.viewer, id: id, version: version, stageID: stageID) }
            }
            MutationPayload.bindDeleteRestore(&t, "Deal", noun: "deal") { call, id, version, deleting in
                let service = call.context.services.deals
                return try await payload {
                    deleting ? try await service.delete(call.context.viewer, id: id, version: version)
                             : try await service.restore(call.context.viewer, id: id, version: version)
                }
            }
        }
    }

    static func payload(withStageChange: Bool = false, _ body: () async throws -> DealService.Outcome) async throws -> [String: any Sendable] {
        do {
            let outcome = try await body()
            var fields: [String: (any Sendable)?] = [
                "deal": outcome.deal,
                "userErrors": outcome.userErrors.map { IdentityResolvers.userError($0.field, $0.message, $0.code) } as [any Sendable],
            ]
            if withStageChange { fields["stageChange"] = outcome.stageChange }
            return IdentityResolvers.payload(fields)
        } catch let error as DomainError {
            return try IdentityResolvers.failure(error)
        }
    }

    // MARK: Lists

    /// The first page of `query` under each parent (client or stage), one statement for all.
    static func grouped(_ query: DealQuery, by grouping: DealGrouping, ids: [Int64],
                        _ context: RequestContext) async throws -> [(any Sendable)?] {
        _ = try context.requireReader()
        let visibility = try await context.visibility()
        let pages = try await context.services.dealStore.deals(query, groupedBy: grouping, ids: ids, visibility: visibility,
                                                               now: context.services.clock.now())
        return ids.map { id in
            KeysetPaging.connection(pages[id] ?? Page(items: [], totalCount: 0, hasMore: false), request: query.page) { cursor($0, query) }
        }
    }

    static func cursor(_ deal: Deal, _ query: DealQuery) -> RecordCursor {
        let value = switch query.order {
        case .title: deal.fields.title
        case .amount: deal.fields.amount ?? "-1"
        case .expectedCloseDate: deal.fields.expectedCloseDate ?? (query.page.descending ? "0000-01-01" : "9999-12-31")
        case .stageEnteredAt: RFC3339.format(deal.stageEnteredAt)
        case .createdAt: RFC3339.format(deal.createdAt)
        case .updatedAt: RFC3339.format(deal.updatedAt)
        }
        return RecordCursor(sortValue: value, id: deal.id)
    }

    /// A `DealFilter`, `DealOrder` and page arguments as a query: newest first by default.
    static func query(_ args: Arguments, _ info: ResolveInfo) throws -> DealQuery {
        var query = DealQuery()
        func ids(_ value: JSONValue?, _ type: String) -> [Int64]? {
            guard case .array(let items)? = value else { return nil }
            return RecordInput.strings(items).map { GlobalID.id($0, of: type) ?? -1 }
        }
        if let filter = args["filter"] {
            if case .string(let text)? = filter["query"] { query.text = text }
            query.pipelineIDs = ids(filter["pipelineIds"], "Pipeline")
            query.stageIDs = ids(filter["stageIds"], "PipelineStage")
            query.ownerIDs = ids(filter["ownerIds"], "User")
            query.clientIDs = ids(filter["clientIds"], "Client")
            query.contactIDs = ids(filter["contactIds"], "Contact")
            if case .array(let statuses)? = filter["statuses"] {
                query.statuses = RecordInput.strings(statuses).compactMap { Deal.Status(rawValue: $0.lowercased()) }
            }
            if case .array(let sources)? = filter["sources"] { query.sources = RecordInput.strings(sources) }
            if case .bool(let stalled)? = filter["stalled"] { query.stalled = stalled }
            if let range = filter["expectedCloseDate"] {
                query.expectedCloseFrom = RecordInput.string(range["from"] ?? .null)
                query.expectedCloseTo = RecordInput.string(range["to"] ?? .null)
            }
            (query.closedFrom, query.closedTo) = timeRange(filter["closedAt"])
            (query.createdFrom, query.createdTo) = timeRange(filter["createdAt"])
            if case .string(let deleted)? = filter["deleted"] { query.deleted = DeletedFilter(rawValue: deleted.lowercased()) ?? .exclude }
        }
        var descending = true
        if let orderBy = args["orderBy"], case .object = orderBy {
            let field = RecordInput.string(orderBy["field"] ?? .null) ?? "CREATED_AT"
            query.order = switch field {
            case "TITLE": .title
            case "AMOUNT": .amount
            case "EXPECTED_CLOSE_DATE": .expectedCloseDate
            case "STAGE_ENTERED_AT": .stageEnteredAt
            case "UPDATED_AT": .updatedAt
            default: .createdAt
            }
            descending = orderBy["direction"] == .string("DESC")
        }
        query.page = try KeysetPaging.request(args, descending: descending, info: info)
        return query
    }

    static func timeRange(_ value: JSONValue?) -> (Date?, Date?) {
        guard let value else { return (nil, nil) }
        return (RecordInput.string(value["from"] ?? .null).flatMap(RFC3339.parse), RecordInput.string(value["to"] ?? .null).flatMap(RFC3339.parse))
    }

    /// The input object as domain changes: absent fields are kept, null clears.
    static func dealInput(_ input: JSONValue?) throws -> DealInput {
        var result = DealInput()
        guard case .object(let members)? = input else { return result }
        for member in members {
            let value = member.value
            switch member.key {
            case "title": result.title = .set(RecordInput.string(value) ?? "")
            case "amount": result.amount = .set(RecordInput.string(value))
            case "currency": result.currency = .set(RecordInput.string(value))
            case "expectedCloseDate": result.expectedCloseDate = .set(RecordInput.string(value))
            case "ownerId": result.ownerID = .set(RecordInput.id(value, of: "User"))
            case "clientId": result.clientID = .set(RecordInput.id(value, of: "Client"))
            case "contactId": result.contactID = .set(RecordInput.id(value, of: "Contact"))
            case "source": result.source = .set(RecordInput.string(value))
            case "campaign": result.campaign = .set(RecordInput.string(value))
            case "customFields": result.customFields = .set(try RecordInput.customFields(value))
            default: break
            }
        }
        return result
    }
}
