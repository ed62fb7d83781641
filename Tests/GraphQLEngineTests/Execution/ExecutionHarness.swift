import Synchronization
import Testing
@testable import GraphQLEngine

/// The context of executions whose resolvers need none.
struct NoContext: Sendable {}

/// Runs documents through the whole pipeline the server uses — parse, validate, execute, write
/// JSON — so execution tests assert on exactly the bytes a client would receive.
enum ExecutionHarness {
    /// Builds an executable schema from SDL, binding resolvers with `bind`.
    static func schema<Context: Sendable>(_ sdl: String, context: Context.Type, introspection: Bool = true,
                                          maskError: @escaping @Sendable (any Error) -> GraphQLError = ExecutableSchema<Context>.defaultMask,
                                          bind: (inout SchemaBindings<Context>) -> Void) throws -> ExecutableSchema<Context> {
        try ExecutableSchema<Context>(schema: Schema.build(sdl: sdl), introspection: introspection,
                                      maskError: maskError, bind: bind)
    }

    static func schema(_ sdl: String, introspection: Bool = true,
                       maskError: @escaping @Sendable (any Error) -> GraphQLError = ExecutableSchema<NoContext>.defaultMask,
                       bind: (inout SchemaBindings<NoContext>) -> Void) throws -> ExecutableSchema<NoContext> {
        try schema(sdl, context: NoContext.self, introspection: introspection, maskError: maskError, bind: bind)
    }

    /// Parses `query`, validates it (unless `validate` is false — for the runtime checks that
    /// validation would otherwise pre-empt, as graphql-js's execution tests do), and executes it.
    static func execute<Context: Sendable>(_ executable: ExecutableSchema<Context>, _ query: String,
                                           operationName: String? = nil, variables: [JSONMember] = [],
                                           context: Context, rootValue: any Sendable = RootValue(),
                                           validate: Bool = true,
                                           sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> ExecutionResult {
        let source = Source(query)
        let document = try Parser.parse(source)
        if validate {
            let errors = Validator.validate(document, schema: executable.schema, source: source)
            #expect(errors.isEmpty, "the document should be valid: \(errors.map(\.message))", sourceLocation: sourceLocation)
        }
        return await executable.execute(document, source: source, operationName: operationName, variables: variables,
                                        context: context, rootValue: rootValue)
    }

    /// Like ``execute(_:_:operationName:variables:context:rootValue:validate:sourceLocation:)``,
    /// returning the response as the JSON text written to the client.
    static func run<Context: Sendable>(_ executable: ExecutableSchema<Context>, _ query: String,
                                       operationName: String? = nil, variables: [JSONMember] = [],
                                       context: Context, rootValue: any Sendable = RootValue(),
                                       validate: Bool = true,
                                       sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await execute(executable, query, operationName: operationName, variables: variables,
                                       context: context, rootValue: rootValue, validate: validate,
                                       sourceLocation: sourceLocation)
        return String(decoding: result.jsonBytes(), as: UTF8.self)
    }

    static func run(_ executable: ExecutableSchema<NoContext>, _ query: String, operationName: String? = nil,
                    variables: [JSONMember] = [], rootValue: any Sendable = RootValue(), validate: Bool = true,
                    sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        try await run(executable, query, operationName: operationName, variables: variables, context: NoContext(),
                      rootValue: rootValue, validate: validate, sourceLocation: sourceLocation)
    }

    static func execute(_ executable: ExecutableSchema<NoContext>, _ query: String, operationName: String? = nil,
                        variables: [JSONMember] = [], rootValue: any Sendable = RootValue(), validate: Bool = true,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> ExecutionResult {
        try await execute(executable, query, operationName: operationName, variables: variables, context: NoContext(),
                          rootValue: rootValue, validate: validate, sourceLocation: sourceLocation)
    }

    /// Like ``run(_:_:operationName:variables:context:rootValue:validate:sourceLocation:)`` with the
    /// errors sorted in document order (by location, then path) — for results whose errors come
    /// from fields resolved concurrently, where the order of the errors list is not part of the
    /// contract.
    static func runSorted(_ executable: ExecutableSchema<NoContext>, _ query: String, operationName: String? = nil,
                          variables: [JSONMember] = [], rootValue: any Sendable = RootValue(), validate: Bool = true,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        var result = try await execute(executable, query, operationName: operationName, variables: variables,
                                       context: NoContext(), rootValue: rootValue, validate: validate,
                                       sourceLocation: sourceLocation)
        result.errors = sortedErrors(result.errors)
        return String(decoding: result.jsonBytes(), as: UTF8.self)
    }

    static func sortedErrors(_ errors: [GraphQLError]) -> [GraphQLError] {
        errors.sorted { a, b in
            let la = a.locations.first.map { ($0.line, $0.column) } ?? (0, 0)
            let lb = b.locations.first.map { ($0.line, $0.column) } ?? (0, 0)
            if la != lb { return la < lb }
            if a.path != b.path { return precedes(a.path, b.path) }
            return a.message < b.message
        }
    }

    /// Orders paths component by component, list indexes numerically.
    private static func precedes(_ a: [PathComponent], _ b: [PathComponent]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            switch (x, y) {
            case (.index(let i), .index(let j)): return i < j
            case (.key(let k), .key(let l)): return k < l
            case (.key, .index): return false
            case (.index, .key): return true
            }
        }
        return a.count < b.count
    }

    /// The errors of a result as `path: message` lines, sorted — for results whose errors come
    /// from concurrent work, where the order of the errors list is not part of the contract.
    static func errorSummary(_ result: ExecutionResult) -> [String] {
        result.errors.map { e in
            let path = e.path.map(\.description).joined(separator: ".")
            let locations = e.locations.map { "\($0.line):\($0.column)" }.joined(separator: ",")
            return "\(path) @\(locations) \(e.message)"
        }.sorted()
    }

    /// The `data` of a result as JSON text (`nil` when the response has no `data` key).
    static func dataJSON(_ result: ExecutionResult) -> String? {
        result.data.map { String(decoding: $0.jsonBytes(), as: UTF8.self) }
    }
}

/// Records events from concurrent resolvers in the order they happen.
final class EventLog: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ event: String) { storage.withLock { $0.append(event) } }

    var events: [String] { storage.withLock { $0 } }
}

/// Counts calls from concurrent resolvers, by name.
final class CallCounter: Sendable {
    private let storage = Mutex<[String: Int]>([:])

    func count(_ name: String, by amount: Int = 1) { storage.withLock { $0[name, default: 0] += amount } }

    subscript(name: String) -> Int { storage.withLock { $0[name, default: 0] } }

    var total: Int { storage.withLock { $0.values.reduce(0, +) } }
}
