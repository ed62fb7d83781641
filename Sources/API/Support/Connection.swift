import GraphQLEngine

/// Relay cursor connections over an ordered list: `first`/`after` and `last`/`before`, with
/// cursors naming the item (its global id), so a page stays put when items are added elsewhere.
enum Connection {
    static let defaultPageSize = 20
    static let maximumPageSize = 100

    /// The connection object (`edges`, `pageInfo`, `totalCount`) for `items`, read by name.
    static func page<T: Sendable>(_ items: [T], arguments: Arguments, cursor: (T) -> String) throws -> [String: any Sendable] {
        let first = arguments.int("first")
        let last = arguments.int("last")
        if let first, first < 0 { throw ResolverError("first must not be negative.", code: "BAD_USER_INPUT") }
        if let last, last < 0 { throw ResolverError("last must not be negative.", code: "BAD_USER_INPUT") }
        if (first ?? 0) > maximumPageSize || (last ?? 0) > maximumPageSize {
            throw ResolverError("A page holds at most \(maximumPageSize) items.", code: "BAD_USER_INPUT")
        }
        var lower = 0
        var upper = items.count
        if let after = arguments.string("after") {
            guard let index = items.firstIndex(where: { cursor($0) == after }) else {
                throw ResolverError("The after cursor is unknown.", code: "BAD_USER_INPUT")
            }
            lower = index + 1
        }
        if let before = arguments.string("before") {
            guard let index = items.firstIndex(where: { cursor($0) == before }) else {
                throw ResolverError("The before cursor is unknown.", code: "BAD_USER_INPUT")
            }
            upper = index
        }
        upper = max(lower, upper)
        var start = lower
        var end = upper
        if let first {
            end = min(end, start + first)
        } else if last == nil {
            end = min(end, start + defaultPageSize)
        }
        if let last { start = max(start, end - last) }
        let slice = Array(items[start..<end])
        let edges: [any Sendable] = slice.map { item -> [String: any Sendable] in ["cursor": cursor(item), "node": item] }
        let pageInfo: [String: any Sendable] = [
            "hasNextPage": end < upper || (first == nil && last != nil && upper < items.count),
            "hasPreviousPage": start > lower || (last == nil && lower > 0),
            "startCursor": slice.first.map(cursor) as (any Sendable)?,
            "endCursor": slice.last.map(cursor) as (any Sendable)?,
        ]
        return ["edges": edges, "pageInfo": pageInfo, "totalCount": items.count]
    }
}
