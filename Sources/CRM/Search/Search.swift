import Foundation

/// What the user typed into the search box, read as words and as a phone number in any
/// notation (`8 (912) 000-11-22`, `+7 912 0001122`, `912000`).
public struct SearchText: Equatable, Sendable {
    /// The words, case-folded, each at least one letter or digit.
    public let words: [String]
    /// Digit prefixes a phone token may start with; empty when the text is not phone-like.
    public let phonePrefixes: [String]

    public init(_ text: String) {
        // The index writes ё as е (0006_search.sql); so does the query.
        words = text.lowercased().replacingOccurrences(of: "ё", with: "е").split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let digits = text.filter(\.isASCIIDigit)
        let phoneLike = digits.count >= 3 && text.allSatisfy { $0.isASCIIDigit || " +-()./".contains($0) }
        guard phoneLike else { phonePrefixes = []; return }
        var prefixes = [digits]
        if digits.hasPrefix("8") && digits.count > 1 { prefixes += ["7" + digits.dropFirst(), String(digits.dropFirst())] }
        if digits.hasPrefix("7") && digits.count > 1 { prefixes.append(String(digits.dropFirst())) }
        phonePrefixes = prefixes
    }

    /// Whether there is anything to look for.
    public var isEmpty: Bool { words.isEmpty && phonePrefixes.isEmpty }
}

/// A record found by search, best first: its kind and id, a relevance (higher is better), the
/// fields that matched, and an excerpt of the best match with the matches marked.
public struct SearchHit: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case client, contact, deal }

    public let kind: Kind
    public let id: Int64
    public let rank: Double
    public let matchedFields: [String]
    /// HTML-escaped text with the matches wrapped in `<mark>` and `</mark>`.
    public let highlight: String?

    public init(kind: Kind, id: Int64, rank: Double, matchedFields: [String], highlight: String?) {
        self.kind = kind
        self.id = id
        self.rank = rank
        self.matchedFields = matchedFields
        self.highlight = highlight
    }
}

/// The full-text index of clients, contacts and deals.
public protocol SearchStore: Sendable {
    /// The visible, live records matching `text`, best first, `limit` from `offset`, and how many match.
    func search(_ text: SearchText, kinds: [SearchHit.Kind], visibility: Visibility, offset: Int,
                limit: Int) async throws -> Page<SearchHit>
}
