import CRM
import Foundation
import GraphQLEngine
import Secrets

/// Relay connections over keyset-paged lists: `first`/`after` and `last`/`before` turned into a
/// ``PageRequest``, and a ``Page`` turned into `edges`, `pageInfo` and `totalCount`. Cursors hold
/// the record's id and sort value, so a page stays put while records are added elsewhere.
enum KeysetPaging {
    /// The page the arguments ask for; the total is counted only when the selection may ask for
    /// `totalCount`.
    static func request(_ arguments: Arguments, descending: Bool, info: ResolveInfo) throws -> PageRequest {
        var page = PageRequest()
        page.descending = descending
        page.countsTotal = info.mayRequest("totalCount")
        let first = arguments.int("first"), last = arguments.int("last")
        for n in [first, last].compactMap({ $0 }) where n < 0 || n > Connection.maximumPageSize {
            throw ResolverError("first and last take 0 to \(Connection.maximumPageSize).", code: "BAD_USER_INPUT")
        }
        if let last, first == nil {
            page.limit = last
            page.fromEnd = true
        } else {
            page.limit = first ?? Connection.defaultPageSize
        }
        if let after = arguments.string("after") { page.after = try decode(after) }
        if let before = arguments.string("before") { page.before = try decode(before) }
        return page
    }

    static func connection<Record: Sendable>(_ page: Page<Record>, request: PageRequest,
                                             cursor: (Record) -> RecordCursor) -> [String: any Sendable] {
        let edges: [any Sendable] = page.items.map { ["cursor": encode(cursor($0)), "node": $0] as [String: any Sendable] }
        let forward = !request.fromEnd
        let pageInfo: [String: any Sendable] = [
            "hasNextPage": forward ? page.hasMore : request.before != nil,
            "hasPreviousPage": forward ? request.after != nil : page.hasMore,
            "startCursor": page.items.first.map { encode(cursor($0)) } as (any Sendable)?,
            "endCursor": page.items.last.map { encode(cursor($0)) } as (any Sendable)?,
        ]
        return ["edges": edges, "pageInfo": pageInfo, "totalCount": page.totalCount]
    }

    static func encode(_ cursor: RecordCursor) -> String {
        Encoding.base64URL(Array("\(cursor.id)|\(cursor.sortValue)".utf8))
    }

    static func decode(_ text: String) throws -> RecordCursor {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8),
              let bar = decoded.firstIndex(of: "|"), let id = Int64(decoded[..<bar]) else {
            throw ResolverError("The cursor is not one of ours.", code: "BAD_USER_INPUT")
        }
        return RecordCursor(sortValue: String(decoded[decoded.index(after: bar)...]), id: id)
    }

    /// The value a record is sorted by, as the cursor holds it.
    static func sortValue(name: String, createdAt: Date, updatedAt: Date, field: String) -> String {
        switch field {
        case "CREATED_AT": RFC3339.format(createdAt)
        case "UPDATED_AT": RFC3339.format(updatedAt)
        default: name
        }
    }
}
