import Testing
@testable import GraphQLEngine

/// Depth, alias, field and cost limits refuse an operation before it runs, with one error.
@Suite struct LimitsTests {
    static let sdl = """
    type Query { deals(first: Int, last: Int): DealConnection! deal(id: ID!): Deal tags: [String!]! }
    type DealConnection { edges: [DealEdge!]! totalCount: Int! }
    type DealEdge { node: Deal! }
    type Deal { id: ID! title: String related: [Deal!]! owner: User }
    type User { name: String manager: User }
    """

    final class Calls: @unchecked Sendable { var count = 0 }

    func run(_ query: String, limits: ExecutionLimits, variables: [JSONMember] = []) async throws -> (ExecutionResult, Int) {
        let calls = Calls()
        let exe = try ExecutableSchema<Calls>(schema: try Schema.build(sdl: Self.sdl), limits: limits) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("deal") { _, call in call.context.count += 1; return nil }
                t.field("deals") { _, call in call.context.count += 1; return nil }
                t.field("tags") { _, _ in ["a"] }
            }
        }
        let source = Source(query)
        let result = await exe.execute(try Parser.parse(source), source: source, variables: variables, context: calls)
        return (result, calls.count)
    }

    @Test func depthLimit() async throws {
        let limits = ExecutionLimits(maxDepth: 3, maxAliases: nil, maxFields: nil, maxCost: nil)
        let (ok, _) = try await run("{ deal(id: 1) { owner { name } } }", limits: limits)
        #expect(ok.errors.isEmpty)
        let (deep, calls) = try await run("{ deal(id: 1) { owner { manager { name } } } }", limits: limits)
        #expect(deep.data == nil && calls == 0)
        #expect(deep.errors.map(\.message) == ["The query is nested 4 levels deep; the maximum is 3."])
        #expect(deep.errors.first?.code == "MAX_DEPTH_EXCEEDED")
        // Fragments count where they are spread.
        let (viaFragment, _) = try await run("{ deal(id: 1) { ...F } } fragment F on Deal { owner { manager { name } } }", limits: limits)
        #expect(viaFragment.errors.first?.code == "MAX_DEPTH_EXCEEDED")
    }

    @Test func aliasAndFieldLimits() async throws {
        let aliases = (1...6).map { "d\($0): deal(id: \($0)) { id }" }.joined(separator: " ")
        let (tooMany, calls) = try await run("{ \(aliases) }", limits: ExecutionLimits(maxDepth: nil, maxAliases: 5, maxFields: nil, maxCost: nil))
        #expect(tooMany.errors.map(\.message) == ["The query uses 6 aliases; the maximum is 5."] && calls == 0)
        let (fields, _) = try await run("{ \(aliases) }", limits: ExecutionLimits(maxDepth: nil, maxAliases: nil, maxFields: 11, maxCost: nil))
        #expect(fields.errors.map(\.message) == ["The query selects 12 fields; the maximum is 11."])
    }

    @Test func costMultipliesByPageSizeOnce() async throws {
        // deals(first: 100): 1 + 100 × (edges 1 + node 1 + id 1 + title 1 + related 1 + 10 × id 1) + totalCount
        let query = "query($n: Int) { deals(first: $n) { totalCount edges { node { id title related { id } } } } }"
        let limits = ExecutionLimits(maxDepth: nil, maxAliases: nil, maxFields: nil, maxCost: 1_500)
        let (small, executed) = try await run(query, limits: limits, variables: [JSONMember("n", 10)])
        #expect(executed == 1 && !small.errors.contains { $0.code == "MAX_COST_EXCEEDED" })
        let (large, calls) = try await run(query, limits: limits, variables: [JSONMember("n", 100)])
        #expect(large.errors.map(\.message) == ["The query's estimated cost is 1601; the maximum is 1500."] && calls == 0)
        #expect(large.errors.first?.extensions.contains(JSONMember("actual", 1601)) == true)
    }

    @Test func introspectionIsNotCostedAndDefaultsAdmitIt() async throws {
        let (result, _) = try await run(IntrospectionQuery.full, limits: ExecutionLimits())
        #expect(result.errors.isEmpty)
    }
}
