import CRM
import Foundation
import GRDB

/// ``SearchStore`` over the FTS5 table `search_index` (kept by triggers, see 0006_search.sql).
/// Words match as prefixes in any column; a phone-like text also matches phone tokens by prefix.
/// Ranked by BM25 with the name weighted highest.
public struct SearchRepository: SearchStore {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// The indexed columns, in table order, with the name `matchedFields` reports.
    static let columns = ["name", "phone", "email", "inn", "webDomain"]

    public func search(_ text: SearchText, kinds: [SearchHit.Kind], visibility: Visibility, offset: Int,
                       limit: Int) async throws -> Page<SearchHit> {
        guard !text.isEmpty, !kinds.isEmpty, visibility != .none else { return Page(items: [], totalCount: 0, hasMore: false) }
        let match = Self.matchExpression(text)
        var conditions = ["search_index MATCH ?", "kind IN (SELECT value FROM json_each(?))"]
        var arguments: StatementArguments = [match, ClientRepository.jsonStrings(kinds.map(\.rawValue))]
        if case .ownedBy(let ids) = visibility {
            conditions.append("owner_id IN (SELECT value FROM json_each(?))")
            arguments += [IdentityRepository.jsonArray(ids)]
        }
        let filter = conditions.joined(separator: " AND ")
        let filterArguments = arguments
        let highlights = Self.columns.indices.map { "highlight(search_index, \($0), char(1), char(2)) AS h\($0)" }.joined(separator: ", ")
        return try await database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM search_index WHERE \(filter)", arguments: filterArguments) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT rowid, kind, bm25(search_index, 10.0, 6.0, 6.0, 8.0, 6.0) AS score, \(highlights)
                FROM search_index WHERE \(filter) ORDER BY score, rowid LIMIT ? OFFSET ?
                """, arguments: filterArguments + [limit + 1, offset])
            let hits = rows.prefix(limit).map(Self.hit)
            return Page(items: Array(hits), totalCount: total, hasMore: rows.count > limit)
        }
    }

    /// The FTS5 query: every word (the last one, still being typed, as a prefix) — all must
    /// match —, or a phone prefix in the phone column.
    static func matchExpression(_ text: SearchText) -> String {
        func quoted(_ s: String, prefix: Bool) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "") }
        var alternatives: [String] = []
        if !text.words.isEmpty {
            let terms = text.words.enumerated().map { i, word in quoted(word, prefix: i == text.words.count - 1) }
            alternatives.append("(" + terms.joined(separator: " AND ") + ")")
        }
        if !text.phonePrefixes.isEmpty {
            alternatives.append("phone : (" + text.phonePrefixes.map { quoted($0, prefix: true) }.joined(separator: " OR ") + ")")
        }
        return alternatives.joined(separator: " OR ")
    }

    static func hit(_ row: Row) -> SearchHit {
        let rowid: Int64 = row["rowid"]
        let kind: SearchHit.Kind = switch rowid % 4 {
        case 1: .client
        case 2: .contact
        default: .deal
        }
        var matched: [String] = []
        var excerpt: String?
        for (i, name) in columns.enumerated() {
            guard let text: String = row["h\(i)"], text.contains("\u{1}") else { continue }
            matched.append(name)
            if excerpt == nil { excerpt = marked(text) }
        }
        let score: Double = row["score"]
        return SearchHit(kind: kind, id: rowid / 4, rank: -score, matchedFields: matched, highlight: excerpt)
    }

    /// HTML-escaped text with the FTS markers turned into `<mark>` tags.
    static func marked(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\u{1}": out += "<mark>"
            case "\u{2}": out += "</mark>"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }
}
