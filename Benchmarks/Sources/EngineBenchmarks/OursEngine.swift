// Our engine's side of each case. This file imports only GraphQLEngine: both engines export
// `Source`, `GraphQLError` and `specifiedRules`, so each engine lives in its own file.
import GraphQLEngine

enum Ours {
    static let name = "GraphQLEngine (ours)"

    /// How many rules `Validator.validate` runs by default.
    static var specifiedRuleCount: Int { specifiedRules.count }

    /// Parses `text` from a `String` to a document on every call: the work a request costs.
    /// `sdl` lifts the token limit that guards requests (`ParseOptions.schema`), as the server
    /// does for its own schema.
    static func parse(_ text: String, sdl: Bool) throws -> Operation {
        let options: ParseOptions = sdl ? .schema : .init()
        let check = try Parser.parse(text, options: options)
        guard !check.definitions.isEmpty else { throw BenchError("ours: parsed no definitions") }
        return sync { try Parser.parse(text, options: options).definitions.count }
    }

    /// Validates an already parsed `query` against the schema built from `sdl`, with the
    /// specified rules; throws when the query is not valid.
    static func validate(sdl: String, query: String) throws -> Operation {
        let schema: Schema
        do { schema = try Schema.build(sdl: sdl) } catch { throw BenchError("ours: schema: \(error)") }
        let source = Source(query, name: "query")
        let document = try Parser.parse(source)
        let errors = Validator.validate(document, schema: schema, source: source)
        guard errors.isEmpty else {
            throw BenchError("ours: the query is invalid:\n" + errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        return sync { Validator.validate(document, schema: schema, source: source).count }
    }
}

// MARK: - Execution

/// The context of our executions: nothing is needed.
struct OursContext: Sendable {}

extension Ours {
    /// The executable schema of cases (a) and (c), built from `executionSDL`. Scalars are read
    /// through key paths (sync, the cheapest resolver); `Deal.client` and `Deal.tasks` are batch
    /// resolvers, called once per level with all 100 deals (one "load" each).
    static func executionSchema(_ data: BenchData) throws -> ExecutableSchema<OursContext> {
        let schema: Schema
        do { schema = try Schema.build(sdl: executionSDL) } catch { throw BenchError("ours: schema: \(error)") }
        do {
            return try ExecutableSchema<OursContext>(schema: schema, strict: true) { b in
                b.object("Query", as: RootValue.self) { t in
                    t.field("deals") { _, call in Array(data.deals.prefix(call.arguments.int("first") ?? 100)) }
                    t.field("items") { _, call in Array(data.items.prefix(call.arguments.int("first") ?? 1000)) }
                }
                b.object("Deal", as: DealRecord.self) { t in
                    t.field("id", \.id)
                    t.field("title", \.title)
                    t.field("amount", \.amount)
                    t.field("stage", \.stage)
                    t.batchField("client") { deals, _ in
                        deals.map { deal in deal.clientID.flatMap { data.clientsByID[$0] } }
                    }
                    t.batchField("tasks") { deals, call in
                        let first = call.arguments.int("first") ?? Int.max
                        return deals.map { deal in Array((data.tasksByDeal[deal.id] ?? []).prefix(first)) }
                    }
                }
                b.object("Client", as: ClientRecord.self) { t in
                    t.field("id", \.id)
                    t.field("name", \.name)
                    t.field("inn", \.inn)
                }
                b.object("Task", as: TaskRecord.self) { t in
                    t.field("id", \.id)
                    t.field("title", \.title)
                    t.field("dueAt", \.dueAt)
                    t.field("done", \.done)
                }
                b.object("Item", as: ItemRecord.self) { t in
                    t.field("id", \.id)
                    t.field("name", \.name)
                    t.field("price", \.price)
                    t.field("quantity", \.quantity)
                    t.field("active", \.active)
                }
            }
        } catch {
            throw BenchError("ours: binding: \(error)")
        }
    }

    /// The executable schema of case (b): `schema.graphql` without resolvers (introspection
    /// needs none).
    static func introspectionSchema(sdl: String) throws -> ExecutableSchema<OursContext> {
        let schema: Schema
        do { schema = try Schema.build(sdl: sdl) } catch { throw BenchError("ours: schema: \(error)") }
        do {
            return try ExecutableSchema<OursContext>(schema: schema) { _ in }
        } catch {
            throw BenchError("ours: binding: \(error)")
        }
    }

    /// The standard introspection query: graphql-js `getIntrospectionQuery` with every option.
    static var introspectionQuery: String { IntrospectionQuery.full }

    /// Builds the schema of `input` and prepares its execution (see `execute(_:query:)`).
    static func prepareExecution(_ input: ExecutionInput) async throws -> (response: [UInt8], op: Operation) {
        switch input {
        case .deals: try await execute(executionSchema(.shared), query: dealsQuery)
        case .items: try await execute(executionSchema(.shared), query: itemsQuery)
        case .introspection(let sdl, let query): try await execute(introspectionSchema(sdl: sdl), query: query)
        }
    }

    /// Parses and validates `query` once, then returns the response JSON of one execution (for
    /// the check) and the timed operation: execute, then write the whole response as JSON bytes.
    static func execute(_ executable: ExecutableSchema<OursContext>, query: String) async throws
        -> (response: [UInt8], op: Operation) {
        let source = Source(query, name: "query")
        let document: DocumentNode
        do { document = try Parser.parse(source) } catch { throw BenchError("ours: parse failed: \(error)") }
        let errors = Validator.validate(document, schema: executable.schema, source: source)
        guard errors.isEmpty else {
            throw BenchError("ours: the query is invalid:\n" + errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        let context = OursContext()
        let response = await executable.execute(document, source: source, context: context).jsonBytes()
        return (response, {
            let result = await executable.execute(document, source: source, context: context)
            return result.jsonBytes().count &+ result.errors.count
        })
    }
}
