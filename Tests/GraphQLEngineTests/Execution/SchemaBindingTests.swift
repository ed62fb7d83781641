import Testing
@testable import GraphQLEngine

/// Binding resolvers to a schema (gqlgen's rule: a missing resolver is a start-up failure, not a
/// runtime surprise): the gaps an ``ExecutableSchema`` reports, `strict` refusing them, and the
/// binding helpers — key paths, typed sources, map-shaped objects.
@Suite struct SchemaBindingTests {
    typealias H = ExecutionHarness

    static let sdl = """
    type Query { deal: Deal deals: [Deal] count: Int }
    type Deal { id: ID! title: String subtitle: String owner: Owner }
    type Owner { name: String }
    type Subscription { dealChanged: Deal }
    union Anything = Deal | Owner
    """

    struct Deal: Sendable {
        let id: Int
        let title: String
        let subtitle: String?
    }

    @Test func listsEveryFieldWithoutAResolver() throws {
        let exe = try ExecutableSchema<NoContext>(schema: Schema.build(sdl: Self.sdl)) { b in
            b.object("Query", as: RootValue.self) { t in t.field("deal") { _, _ in nil } }
            b.object("Deal", as: Deal.self) { t in t.field("title", \.title) }
        }
        #expect(Set(exe.unboundFields) == ["Query.deals", "Query.count", "Deal.id", "Deal.subtitle", "Deal.owner", "Owner.name",
                                           "Subscription.dealChanged"])
        #expect(exe.unknownBindings.isEmpty)
    }

    @Test func mapObjectsAndSubscriptionsCountAsBound() throws {
        let exe = try ExecutableSchema<NoContext>(schema: Schema.build(sdl: Self.sdl), strict: true) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("deal") { _, _ in nil }
                t.asyncField("deals") { _, _ in [Deal]() }
                t.batchField("count") { roots, _ in roots.map { _ in 0 } }
            }
            b.mapObject("Deal")
            b.mapObject("Owner")
            b.object("Subscription", as: RootValue.self) { t in
                t.subscription("dealChanged") { _ in AsyncThrowingStream { $0.finish() } }
            }
        }
        #expect(exe.unboundFields.isEmpty)
        #expect(exe.unknownBindings.isEmpty)
    }

    @Test func listsEveryBindingThatNamesNothing() throws {
        let exe = try ExecutableSchema<NoContext>(schema: Schema.build(sdl: Self.sdl)) { b in
            b.object("Nope", as: Int.self) { t in t.field("x") { _, _ in 1 } }
            b.object("Query", as: RootValue.self) { t in
                t.field("missing") { _, _ in nil }
                t.asyncField("missingAsync") { _, _ in nil }
                t.batchField("missingBatch") { roots, _ in roots.map { _ in nil } }
                t.subscription("missingStream") { _ in AsyncThrowingStream { $0.finish() } }
            }
            b.mapObject("NoMap")
            b.resolveType("Query") { _ in nil }
            b.resolveType("NoUnion") { _ in nil }
            b.resolveType("Anything") { _ in "Deal" }
        }
        #expect(exe.unknownBindings == ["Nope", "Query.missing", "Query.missingAsync", "Query.missingBatch", "Query.missingStream",
                                        "NoMap", "Query", "NoUnion"])
    }

    @Test func strictRefusesASchemaWithGaps() throws {
        let schema = try Schema.build(sdl: "type Query { a: String b: String } type Thing { c: Int }")
        do {
            _ = try ExecutableSchema<NoContext>(schema: schema, strict: true) { b in
                b.object("Query", as: RootValue.self) { t in
                    t.field("a") { _, _ in "a" }
                    t.field("z") { _, _ in "z" }
                }
                b.object("Ghost", as: Int.self) { _ in }
            }
            Issue.record("a strict schema with gaps was accepted")
        } catch {
            #expect(error.unboundFields == ["Query.b", "Thing.c"])
            #expect(error.unknownBindings == ["Query.z", "Ghost"])
            #expect(error.description == "Fields without a resolver: Query.b, Thing.c\nBindings for nothing in the schema: Query.z, Ghost")
        }
    }

    @Test func strictWithOnlyUnknownBindingsStillThrows() throws {
        let schema = try Schema.build(sdl: "type Query { a: String }")
        #expect(throws: BindingError.self) {
            try ExecutableSchema<NoContext>(schema: schema, strict: true) { b in
                b.object("Query", as: RootValue.self) { t in
                    t.field("a") { _, _ in "a" }
                    t.field("b") { _, _ in "b" }
                }
            }
        }
    }

    @Test func strictAcceptsACompleteBinding() throws {
        let schema = try Schema.build(sdl: "type Query { a: String }")
        let exe = try ExecutableSchema<NoContext>(schema: schema, strict: true) { b in
            b.object("Query", as: RootValue.self) { t in t.field("a") { _, _ in "a" } }
        }
        #expect(exe.schema === schema)
        #expect(exe.introspectionEnabled)
    }

    // MARK: - Binding helpers

    @Test func keyPathsReadPropertiesAndOptionalProperties() async throws {
        let deals = [Deal(id: 1, title: "First", subtitle: "one"), Deal(id: 2, title: "Second", subtitle: nil)]
        let exe = try H.schema(Self.sdl) { b in
            b.object("Query", as: RootValue.self) { t in t.field("deals") { _, _ in deals } }
            b.object("Deal", as: Deal.self) { t in
                t.field("id", \.id)
                t.field("title", \.title)
                t.field("subtitle", \.subtitle)
            }
        }
        let json = try await H.run(exe, "{ deals { id title subtitle } }")
        #expect(json == #"{"data":{"deals":[{"id":"1","title":"First","subtitle":"one"},{"id":"2","title":"Second","subtitle":null}]}}"#)
    }

    @Test func aSourceOfTheWrongSwiftTypeIsAnInternalError() async throws {
        let exe = try H.schema(Self.sdl, maskError: { error in GraphQLError("\(error)", extensions: [JSONMember("code", "INTERNAL_SERVER_ERROR")]) }) { b in
            b.object("Query", as: RootValue.self) { t in t.field("deal") { _, _ in "not a deal" } }
            b.object("Deal", as: Deal.self) { t in t.field("title", \.title) }
        }
        let json = try await H.run(exe, "{ deal { title } }")
        #expect(json == #"{"errors":[{"message":"expected a source of type Deal, got String","locations":[{"line":1,"column":10}],"path":["deal","title"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"deal":{"title":null}}}"#)
        let masked = try await H.run(H.schema(Self.sdl) { b in
            b.object("Query", as: RootValue.self) { t in t.field("deal") { _, _ in "not a deal" } }
            b.object("Deal", as: Deal.self) { t in t.field("title", \.title) }
        }, "{ deal { title } }")
        #expect(masked == #"{"errors":[{"message":"Unexpected error.","locations":[{"line":1,"column":10}],"path":["deal","title"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"deal":{"title":null}}}"#)
    }

    @Test func theContextReachesEveryKindOfResolver() async throws {
        struct Viewer: Sendable { let name: String }
        let exe = try H.schema("type Query { sync: String async: String batch: String }", context: Viewer.self) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("sync") { _, call in "sync for \(call.context.name)" }
                t.asyncField("async") { _, call in "async for \(call.context.name)" }
                t.batchField("batch") { roots, call in roots.map { _ in "batch for \(call.context.name)" } }
            }
        }
        let json = try await H.run(exe, "{ sync async batch }", context: Viewer(name: "ada"))
        #expect(json == #"{"data":{"sync":"sync for ada","async":"async for ada","batch":"batch for ada"}}"#)
    }
}
