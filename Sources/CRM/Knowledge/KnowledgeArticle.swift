import Foundation

/// An article of the knowledge base (Markdown text). Drafts are seen by editors only.
public struct KnowledgeArticle: Equatable, Sendable {
    public var id: Int64
    public var title: String
    public var body: String
    public var category: String?
    public var tags: [String]
    public var published: Bool
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: Int64?
    public var version: Int
    public var deletedAt: Date?

    public init(id: Int64 = 0, title: String, body: String, category: String? = nil, tags: [String] = [], published: Bool = false,
                createdAt: Date = .distantPast, updatedAt: Date = .distantPast, createdBy: Int64? = nil, version: Int = 1,
                deletedAt: Date? = nil) {
        self.id = id
        self.title = title
        self.body = body
        self.category = category
        self.tags = tags
        self.published = published
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.version = version
        self.deletedAt = deletedAt
    }
}

/// Filter, order and page of a list of articles (without a search).
public struct KnowledgeQuery: Equatable, Sendable {
    public enum Order: String, Sendable { case title, updatedAt }

    public var category: String?
    /// Articles with every one of these tags (any case).
    public var tags: [String]?
    public var published: Bool?
    public var deleted: DeletedFilter = .exclude
    public var order: Order = .title
    public var page = PageRequest()

    public init() {}
}

/// An article found by a search, its relevance (higher is better) and an excerpt with the
/// matches marked.
public struct KnowledgeHit: Sendable {
    public let article: KnowledgeArticle
    public let rank: Double
    /// HTML-escaped text with the matching words in `<mark>` and `</mark>`.
    public let snippet: String

    public init(article: KnowledgeArticle, rank: Double, snippet: String) {
        self.article = article
        self.rank = rank
        self.snippet = snippet
    }
}

/// What the knowledge base needs from storage; `drafts: false` keeps drafts out of every read.
public protocol KnowledgeStore: Sendable {
    /// Articles with these ids, deleted ones included.
    func articles(ids: [Int64], drafts: Bool) async throws -> [KnowledgeArticle]
    /// One page of the articles matching `query`.
    func articles(_ query: KnowledgeQuery, drafts: Bool) async throws -> Page<KnowledgeArticle>
    /// The articles matching `query` whose title, body or tags match `text`, best first (BM25,
    /// the title weighing most), `limit` from `offset`, and (when `countsTotal`) how many match.
    func search(_ text: KnowledgeSearchText, _ query: KnowledgeQuery, drafts: Bool, offset: Int, limit: Int,
                countsTotal: Bool) async throws -> Page<KnowledgeHit>
    func insertArticle(_ article: KnowledgeArticle, createdBy: Int64?, at: Date) async throws -> KnowledgeArticle
    func updateArticle(_ article: KnowledgeArticle, expectedVersion: Int?, edits: [FieldEdit], actor: Actor,
                       at: Date) async throws -> VersionedWrite<KnowledgeArticle>
}

/// A knowledge base search as stems (``WordStemmer``): every word must occur in some form — a word
/// with the same stem or, for stems of four letters or more, one whose stem starts with it (so
/// «подключить» finds «подключение», and a word being typed finds its completions). A few
/// function words («как», «для», "how", "the") are left out unless nothing else is typed.
public struct KnowledgeSearchText: Equatable, Sendable {
    public let stems: [String]

    public init(_ text: String) {
        let words = WordStemmer.words(text).map { $0.lowercased().replacingOccurrences(of: "ё", with: "е") }
        let meaningful = words.filter { !Self.stopWords.contains($0) }
        stems = Array((meaningful.isEmpty ? words : meaningful).map(WordStemmer.stem).uniqued().prefix(Self.maximumWords))
    }

    /// Words looked for at most; the rest of a longer query is ignored.
    static let maximumWords = 32

    public var isEmpty: Bool { stems.isEmpty }

    /// Whether the stem is matched as a prefix.
    public static func isPrefix(_ stem: String) -> Bool { stem.count >= 4 }

    /// Whether an indexed word (its stem) matches one of the search's.
    public func matches(_ stem: String) -> Bool {
        stems.contains { stem == $0 || (Self.isPrefix($0) && stem.hasPrefix($0)) }
    }

    static let stopWords: Set<String> = [
        "а", "без", "бы", "в", "во", "вы", "где", "да", "для", "до", "же", "за", "и", "из", "или", "как", "какой", "когда", "ли", "мне",
        "мы", "на", "над", "не", "нет", "ни", "но", "о", "об", "от", "по", "под", "при", "про", "с", "со", "так", "то", "у", "что",
        "чтобы", "это", "я",
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "in", "is", "it", "my", "of",
        "on", "or", "the", "to", "what", "with",
    ]

    /// An excerpt for a hit: about `words` words of the body around its first match, else the
    /// title or the tags that match, else the start of the body; the matching words in
    /// `<mark>` and `</mark>`, everything else HTML-escaped, runs of white space as one space.
    public func snippet(title: String, body: String, tags: [String], words: Int = 30) -> String {
        let bodyTokens = Self.tokens(body)
        if let first = bodyTokens.firstIndex(where: { $0.isWord && matches(WordStemmer.stem($0.text)) }) {
            // A few words of lead-in before the first match.
            var start = first, lead = 0
            while start > 0 && lead < words / 4 {
                start -= 1
                if bodyTokens[start].isWord { lead += 1 }
            }
            return excerpt(bodyTokens, from: start, words: words)
        }
        for text in [title, tags.joined(separator: ", ")] {
            let tokens = Self.tokens(text)
            if tokens.contains(where: { $0.isWord && matches(WordStemmer.stem($0.text)) }) { return excerpt(tokens, from: 0, words: .max) }
        }
        return excerpt(bodyTokens.isEmpty ? Self.tokens(title) : bodyTokens, from: 0, words: words)
    }

    /// The tokens from `start` up to `words` words, marked and escaped, with `…` where text was cut.
    private func excerpt(_ tokens: [(text: Substring, isWord: Bool)], from start: Int, words: Int) -> String {
        var out = "", count = 0, i = start
        while i < tokens.count && count < words {
            let token = tokens[i]
            if token.isWord {
                count += 1
                let escaped = HTMLText.escape(token.text)
                out += matches(WordStemmer.stem(token.text)) ? "<mark>" + escaped + "</mark>" : escaped
            } else {
                var space = false
                for c in token.text {
                    if !c.isWhitespace { out += HTMLText.escape(String(c)) } else if !space { out += " " }
                    space = c.isWhitespace
                }
            }
            i += 1
        }
        let cut = tokens[i...].contains { $0.isWord }
        return (start > 0 ? "…" : "") + out.trimmingCharacters(in: .whitespaces) + (cut ? "…" : "")
    }

    /// Words (runs of letters and digits) and the runs of other characters between them.
    static func tokens(_ text: String) -> [(text: Substring, isWord: Bool)] {
        var tokens: [(text: Substring, isWord: Bool)] = []
        var i = text.startIndex
        while i < text.endIndex {
            let word = WordStemmer.isWordCharacter(text[i])
            let end = text[i...].firstIndex { WordStemmer.isWordCharacter($0) != word } ?? text.endIndex
            tokens.append((text[i..<end], word))
            i = end
        }
        return tokens
    }
}
