import CRM
import GRDB

/// The query of a keyset-paged list of owned records: the viewer's visibility and the deleted
/// filter first, the list's own conditions, then one page in (sort column, id) order and the
/// total count — the same for every kind of record.
struct RecordList {
    private(set) var conditions: [String] = []
    private(set) var arguments: StatementArguments = []

    init(visibility: Visibility, deleted: DeletedFilter, ownerColumn: String = "owner_id") {
        let (visible, visibleArguments) = Self.condition(visibility, ownerColumn: ownerColumn)
        add(visible, visibleArguments)
        switch deleted {
        case .exclude: conditions.append("deleted_at IS NULL")
        case .only: conditions.append("deleted_at IS NOT NULL")
        case .include: break
        }
    }

    /// The SQL condition (and its arguments) that keeps the rows a visibility allows.
    static func condition(_ visibility: Visibility, ownerColumn: String = "owner_id") -> (String, StatementArguments) {
        switch visibility {
        case .all: ("1", [])
        case .none: ("0", [])
        case .ownedBy(let ids): ("\(ownerColumn) IN (SELECT value FROM json_each(?))", [IdentityRepository.jsonArray(ids)])
        }
    }

    /// Adds a condition with its arguments.
    mutating func add(_ condition: String, _ values: StatementArguments = []) {
        conditions.append(condition)
        arguments += values
    }

    /// A `LIKE` pattern matching `text` anywhere, lowercased to compare with `sb_fold(column)`,
    /// with its wildcards escaped (use `ESCAPE '\'`).
    static func containsPattern(_ text: String) -> String {
        "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// One page of `table` ordered by `orderColumn` then id, and the total count.
    func fetch<Record: Sendable>(_ db: GRDB.Database, table: String, orderColumn: String, page: PageRequest,
                                 map: (Row) -> Record) throws -> Page<Record> {
        let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(filter)", arguments: arguments) ?? 0
        var keyset: [String] = []
        var keysetArguments: StatementArguments = []
        let forward = page.descending ? "<" : ">"
        let backward = page.descending ? ">" : "<"
        if let after = page.after {
            keyset.append("(\(orderColumn) \(forward) ? OR (\(orderColumn) = ? AND id \(forward) ?))")
            keysetArguments += [after.sortValue, after.sortValue, after.id]
        }
        if let before = page.before {
            keyset.append("(\(orderColumn) \(backward) ? OR (\(orderColumn) = ? AND id \(backward) ?))")
            keysetArguments += [before.sortValue, before.sortValue, before.id]
        }
        // Paging from the end reads the order backwards, then turns the page around.
        let direction = page.descending != page.fromEnd ? "DESC" : "ASC"
        let sql = "SELECT * FROM \(table) WHERE " + ([filter] + keyset).joined(separator: " AND ")
            + " ORDER BY \(orderColumn) \(direction), id \(direction) LIMIT ?"
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments + keysetArguments + [page.limit + 1]).map(map)
        var items = Array(rows.prefix(page.limit))
        if page.fromEnd { items.reverse() }
        return Page(items: items, totalCount: total, hasMore: rows.count > page.limit)
    }
}
