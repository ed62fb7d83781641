import Synchronization

/// The result of executing an operation: `data` (nil when the request failed before execution,
/// which means no `data` key at all), the errors, and optional `extensions`.
public struct ExecutionResult: Sendable {
    public var data: ResultValue? { didSet { encoded = nil } }
    public var errors: [GraphQLError] { didSet { encoded = nil } }
    public var extensions: [JSONMember] { didSet { encoded = nil } }
    /// The JSON written by ``encode()``, until the result changes.
    private var encoded: [UInt8]?

    public init(data: ResultValue?, errors: [GraphQLError] = [], extensions: [JSONMember] = []) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// A result for a request that failed before execution: errors and no `data`.
    public init(requestErrors: [GraphQLError]) {
        self.init(data: nil, errors: requestErrors)
    }

    /// The response as JSON bytes: `errors` first when present (as graphql-js writes it), then
    /// `data`, then `extensions`.
    public func jsonBytes() -> [UInt8] {
        if let encoded { return encoded }
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return out
    }

    /// Writes the JSON now and keeps it, for a result that many receivers serialise (a shared
    /// subscription result): ``jsonBytes()`` then returns it without writing again.
    public mutating func encode() {
        encoded = jsonBytes()
    }

    /// Appends the response's JSON to `out`.
    public func write(into out: inout [UInt8]) {
        if let encoded { return out.append(contentsOf: encoded) }
        out.append(UInt8(ascii: "{"))
        var needsComma = false
        if !errors.isEmpty {
            out.append(contentsOf: Array("\"errors\":".utf8))
            JSONText.write(.array(errors.map(\.jsonValue)), into: &out)
            needsComma = true
        }
        if let data {
            if needsComma { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array("\"data\":".utf8))
            data.write(into: &out)
            needsComma = true
        }
        if !extensions.isEmpty {
            if needsComma { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: Array("\"extensions\":".utf8))
            JSONText.write(.object(extensions), into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The response as a ``JSONValue`` (for tests).
    public var jsonValue: JSONValue {
        var members: [JSONMember] = []
        if !errors.isEmpty { members.append(JSONMember("errors", .array(errors.map(\.jsonValue)))) }
        if let data { members.append(JSONMember("data", data.jsonValue)) }
        if !extensions.isEmpty { members.append(JSONMember("extensions", .object(extensions))) }
        return .object(members)
    }
}

/// The response paths of the items of one column, kept as a chain of levels — one object per
/// column or group, not per item — and turned into a path only when an error needs one.
final class PathLevel: Sendable {
    let parent: PathLevel?
    /// For each item, its index among the parent level's items; nil when they match one to one.
    let parentIndexes: [Int]?
    /// The component every item adds (a field's response key)...
    let key: PathComponent?
    /// ...or each item's own component (its index in its list).
    let indexes: [Int]?

    init(parent: PathLevel?, parentIndexes: [Int]? = nil, key: PathComponent? = nil, indexes: [Int]? = nil) {
        self.parent = parent
        self.parentIndexes = parentIndexes
        self.key = key
        self.indexes = indexes
    }

    /// The level of the root value: an empty path.
    static let root = PathLevel(parent: nil)

    /// The path of item `i`, from the root.
    func components(_ i: Int) -> [PathComponent] {
        var result: [PathComponent] = []
        var level: PathLevel? = self
        var index = i
        while let current = level {
            if let key = current.key {
                result.append(key)
            } else if let indexes = current.indexes {
                result.append(.index(indexes[index]))
            }
            index = current.parentIndexes?[index] ?? index
            level = current.parent
        }
        return result.reversed()
    }
}

/// The path of one item of a level, materialised on demand.
struct LazyPath {
    let level: PathLevel
    let index: Int

    var components: [PathComponent] { level.components(index) }
}

/// Errors collected during one execution; resolvers may run concurrently.
final class ErrorCollector: Sendable {
    private let errors = Mutex<[GraphQLError]>([])

    func append(_ error: GraphQLError) {
        errors.withLock { $0.append(error) }
    }

    /// The errors in document order (then by path), whatever order concurrent fields finished in,
    /// so a response is the same every time.
    var all: [GraphQLError] {
        let collected = errors.withLock { $0 }
        if collected.count < 2 { return collected }
        return collected.enumerated().sorted { a, b in
            let pa = a.element.positions.first ?? Int.max, pb = b.element.positions.first ?? Int.max
            if pa != pb { return pa < pb }
            let order = comparePaths(a.element.path, b.element.path)
            return order != 0 ? order < 0 : a.offset < b.offset
        }.map(\.element)
    }

    private func comparePaths(_ a: [PathComponent], _ b: [PathComponent]) -> Int {
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (.index(let i), .index(let j)) where i != j: return i < j ? -1 : 1
            case (.key(let k), .key(let l)) where k != l: return k < l ? -1 : 1
            default: continue
            }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
