import CRM
import Foundation
import GRDB

/// ``SearchStore`` over the FTS5 table `search_index` (kept by triggers, see 0006_search.sql;
/// prefix indexes, 0022_search_prefixes.sql).
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
    static let columns = [("name", "name"), ("phone", "phone"), ("email", "email"), ("inn", "inn"), ("domain", "webDomain")]
    static let columnNames = columns.map(\.0).joined(separator: ", ")

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
            // One pass over the matches in rowid order counts them — all when the total is asked
            // for, else just enough to know whether the query is too broad to rank — and keeps the
            // page's window of that order. (A second pass for the count would evaluate the match,
            // and merge a prefix's term lists, twice.)
            let rankedAtMost = self.rankedAtMost
            let enough = countsTotal ? Int.max : max(rankedAtMost + 1, offset + limit + 1)
            var counted = 0
            var inRowidOrder: [Int64] = []
            let matches = try Int64.fetchCursor(db.cachedStatement(sql: "SELECT rowid FROM search_index WHERE \(filter) ORDER BY rowid"),
                                                arguments: filterArguments)
            while counted < enough, let rowid = try matches.next() {
                if counted >= offset && counted <= offset + limit { inRowidOrder.append(rowid) }
                counted += 1
            }
            // Rank the matches by BM25 (the table's `rank`) — unless there are more than
            // `rankedAtMost` (BM25 would score every one and read each common term's document
            // frequency at length), or the text is a whole e-mail address (a few equal matches
            // whose common parts `ru`, `info` cost the same): then clients, contacts, deals in
            // rowid order. Only the page's indexed text is read, to mark the matches.
            let ranked = counted <= rankedAtMost && !Self.isAddressLookup(text)
            let rows: [(rowid: Int64, rank: Double)] = ranked
                ? try Row.fetchAll(cached: db, sql: "SELECT rowid, rank FROM search_index WHERE \(filter) ORDER BY rank, rowid LIMIT ? OFFSET ?",
                                   arguments: filterArguments + [limit + 1, offset]).map { ($0["rowid"], $0["rank"]) }
                : inRowidOrder.map { ($0, -1.0) }
            let page = Array(rows.prefix(limit))
            var texts: [Int64: Row] = [:]
            if !page.isEmpty {
                let ids = IdentityRepository.jsonArray(page.map(\.rowid))
                for row in try Row.fetchAll(cached: db, sql: "SELECT rowid, \(Self.columnNames) FROM search_index WHERE rowid IN (SELECT value FROM json_each(?))",
                                            arguments: [ids]) {
                    texts[row[0]] = row
                }
            }
            let highlight = Highlight(text)
            let hits = page.map { Self.hit(rowid: $0.rowid, rank: $0.rank, texts: texts[$0.rowid], highlight: highlight) }
            return Page(items: hits, totalCount: countsTotal ? counted : 0, hasMore: rows.count > limit)
        }
    }

    /// The FTS5 query: every word (the last one typed, maybe unfinished, as a prefix) — all must
    /// match —, or a phone prefix in the phone column, or the parts of an e-mail address in the
    /// e-mail column.
    static func matchExpression(_ text: SearchText) -> String {
        func quoted(_ s: String, prefix: Bool) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" + (prefix ? "*" : "") }
        // Every term must match; the longest (likely the rarest) goes first, which FTS5 reads
        // fastest. Only the last, unfinished term is a prefix: a prefix longer than the prefix
        // indexes (0022) merges the lists of every term it starts, which is what costs.
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

    /// A hit with the fields whose indexed text holds a match, and the first such text marked up.
    static func hit(rowid: Int64, rank: Double, texts: Row?, highlight: Highlight) -> SearchHit {
        let kind: SearchHit.Kind = switch rowid >> 40 {
        case 1: .client
        case 2: .contact
        default: .deal
        }
        var matched: [String] = []
        var excerpt: String?
        // The text row holds the rowid, then the columns in `columnNames` order.
        for (index, (column, field)) in columns.enumerated() {
            guard let value: String = texts?[index + 1], let html = highlight.mark(value, phone: column == "phone", email: column == "email") else { continue }
            matched.append(field)
            if excerpt == nil { excerpt = html }
        }
        return SearchHit(kind: kind, id: rowid & ((1 << 40) - 1), rank: -rank, matchedFields: matched, highlight: excerpt)
    }
}

/// Marking the matches of a search in indexed text, the way the index matched them: tokens are
/// runs of letters and digits compared without case (ё as е); the last word and phone prefixes
/// match the start of a token. Built once per search, used on every hit's columns.
struct Highlight {
    private let lastWord: String?
    private let wholeWords: Set<String>
    private let phonePrefixes: [String]
    private let lastEmailPart: String?
    private let wholeEmailParts: Set<String>

    init(_ text: SearchText) {
        lastWord = text.words.last
        wholeWords = Set(text.words.dropLast())
        phonePrefixes = text.phonePrefixes
        let parts = text.email.map { $0.split { !($0.isLetter || $0.isNumber) }.map(String.init) } ?? []
        lastEmailPart = parts.last
        wholeEmailParts = Set(parts.dropLast())
    }

    /// The HTML-escaped text with its matching tokens in `<mark>`, or nil when nothing matches.
    func mark(_ value: String, phone: Bool, email: Bool) -> String? {
        func matches(_ token: String) -> Bool {
            var folded = token.lowercased()
            if folded.contains("ё") { folded = String(folded.map { $0 == "ё" ? "е" : $0 }) }
            if let lastWord, folded.hasPrefix(lastWord) { return true }
            if wholeWords.contains(folded) { return true }
            if phone, phonePrefixes.contains(where: { folded.hasPrefix($0) }) { return true }
            if email, let lastEmailPart, wholeEmailParts.contains(folded) || folded.hasPrefix(lastEmailPart) { return true }
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
