import CRM
import Foundation
import GRDB

/// ``SearchStore`` over the FTS5 table `search_index` (kept by triggers, see 0006_search.sql).
/// Words match in any column but the owner's; a phone-like text also matches phone tokens by
/// prefix; visibility is an owner token in the match.
/// Ranked by BM25 with the name weighted highest (the table's `rank`, set in 0006_search.sql).
public struct SearchRepository: SearchStore {
    let database: Database
    /// The most matches ranked by BM25; broader queries list clients, contacts, deals.
    let rankedAtMost: Int

    public init(database: Database, rankedAtMost: Int = 200) {
        self.database = database
        self.rankedAtMost = rankedAtMost
    }

    /// The indexed columns, in table order, with the name `matchedFields` reports.
    static let columns = ["name", "phone", "email", "inn", "webDomain"]

    public func search(_ text: SearchText, kinds: [SearchHit.Kind], visibility: Visibility, offset: Int, limit: Int,
                       countsTotal: Bool) async throws -> Page<SearchHit> {
        guard !text.isEmpty, !kinds.isEmpty, visibility != .none else { return Page(items: [], totalCount: 0, hasMore: false) }
        var match = Self.matchExpression(text)
        guard !match.isEmpty else { return Page(items: [], totalCount: 0, hasMore: false) }
        // Visibility is part of the match: the owner's token, read from the index, never from rows.
        if case .ownedBy(let ids) = visibility {
            guard !ids.isEmpty else { return Page(items: [], totalCount: 0, hasMore: false) }
            match = "(\(match)) AND (" + ids.map { "owner : \"u\($0)\"" }.joined(separator: " OR ") + ")"
        }
        var conditions = ["search_index MATCH ?"]
        var arguments: StatementArguments = [match]
        // Kinds by rowid range (the kind is its high bits): reading the `kind` column would load
        // every match's row.
        let kindRanges = Set(kinds).count < SearchHit.Kind.allCases.count ? kinds.map { kind -> Int64 in
            switch kind {
            case .client: 1
            case .contact: 2
            case .deal: 3
            }
        } : []
        if !kindRanges.isEmpty {
            conditions.append("(" + kindRanges.map { _ in "rowid BETWEEN ? AND ?" }.joined(separator: " OR ") + ")")
            for k in kindRanges { arguments += [k << 40, (k << 40) + (1 << 40) - 1] }
        }
        let filter = conditions.joined(separator: " AND ")
        let filterArguments = arguments
        return try await database.read { db in
            // How many match: all of them when the total is asked for, else just enough to know
            // whether the query is too broad to rank.
            let rankedAtMost = self.rankedAtMost
            let counted = try Int.fetchOne(cached: db, sql: countsTotal ? "SELECT count(*) FROM search_index WHERE \(filter)"
                                                                : "SELECT count(*) FROM (SELECT 1 FROM search_index WHERE \(filter) LIMIT ?)",
                                           arguments: countsTotal ? filterArguments : filterArguments + [rankedAtMost + 1]) ?? 0
            // Rank the matches by BM25 (the table's `rank`) — unless there are more than
            // `rankedAtMost` (BM25 would score every one and read each common term's document
            // frequency at length), or the text is a whole e-mail address (a few equal matches
            // whose common parts `ru`, `info` cost the same): then clients, contacts, deals in
            // rowid order. Only the page's indexed text is read, to mark the matches.
            let ranked = counted <= rankedAtMost && !Self.isAddressLookup(text)
            let order = ranked ? "rank FROM search_index WHERE \(filter) ORDER BY rank, rowid"
                               : "-1.0 AS rank FROM search_index WHERE \(filter) ORDER BY rowid"
            let rows = try Row.fetchAll(cached: db, sql: "SELECT rowid, \(order) LIMIT ? OFFSET ?", arguments: filterArguments + [limit + 1, offset])
            let page = Array(rows.prefix(limit))
            var texts: [Int64: Row] = [:]
            if !page.isEmpty {
                let ids = IdentityRepository.jsonArray(page.map { $0["rowid"] as Int64 })
                for row in try Row.fetchAll(cached: db, sql: "SELECT rowid, \(Self.columnNames) FROM search_index WHERE rowid IN (SELECT value FROM json_each(?))",
                                            arguments: [ids]) {
                    texts[row["rowid"]] = row
                }
            }
            let hits = page.map { row in
                let rowid: Int64 = row["rowid"]
                return Self.hit(rowid: rowid, rank: row["rank"], texts: texts[rowid], text: text)
            }
            return Page(items: hits, totalCount: countsTotal ? counted : 0, hasMore: rows.count > limit)
        }
    }

