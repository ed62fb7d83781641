import Foundation

/// What the user typed into the search box, read as words, as a phone number in any notation
/// (`8 (912) 000-11-22`, `+7 912 0001122`, `912000`), or as an e-mail address.
public struct SearchText: Equatable, Sendable {
    /// The words, case-folded (ё as е), each a run of letters or digits; the last one may be
    /// unfinished. Empty when the text reads as a phone number in several groups or an e-mail.
    public let words: [String]
    /// Digit prefixes a phone token may start with; empty when the text is not phone-like.
    public let phonePrefixes: [String]
    /// The text as the start of an e-mail address (lowercased), when it has an `@`.
    public let email: String?

    public init(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // The index writes ё as е (0006_search.sql); so does the query.
        let folded = trimmed.lowercased().replacingOccurrences(of: "ё", with: "е")
        var words = folded.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let digits = trimmed.filter(\.isASCIIDigit)
        let phoneLike = digits.count >= 3 && trimmed.allSatisfy { $0.isASCIIDigit || " +-()./".contains($0) }
        var prefixes: [String] = []
        if phoneLike {
            prefixes = [digits]
            if digits.hasPrefix("8") && digits.count > 1 { prefixes += ["7" + digits.dropFirst(), String(digits.dropFirst())] }
            if digits.hasPrefix("7") && digits.count > 1 { prefixes.append(String(digits.dropFirst())) }
            // Groups of a phone number are no words to look for anywhere else; one run of
            // digits may also be an INN.
            if words.count > 1 { words = [] }
        }
        let hasParts = folded.contains { $0.isLetter || $0.isNumber }
        email = trimmed.contains("@") && !trimmed.contains(" ") && hasParts ? folded : nil
        if email != nil { words = [] }
        self.words = words
        phonePrefixes = prefixes
    }

    /// Whether there is anything to look for.
    public var isEmpty: Bool { words.isEmpty && phonePrefixes.isEmpty && email == nil }
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
    /// The visible, live records matching `text`, best first, `limit` from `offset`, and (when
    /// `countsTotal`) how many match.
    func search(_ text: SearchText, kinds: [SearchHit.Kind], visibility: Visibility, offset: Int, limit: Int,
                countsTotal: Bool) async throws -> Page<SearchHit>
}
