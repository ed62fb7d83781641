import Synchronization

/// Parsed and validated documents keyed by their query text, so a query sent again is neither
/// parsed nor validated again. Bounded: the least recently used entry is evicted when full.
/// Safe to share across tasks.
///
/// ```swift
/// let cache = DocumentCache(schema: schema, capacity: 1000)
/// let entry = cache.document(for: "{ deals(first: 10) { totalCount } }")
/// if entry.errors.isEmpty { /* execute entry.document */ }
/// ```
public final class DocumentCache: Sendable {
    /// A parsed document and the errors of parsing or validating it (empty when valid).
    public struct Entry: Sendable {
        public let source: Source
        /// Nil when the text does not parse.
        public let document: DocumentNode?
        public let errors: [GraphQLError]
    }

    public let schema: Schema
    public let capacity: Int
    private let parseOptions: ParseOptions
    private let rules: [ValidationRuleFactory]
    private let lru: Mutex<LRUCache<Entry>>

    public init(schema: Schema, capacity: Int = 1000, parseOptions: ParseOptions = .init(),
                rules: [ValidationRuleFactory] = specifiedRules) {
        self.schema = schema
        self.capacity = max(1, capacity)
        self.parseOptions = parseOptions
        self.rules = rules
        self.lru = Mutex(LRUCache(capacity: max(1, capacity)))
    }

    /// The cached entry for `text`, parsing and validating it first if it is not cached.
    public func document(for text: String) -> Entry {
        if let hit = lru.withLock({ $0.get(text) }) { return hit }
        let entry = compile(text)
        lru.withLock { $0.put(text, entry) }
        return entry
    }

    /// How many documents are cached.
    public var count: Int { lru.withLock { $0.count } }

    private func compile(_ text: String) -> Entry {
        let source = Source(text)
        do {
            let document = try Parser.parse(source, options: parseOptions)
            let errors = Validator.validate(document, schema: schema, source: source, rules: rules)
            return Entry(source: source, document: document, errors: errors)
        } catch {
            return Entry(source: source, document: nil, errors: [error])
        }
    }
}

/// A least-recently-used map from strings to values: a dictionary into a doubly linked list kept
/// in arrays. Not synchronised: wrap it in a `Mutex` to share it.
public struct LRUCache<Value> {
    private struct Node {
        var key: String
        var value: Value
        var prev: Int
        var next: Int
    }

    private let capacity: Int
    private var index: [String: Int] = [:]
    private var nodes: [Node] = []
    private var head = -1 // most recent
    private var tail = -1 // least recent

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    public var count: Int { index.count }

    /// The value for `key`, which becomes the most recently used.
    public mutating func get(_ key: String) -> Value? {
        guard let i = index[key] else { return nil }
        moveToFront(i)
        return nodes[i].value
    }

    /// Stores `value` for `key`, evicting the least recently used entry when full.
    public mutating func put(_ key: String, _ value: Value) {
        if let i = index[key] {
            nodes[i].value = value
            moveToFront(i)
            return
        }
        let i: Int
        if nodes.count < capacity {
            i = nodes.count
            nodes.append(Node(key: key, value: value, prev: -1, next: -1))
        } else {
            i = tail
            unlink(i)
            index[nodes[i].key] = nil
            nodes[i] = Node(key: key, value: value, prev: -1, next: -1)
        }
        index[key] = i
        pushFront(i)
    }

    private mutating func moveToFront(_ i: Int) {
        guard head != i else { return }
        unlink(i)
        pushFront(i)
    }

    private mutating func unlink(_ i: Int) {
        let (p, n) = (nodes[i].prev, nodes[i].next)
        if p >= 0 { nodes[p].next = n } else { head = n }
        if n >= 0 { nodes[n].prev = p } else { tail = p }
        nodes[i].prev = -1
        nodes[i].next = -1
    }

    private mutating func pushFront(_ i: Int) {
        nodes[i].next = head
        nodes[i].prev = -1
        if head >= 0 { nodes[head].prev = i }
        head = i
        if tail < 0 { tail = i }
    }
}
