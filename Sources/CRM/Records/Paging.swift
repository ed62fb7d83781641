/// A position in an ordered list of records: the value it is sorted by, and its id.
public struct RecordCursor: Equatable, Sendable {
    public let sortValue: String
    public let id: Int64

    public init(sortValue: String, id: Int64) {
        self.sortValue = sortValue
        self.id = id
    }
}

/// Whether a list shows soft-deleted records.
public enum DeletedFilter: String, Sendable {
    case exclude, include, only
}

/// One page of a keyset-paged list: after or before a position, at most `limit` records, read
/// from the start or (for `last:`) from the end.
public struct PageRequest: Equatable, Sendable {
    public var after: RecordCursor?
    public var before: RecordCursor?
    public var limit = 20
    public var fromEnd = false
    public var descending = false
    /// Whether the total count is wanted: counting every match is the costly part of a page.
    public var countsTotal = true

    public init() {}
}

/// A page of records, how many match in all, and whether more lie beyond the page.
public struct Page<Record: Sendable>: Sendable {
    public let items: [Record]
    public let totalCount: Int
    public let hasMore: Bool

    public init(items: [Record], totalCount: Int, hasMore: Bool) {
        self.items = items
        self.totalCount = totalCount
        self.hasMore = hasMore
    }
}
