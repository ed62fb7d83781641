import Testing
@testable import GraphQLEngine

/// A first end-to-end pass through the executor: fields, arguments, lists, abstract types,
/// null propagation and batching.
@Suite struct ExecutorSmokeTests {
    struct Deal: Sendable { let id: Int; let title: String; let clientID: Int? }
    struct Client: Sendable { let id: Int; let name: String }

    static let sdl = """
    type Query { deals(first: Int = 2): [Deal!]! deal(id: ID!): Deal node(id: ID!): Node broken: Deal! }
    interface Node { id: ID! }
    type Deal implements Node { id: ID! title: String client: Client mustFail: String! }
    type Client implements Node { id: ID! name: String }
    """

    final class Counter: @unchecked Sendable { var clientLoads = 0 }

    static func executable(_ counter: Counter) throws -> ExecutableSchema<Counter> {
        let schema = try Schema.build(sdl: sdl)
        let deals = (1...5).map { Deal(id: $0, title: "Deal \($0)", clientID: $0 % 2 == 0 ? nil : $0 * 10) }
        return try ExecutableSchema<Counter>(schema: schema, strict: true) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("deals") { _, call in Array(deals.prefix(call.arguments.int("first") ?? 0)) }
                t.field("deal") { _, call in deals.first { String($0.id) == call.arguments.string("id") } }
                t.field("node") { _, call in call.arguments.string("id") == "c" ? Client(id: 1, name: "C") as any Sendable : deals[0] }
                t.field("broken") { _, _ in nil }
            }
            b.object("Deal", as: Deal.self) { t in
                t.field("id") { d, _ in String(d.id) }
                t.field("title", \.title)
                t.batchField("client") { deals, call in
                    call.context.clientLoads += 1
                    return deals.map { d in d.clientID.map { Client(id: $0, name: "Client \($0)") } }
                }
                t.field("mustFail") { _, _ in throw ResolverError("nope", code: "FORBIDDEN") }
            }
            b.object("Client", as: Client.self) { t in
                t.field("id") { c, _ in String(c.id) }
                t.field("name", \.name)
            }
        }
    }

    func run(_ query: String, variables: [JSONMember] = [], counter: Counter = Counter()) async throws -> String {
        let source = Source(query)
        let document = try Parser.parse(source)
        let exe = try Self.executable(counter)
        let errors = Validator.validate(document, schema: exe.schema, source: source)
        #expect(errors.isEmpty, "\(errors)")
        let result = await exe.execute(document, source: source, variables: variables, context: counter)
        return String(decoding: result.jsonBytes(), as: UTF8.self)
    }

    @Test func resolvesNestedListsWithOneBatchPerLevel() async throws {
        let counter = Counter()
        let json = try await run("{ deals(first: 4) { id title client { name } } }", counter: counter)
        #expect(json == #"{"data":{"deals":[{"id":"1","title":"Deal 1","client":{"name":"Client 10"}},{"id":"2","title":"Deal 2","client":null},{"id":"3","title":"Deal 3","client":{"name":"Client 30"}},{"id":"4","title":"Deal 4","client":null}]}}"#)
        #expect(counter.clientLoads == 1)
    }

    @Test func aliasesTypenameAndAbstractTypes() async throws {
        let json = try await run(#"{ a: node(id: "c") { __typename id ... on Client { name } } b: node(id: "d") { __typename ... on Deal { title } } }"#)
        #expect(json == #"{"data":{"a":{"__typename":"Client","id":"1","name":"C"},"b":{"__typename":"Deal","title":"Deal 1"}}}"#)
    }

    @Test func nullPropagationAndErrorPaths() async throws {
        let json = try await run("{ deals(first: 1) { id mustFail } deal(id: 2) { title } }")
        #expect(json == #"{"errors":[{"message":"nope","locations":[{"line":1,"column":24}],"path":["deals",0,"mustFail"],"extensions":{"code":"FORBIDDEN"}}],"data":null}"#)
        let nullable = try await run("{ deal(id: 2) { title mustFail } }")
        #expect(nullable == #"{"errors":[{"message":"nope","locations":[{"line":1,"column":23}],"path":["deal","mustFail"],"extensions":{"code":"FORBIDDEN"}}],"data":{"deal":null}}"#)
        let nonNullRoot = try await run("{ broken { id } }")
        #expect(nonNullRoot == #"{"errors":[{"message":"Cannot return null for non-nullable field Query.broken.","locations":[{"line":1,"column":3}],"path":["broken"]}],"data":null}"#)
    }

    @Test func variablesAndIntrospection() async throws {
        let json = try await run("query($n: Int) { deals(first: $n) { id } }", variables: [JSONMember("n", 1)])
        #expect(json == #"{"data":{"deals":[{"id":"1"}]}}"#)
        let bad = try await run("query($n: Int) { deals(first: $n) { id } }", variables: [JSONMember("n", "x")])
        #expect(bad == #"{"errors":[{"message":"Variable \"$n\" got invalid value \"x\"; Int cannot represent non-integer value: \"x\"","locations":[{"line":1,"column":7}]}]}"#)
        let intro = try await run(#"{ __type(name: "Deal") { name kind fields { name type { kind ofType { name } } } } }"#)
        #expect(intro.hasPrefix(#"{"data":{"__type":{"name":"Deal","kind":"OBJECT","fields":[{"name":"id","type":{"kind":"NON_NULL","ofType":{"name":"ID"}}}"#))
    }
}
