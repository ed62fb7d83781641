import CRM
import Foundation
import GraphQLEngine

/// `search(query:)`: clients, contacts and deals the viewer sees, by name, phone in any
/// notation, e-mail, INN or web domain, best match first. Cursors hold the position in the
/// ranking, so `after` continues the same search.
enum SearchResolvers {
    static func bind(_ b: inout SchemaBindings<RequestContext>) {
        b.object("Query", as: RootValue.self) { t in
            t.asyncField("search") { _, call in try await search(call) }
        }
        for name in ["SearchConnection", "SearchEdge"] { b.mapObject(name) }
    }

    static func search(_ call: FieldCall<RequestContext>) async throws -> [String: any Sendable] {
        _ = try call.context.requireReader()
        let args = call.arguments
        let query = (args.string("query") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard query.count >= 2 else { throw ResolverError("Type at least 2 characters to search.", code: "BAD_USER_INPUT") }
        let first = args.int("first") ?? Connection.defaultPageSize
        guard (0...Connection.maximumPageSize).contains(first) else {
            throw ResolverError("first takes 0 to \(Connection.maximumPageSize).", code: "BAD_USER_INPUT")
        }
        var offset = 0
        if let after = args.string("after") { offset = try decode(after) + 1 }
        var kinds = SearchHit.Kind.allCases
        if case .array(let values)? = args["kinds"] {
            kinds = RecordInput.strings(values).compactMap { SearchHit.Kind(rawValue: $0.lowercased()) }
        }
        let services = call.context.services
        let visibility = try await call.context.visibility()
        let page = try await services.searchStore.search(SearchText(query), kinds: kinds, visibility: visibility, offset: offset, limit: first,
                                                         countsTotal: call.info.mayRequest("totalCount"))
        func ids(_ kind: SearchHit.Kind) -> [Int64] { page.items.filter { $0.kind == kind }.map(\.id) }
        var records: [String: any Sendable] = [:]
        for client in try await services.clientStore.clients(ids: ids(.client), visibility: visibility) { records["client:\(client.id)"] = client }
        for contact in try await services.contactStore.contacts(ids: ids(.contact), visibility: visibility) { records["contact:\(contact.id)"] = contact }
        for deal in try await services.dealStore.deals(ids: ids(.deal), visibility: visibility) { records["deal:\(deal.id)"] = deal }
        var edges: [any Sendable] = []
        for (i, hit) in page.items.enumerated() {
            guard let record = records["\(hit.kind.rawValue):\(hit.id)"] else { continue }
            edges.append([
                "cursor": encode(offset + i), "node": record, "rank": hit.rank, "matchedFields": hit.matchedFields,
                "highlight": hit.highlight as (any Sendable)?,
            ] as [String: any Sendable])
        }
        let pageInfo: [String: any Sendable] = [
            "hasNextPage": page.hasMore, "hasPreviousPage": offset > 0,
            "startCursor": page.items.isEmpty ? nil : encode(offset) as (any Sendable)?,
            "endCursor": page.items.isEmpty ? nil : encode(offset + page.items.count - 1) as (any Sendable)?,
        ]
        return ["edges": edges, "pageInfo": pageInfo, "totalCount": page.totalCount]
    }

    static func encode(_ position: Int) -> String { KeysetPaging.encode(RecordCursor(sortValue: "search", id: Int64(position))) }

    static func decode(_ cursor: String) throws -> Int {
        let decoded = try KeysetPaging.decode(cursor)
        guard decoded.sortValue == "search", decoded.id >= 0, decoded.id < 1_000_000 else {
            throw ResolverError("The cursor is not one of this search.", code: "BAD_USER_INPUT")
        }
        return Int(decoded.id)
    }
}
