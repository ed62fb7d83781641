import CRM
import GRDB

/// The query of a keyset-paged list of owned records: the viewer's visibility and the deleted
/// filter first, the list's own conditions, then one page in (sort column, id) order and the
/// total count — the same for every kind of record.
struct RecordList {
    private(set) var conditions: [String] = []
    private(set) var arguments: StatementArguments = []

    init(visibility: Visibility, deleted: DeletedFilter, ownerColumn: String = "owner_id") {
        self.init(visible: Self.condition(visibility, ownerColumn: ownerColumn), deleted: deleted)
    }

    /// A list whose visibility is the given condition (records seen through more than an owner).
    init(visible: (String, StatementArguments), deleted: DeletedFilter) {
        add(visible.0, visible.1)
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

    /// One page of `table` ordered by `orderColumn` then id, and the total count. A `numeric`
    /// order compares the cursor's value as a number (amounts, ranks), not as text.
    func fetch<Record: Sendable>(_ db: GRDB.Database, table: String, orderColumn: String, numeric: Bool = false, page: PageRequest,
                                 map: (Row) -> Record) throws -> Page<Record> {
        let filter = conditions.isEmpty ? "1" : conditions.joined(separator: " AND ")
        let total = page.countsTotal ? try Int.fetchOne(cached: db, sql: "SELECT count(*) FROM \(table) WHERE \(filter)", arguments: arguments) ?? 0 : 0
        let (keyset, keysetArguments, direction) = Self.keyset(page, orderColumn: orderColumn, numeric: numeric)
        let sql = "SELECT * FROM \(table) WHERE " + ([filter] + keyset).joined(separator: " AND ")
            + " ORDER BY \(orderColumn) \(direction), id \(direction) LIMIT ?"
        let rows = try Row.fetchAll(cached: db, sql: sql, arguments: arguments + keysetArguments + [page.limit + 1]).map(map)
        return Self.page(rows, page, total: total)
    }

    /// The same page for each of several parents (`groupColumn` in `groupIDs`), in two statements
    /// whatever the number of parents: the counts, then the rows ranked within each parent.
    func fetchGrouped<Record: Sendable>(_ db: GRDB.Database, table: String, groupColumn: String, groupIDs: [Int64],
                                        orderColumn: String, numeric: Bool = false, page: PageRequest,
                                        map: (Row) -> Record) throws -> [Int64: Page<Record>] {
        guard !groupIDs.isEmpty else { return [:] }
        let filter = (conditions + ["\(groupColumn) IN (SELECT value FROM json_each(?))"]).joined(separator: " AND ")
        let filterArguments = arguments + [IdentityRepository.jsonArray(groupIDs)]
        var totals: [Int64: Int] = [:]
        for row in !page.countsTotal ? [] : try Row.fetchAll(cached: db, sql: "SELECT \(groupColumn) AS g, count(*) AS n FROM \(table) WHERE \(filter) GROUP BY \(groupColumn)",
                                    arguments: filterArguments) {
            totals[row["g"]] = row["n"]
        }
        let (keyset, keysetArguments, direction) = Self.keyset(page, orderColumn: orderColumn, numeric: numeric)
        let sql = """
            SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY \(groupColumn) ORDER BY \(orderColumn) \(direction), id \(direction))
                AS sb_rank FROM \(table) WHERE \(([filter] + keyset).joined(separator: " AND ")))
            WHERE sb_rank <= ? ORDER BY \(groupColumn), sb_rank
            """
        var rowsByGroup: [Int64: [Record]] = [:]
        for row in try Row.fetchAll(cached: db, sql: sql, arguments: filterArguments + keysetArguments + [page.limit + 1]) {
            rowsByGroup[row[groupColumn], default: []].append(map(row))
        }
        var pages: [Int64: Page<Record>] = [:]
        for id in groupIDs { pages[id] = Self.page(rowsByGroup[id] ?? [], page, total: totals[id] ?? 0) }
        return pages
    }

    /// The keyset conditions of a page and the direction to read in: paging from the end reads
    /// the order backwards, and ``page(_:_:total:)`` turns the page around.
    private static func keyset(_ page: PageRequest, orderColumn: String, numeric: Bool) -> ([String], StatementArguments, String) {
        var keyset: [String] = []
        var keysetArguments: StatementArguments = []
        // A numeric order compares with the cursor's text cast by SQLite, exactly as it sorts.
        let placeholder = numeric ? "CAST(? AS REAL)" : "?"
        let forward = page.descending ? "<" : ">"
        let backward = page.descending ? ">" : "<"
        if let after = page.after {
            keyset.append("(\(orderColumn) \(forward) \(placeholder) OR (\(orderColumn) = \(placeholder) AND id \(forward) ?))")
            keysetArguments += [after.sortValue, after.sortValue, after.id]
        }
        if let before = page.before {
            keyset.append("(\(orderColumn) \(backward) \(placeholder) OR (\(orderColumn) = \(placeholder) AND id \(backward) ?))")
            keysetArguments += [before.sortValue, before.sortValue, before.id]
        }
        return (keyset, keysetArguments, page.descending != page.fromEnd ? "DESC" : "ASC")
    }

    private static func page<Record: Sendable>(_ rows: [Record], _ page: PageRequest, total: Int) -> Page<Record> {
        var items = Array(rows.prefix(page.limit))
        if page.fromEnd { items.reverse() }
        return Page(items: items, totalCount: total, hasMore: rows.count > page.limit)
    }
}