    /// The FTS5 query: every word (the last one typed, maybe unfinished, as a prefix) — all must
    /// match —, or a phone prefix in the phone column, or the parts of an e-mail address in the
    /// e-mail column.
    static func matchExpression(_ text: SearchText) -> String {
        func quoted(_ s: String, prefix: Bool) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "") }
        // Every term must match; the longest (likely the rarest) goes first, which FTS5 reads
        // fastest. Only the last, unfinished term is a prefix: a prefix merges the lists of every
        // term it starts, which is what costs.
        // A column filter goes on each term: on a parenthesised group FTS5 reads far slower.
        // Words never match the owner column.
        func all(_ words: [String], lastIsPrefix: Bool = true, column: String = "{name phone email inn domain}") -> String {
            let filter = "\(column) : "
            return "(" + words.enumerated().map { i, word in (word, lastIsPrefix && i == words.count - 1) }
                .sorted { $0.0.count > $1.0.count }.map { filter + quoted($0.0, prefix: $0.1) }.joined(separator: " AND ") + ")"
        }
        var alternatives: [String] = []
        if !text.words.isEmpty { alternatives.append(all(text.words)) }
        if !text.phonePrefixes.isEmpty {
            alternatives.append("(" + text.phonePrefixes.map { "phone : " + quoted($0, prefix: true) }.joined(separator: " OR ") + ")")
        }
        if let email = text.email {
            let parts = email.split { !($0.isLetter || $0.isNumber) }.map(String.init)
            if !parts.isEmpty { alternatives.append(all(parts, lastIsPrefix: !isAddressLookup(text), column: "email")) }
        }
        return alternatives.joined(separator: " OR ")
    }

    /// Whether the text is a whole e-mail address (a dot and a top-level domain after the `@`),
    /// looked up as typed.
    static func isAddressLookup(_ text: SearchText) -> Bool {
        guard let email = text.email, text.words.isEmpty, text.phonePrefixes.isEmpty,
              let domain = email.split(separator: "@").last else { return false }
        return domain.contains(".") && (domain.split(separator: ".").last?.count ?? 0) >= 2
    }

    static let columnNames = "name, phone, email, inn, domain"

    /// A hit with the fields whose indexed text holds a match, and the first such text marked up.
    static func hit(rowid: Int64, rank: Double, texts: Row?, text: SearchText) -> SearchHit {
        let kind: SearchHit.Kind = switch rowid >> 40 {
        case 1: .client
        case 2: .contact
        default: .deal
        }
        var matched: [String] = []
        var excerpt: String?
        for (column, field) in zip(["name", "phone", "email", "inn", "domain"], columns) {
            guard let value: String = texts?[column], let html = Highlight.mark(value, text, phone: column == "phone", email: column == "email") else { continue }
            matched.append(field)
            if excerpt == nil { excerpt = html }
        }
        return SearchHit(kind: kind, id: rowid & ((1 << 40) - 1), rank: -rank, matchedFields: matched, highlight: excerpt)
    }
}

/// Marking the matches of a search in indexed text, the way the index matched them: tokens are
/// runs of letters and digits compared without case (ё as е); the last word and phone prefixes
/// match the start of a token.
enum Highlight {
    /// The HTML-escaped text with its matching tokens in `<mark>`, or nil when nothing matches.
    static func mark(_ value: String, _ text: SearchText, phone: Bool, email: Bool) -> String? {
        func matches(_ token: String) -> Bool {
            let t = token.lowercased().replacingOccurrences(of: "ё", with: "е")
            if let last = text.words.last, t.hasPrefix(last) { return true }
            if text.words.dropLast().contains(t) { return true }
            if phone, text.phonePrefixes.contains(where: { t.hasPrefix($0) }) { return true }
            if email, let address = text.email {
                let parts = address.split { !($0.isLetter || $0.isNumber) }.map(String.init)
                if let last = parts.last, parts.dropLast().contains(t) || t.hasPrefix(last) { return true }
            }
            return false
        }
        var out = ""
        var token = ""
        var any = false
        func flush() {
            guard !token.isEmpty else { return }
            if matches(token) { out += "<mark>" + HTMLText.escape(token) + "</mark>"; any = true } else { out += HTMLText.escape(token) }
            token = ""
        }
        for c in value {
            if c.isLetter || c.isNumber { token.append(c) } else { flush(); out += HTMLText.escape(String(c)) }
        }
        flush()
        return any ? out : nil
    }
}
