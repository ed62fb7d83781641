import Synchronization
import Testing
@testable import GraphQLEngine

/// The executor's core contract (spec §6.1–6.4; graphql-js `executor-test`): operation selection,
/// arguments, fragments and field merging, aliases, `__typename`, errors from every kind of
/// resolver, response paths, and response field order.
@Suite struct ExecutorTests {
    typealias H = ExecutionHarness

    // MARK: - Arbitrary code, fragments, merging

    struct Deep: Sendable {
        let a: String
        let b: String
        let c: [String?]
        let deeper: [Deep?]
    }

    static func dataSchema() throws -> ExecutableSchema<NoContext> {
        let leaf = Deep(a: "Apple", b: "Banana", c: [], deeper: [])
        let deep = Deep(a: "Already Been Done", b: "Boring", c: ["Contrived", nil, "Confusing"], deeper: [leaf, nil, leaf])
        return try H.schema("""
        type Query { a: String b: String c: String d: String e: String f: String pic(size: Int): String deep: DeepData promise: Query }
        type DeepData { a: String b: String c: [String] deeper: [DeepData] }
        """) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("a") { _, _ in "Apple" }
                t.field("b") { _, _ in "Banana" }
                t.field("c") { _, _ in "Cookie" }
                t.field("d") { _, _ in "Donut" }
                t.field("e") { _, _ in "Egg" }
                t.asyncField("f") { _, _ in
                    await Task.yield()
                    return "Fish"
                }
                t.field("pic") { _, call in "Pic of size: \(call.arguments.int("size") ?? 50)" }
                t.field("deep") { _, _ in deep }
                t.asyncField("promise") { root, _ in root }
            }
            b.object("DeepData", as: Deep.self) { t in
                t.field("a", \.a)
                t.field("b", \.b)
                t.field("c", \.c)
                t.field("deeper", \.deeper)
            }
        }
    }

    @Test func executesArbitraryCodeThroughFragmentsAliasesAndNesting() async throws {
        let query = """
        query Example($size: Int) {
          a,
          b,
          x: c
          ...c
          f
          ...on Query {
            pic(size: $size)
            promise { a }
          }
          deep {
            a
            b
            c
            deeper { a b }
          }
        }

        fragment c on Query { d e }
        """
        let json = try await H.run(Self.dataSchema(), query, variables: [JSONMember("size", 100)])
        #expect(json == #"{"data":{"a":"Apple","b":"Banana","x":"Cookie","d":"Donut","e":"Egg","f":"Fish","pic":"Pic of size: 100","promise":{"a":"Apple"},"deep":{"a":"Already Been Done","b":"Boring","c":["Contrived",null,"Confusing"],"deeper":[{"a":"Apple","b":"Banana"},null,{"a":"Apple","b":"Banana"}]}}}"#)
    }

    @Test func mergesTheSubSelectionsOfParallelFragments() async throws {
        let exe = try H.schema("type Query { a: String b: String c: String deep: Query }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("a") { _, _ in "Apple" }
                t.field("b") { _, _ in "Banana" }
                t.field("c") { _, _ in "Cherry" }
                t.field("deep") { root, _ in root }
            }
        }
        let query = """
        { a, ...FragOne, ...FragTwo }
        fragment FragOne on Query { b deep { b, deeper: deep { b } } }
        fragment FragTwo on Query { c deep { c, deeper: deep { c } } }
        """
        let json = try await H.run(exe, query)
        #expect(json == #"{"data":{"a":"Apple","b":"Banana","deep":{"b":"Banana","deeper":{"b":"Banana","c":"Cherry"},"c":"Cherry"},"c":"Cherry"}}"#)
    }

    @Test func fieldsOfTheSameResponseKeyExecuteOnceWithTheFirstFieldsArguments() async throws {
        let calls = CallCounter()
        let exe = try H.schema("type Query { hello(name: String): String obj: Obj } type Obj { x: Int y: Int z: Int }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("hello") { _, call in
                    calls.count("hello")
                    return "hello \(call.arguments.string("name") ?? "nobody")"
                }
                t.field("obj") { _, _ in
                    calls.count("obj")
                    return 1
                }
            }
            b.object("Obj", as: Int.self) { t in
                t.field("x") { n, _ in n }
                t.field("y") { n, _ in n + 1 }
                t.field("z") { n, _ in n + 2 }
            }
        }
        let json = try await H.run(exe, #"{ hello(name: "a") obj { x } ... { hello(name: "a") obj { y x } } obj { z } }"#)
        #expect(json == #"{"data":{"hello":"hello a","obj":{"x":1,"y":2,"z":3}}}"#)
        #expect(calls["hello"] == 1)
        #expect(calls["obj"] == 1)
        // Conflicting arguments are a validation error; unvalidated, the first field's win.
        let conflicting = try await H.run(exe, #"{ hello(name: "first") hello(name: "second") }"#, validate: false)
        #expect(conflicting == #"{"data":{"hello":"hello first"}}"#)
    }

    @Test func aliasesNameTheSameFieldSeveralTimesWithDifferentArguments() async throws {
        let exe = try H.schema("type Query { greet(name: String = \"you\"): String }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("greet") { _, call in "hi \(call.arguments.string("name") ?? "?")" }
            }
        }
        let json = try await H.run(exe, #"{ first: greet(name: "Ada") second: greet(name: "Grace") greet plain: greet }"#)
        #expect(json == #"{"data":{"first":"hi Ada","second":"hi Grace","greet":"hi you","plain":"hi you"}}"#)
    }

    // MARK: - Resolver inputs

    final class InfoBox: Sendable {
        let info = Mutex<ResolveInfo?>(nil)
        let arguments = Mutex<Arguments?>(nil)
    }

    @Test func providesInfoAboutTheCurrentExecutionState() async throws {
        let box = InfoBox()
        let exe = try H.schema("type Query { test(arg: String): Thing } type Thing { x: Int }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("test") { _, call in
                    box.info.withLock { $0 = call.info }
                    box.arguments.withLock { $0 = call.arguments }
                    return 5
                }
            }
            b.object("Thing", as: Int.self) { t in t.field("x") { n, _ in n } }
        }
        let json = try await H.run(exe, "query Q($var: String) { result: test(arg: $var) { x } }",
                                   variables: [JSONMember("var", "abc")])
        #expect(json == #"{"data":{"result":{"x":5}}}"#)
        let info = try #require(box.info.withLock { $0 })
        #expect(info.fieldName == "test")
        #expect(info.responseKey == "result")
        #expect(info.parentType.name == "Query")
        #expect(info.returnType.description == "Thing")
        #expect(info.fieldNodes.count == 1)
        #expect(info.fieldNodes.first?.alias?.value == "result")
        #expect(info.operation.name?.value == "Q")
        #expect(info.variables == [JSONMember("var", "abc")])
        #expect(info.schema === exe.schema)
        #expect(box.arguments.withLock { $0?.values } == [JSONMember("arg", "abc")])
    }

    struct Root: Sendable { let number: Int }

    @Test func passesTheRootValueToRootResolvers() async throws {
        let exe = try H.schema("type Query { number: Int kind: String }") { b in
            b.object("Query", as: (any Sendable).self) { t in
                t.field("number") { root, _ in (root as? Root)?.number }
                t.field("kind") { root, _ in root is RootValue ? "default root" : "custom root" }
            }
        }
        #expect(try await H.run(exe, "{ number kind }", rootValue: Root(number: 27)) == #"{"data":{"number":27,"kind":"custom root"}}"#)
        #expect(try await H.run(exe, "{ number kind }") == #"{"data":{"number":null,"kind":"default root"}}"#)
    }

    @Test func threadsArgumentsAndLeavesOutArgumentsThatWereNotSet() async throws {
        let exe = try H.schema("""
        type Query {
          b(numArg: Int, stringArg: String): String
          field(a: Boolean, b: Boolean, c: Boolean, d: Int, e: Int): String
        }
        """) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("b") { _, call in JSONValue.object(call.arguments.values).jsonText }
                t.field("field") { _, call in JSONValue.object(call.arguments.values).jsonText }
            }
        }
        let json = try await H.run(exe, #"{ b(numArg: 123, stringArg: "foo") field(b: true, d: 1) }"#)
        #expect(json == #"{"data":{"b":"{\"numArg\":123,\"stringArg\":\"foo\"}","field":"{\"b\":true,\"d\":1}"}}"#)
    }

    @Test func argumentsHelpersReadTypedValues() {
        let args = Arguments([JSONMember("n", 3), JSONMember("s", "x"), JSONMember("flag", true), JSONMember("gone", .null)])
        #expect(args.int("n") == 3)
        #expect(args.string("s") == "x")
        #expect(args.bool("flag") == true)
        #expect(args.int("s") == nil)
        #expect(args.has("gone"))
        #expect(args["gone"] == .null)
        #expect(!args.has("missing"))
        #expect(args["missing"] == nil)
    }

    // MARK: - Errors from resolvers

    struct Plain: Error {}

    static func errorSchema(mask: @escaping @Sendable (any Error) -> GraphQLError = ExecutableSchema<NoContext>.defaultMask) throws -> ExecutableSchema<NoContext> {
        try H.schema("""
        type Query {
          sync: String syncError: String syncReturnError: String
          asyncOk: String asyncError: String asyncReturnError: String
          coded: String graphQLError: String plain: String
        }
        """, maskError: mask) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("sync") { _, _ in "sync" }
                t.field("syncError") { _, _ in throw ResolverError("Error getting syncError") }
                t.field("syncReturnError") { _, _ in ResolverError("Error getting syncReturnError") }
                t.asyncField("asyncOk") { _, _ in "async" }
                t.asyncField("asyncError") { _, _ in
                    await Task.yield()
                    throw ResolverError("Error getting asyncError")
                }
                t.asyncField("asyncReturnError") { _, _ in ResolverError("Error getting asyncReturnError") }
                t.field("coded") { _, _ in
                    throw ResolverError("Not yours", code: "FORBIDDEN", extensions: [JSONMember("owner", "someone")])
                }
                t.field("graphQLError") { _, _ in
                    throw GraphQLError("Custom", extensions: [JSONMember("code", "CUSTOM"), JSONMember("retry", true)])
                }
                t.field("plain") { _, _ in throw Plain() }
            }
        }
    }

    @Test func nullsTheFieldsOfThrowingAndErrorReturningResolvers() async throws {
        //           1         2         3         4         5         6
        //  123456789012345678901234567890123456789012345678901234567890123456789
        //  { sync syncError syncReturnError asyncOk asyncError asyncReturnError }
        let json = try await H.runSorted(Self.errorSchema(), "{ sync syncError syncReturnError asyncOk asyncError asyncReturnError }")
        #expect(json == #"{"errors":[{"message":"Error getting syncError","locations":[{"line":1,"column":8}],"path":["syncError"]},{"message":"Error getting syncReturnError","locations":[{"line":1,"column":18}],"path":["syncReturnError"]},{"message":"Error getting asyncError","locations":[{"line":1,"column":42}],"path":["asyncError"]},{"message":"Error getting asyncReturnError","locations":[{"line":1,"column":53}],"path":["asyncReturnError"]}],"data":{"sync":"sync","syncError":null,"syncReturnError":null,"asyncOk":"async","asyncError":null,"asyncReturnError":null}}"#)
    }

    @Test func resolverErrorsCarryTheirCodeAndExtensions() async throws {
        let json = try await H.run(Self.errorSchema(), "{ coded graphQLError }")
        #expect(json == #"{"errors":[{"message":"Not yours","locations":[{"line":1,"column":3}],"path":["coded"],"extensions":{"code":"FORBIDDEN","owner":"someone"}},{"message":"Custom","locations":[{"line":1,"column":9}],"path":["graphQLError"],"extensions":{"code":"CUSTOM","retry":true}}],"data":{"coded":null,"graphQLError":null}}"#)
    }

    @Test func unexpectedErrorsAreMaskedUnlessTheSchemaSaysOtherwise() async throws {
        let masked = try await H.run(Self.errorSchema(), "{ sync plain }")
        #expect(masked == #"{"errors":[{"message":"Unexpected error.","locations":[{"line":1,"column":8}],"path":["plain"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"sync":"sync","plain":null}}"#)
        let exe = try Self.errorSchema { error in GraphQLError("Revealed: \(type(of: error))") }
        let revealed = try await H.run(exe, "{ plain }")
        #expect(revealed == #"{"errors":[{"message":"Revealed: Plain","locations":[{"line":1,"column":3}],"path":["plain"]}],"data":{"plain":null}}"#)
    }

    @Test func includesTheFullPathOfAnErrorBelowNonNullFields() async throws {
        let exe = try H.schema("type Query { nullableA: A } type A { nullableA: A nonNullA: A! throws: String! }") { b in
            b.object("Query", as: RootValue.self) { t in t.field("nullableA") { _, _ in 1 } }
            b.object("A", as: Int.self) { t in
                t.field("nullableA") { n, _ in n + 1 }
                t.field("nonNullA") { n, _ in n + 1 }
                t.field("throws") { _, _ in throw ResolverError("Catch me if you can") }
            }
        }
        let query = """
        query {
          nullableA {
            aliasedA: nullableA {
              nonNullA {
                anotherA: nonNullA {
                  throws
                }
              }
            }
          }
        }
        """
        let json = try await H.run(exe, query)
        #expect(json == #"{"errors":[{"message":"Catch me if you can","locations":[{"line":6,"column":11}],"path":["nullableA","aliasedA","nonNullA","anotherA","throws"]}],"data":{"nullableA":{"aliasedA":null}}}"#)
    }

    @Test func anUnboundFieldOfALenientSchemaIsAFieldError() async throws {
        let exe = try H.schema("type Query { bound: String unbound: String }") { b in
            b.object("Query", as: RootValue.self) { t in t.field("bound") { _, _ in "ok" } }
        }
        #expect(exe.unboundFields == ["Query.unbound"])
        let json = try await H.run(exe, "{ bound unbound }")
        #expect(json == #"{"errors":[{"message":"Query.unbound is not implemented yet.","locations":[{"line":1,"column":9}],"path":["unbound"],"extensions":{"code":"NOT_IMPLEMENTED"}}],"data":{"bound":"ok","unbound":null}}"#)
    }

    @Test func aBoxedNilIsNullNotAnError() async throws {
        let exe = try H.schema("type Query { boxed: String direct: String }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("boxed") { _, _ in
                    let nothing: String? = nil
                    return nothing as any Sendable
                }
                t.field("direct") { _, _ in nil }
            }
        }
        #expect(try await H.run(exe, "{ boxed direct }") == #"{"data":{"boxed":null,"direct":null}}"#)
    }

    // MARK: - Default reads of map-shaped sources

    @Test func readsFieldsOfJSONAndDictionarySourcesByName() async throws {
        let exe = try H.schema("""
        type Query { json: Item dict: Item }
        type Item { name: String count: Int tags: [String] child: Item }
        """) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("json") { _, _ in
                    JSONValue.object([JSONMember("name", "from JSON"), JSONMember("count", 2), JSONMember("tags", ["a", "b"]),
                                      JSONMember("child", ["name": "nested", "count": .null])])
                }
                t.field("dict") { _, _ in
                    ["name": "from dictionary", "count": 3, "child": ["name": "inner"] as [String: any Sendable]] as [String: any Sendable]
                }
            }
            b.mapObject("Item")
        }
        #expect(exe.unboundFields.isEmpty)
        let json = try await H.run(exe, "{ json { name count tags child { name count tags } } dict { name count tags child { name } } }")
        #expect(json == #"{"data":{"json":{"name":"from JSON","count":2,"tags":["a","b"],"child":{"name":"nested","count":null,"tags":null}},"dict":{"name":"from dictionary","count":3,"tags":null,"child":{"name":"inner"}}}}"#)
    }

    // MARK: - GetOperation (§6.1)

    static func operationSchema() throws -> ExecutableSchema<NoContext> {
        try H.schema("""
        type Query { a: String b: String }
        type Mutation { c: String }
        type Subscription { d: String }
        """) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("a") { _, _ in "a" }
                t.field("b") { _, _ in "b" }
            }
            b.object("Mutation", as: RootValue.self) { t in t.field("c") { _, _ in "c" } }
            b.object("Subscription", as: RootValue.self) { t in
                t.subscription("d") { _ in AsyncThrowingStream { $0.finish() } }
            }
        }
    }

    @Test func usesTheOnlyOperationWhenNoNameIsGiven() async throws {
        let exe = try Self.operationSchema()
        #expect(try await H.run(exe, "{ a }") == #"{"data":{"a":"a"}}"#)
        #expect(try await H.run(exe, "query Example { a }") == #"{"data":{"a":"a"}}"#)
        #expect(try await H.run(exe, "fragment F on Query { b } query Example { a ...F }") == #"{"data":{"a":"a","b":"b"}}"#)
    }

    @Test func usesTheNamedOperation() async throws {
        let exe = try Self.operationSchema()
        let document = "query OtherExample { a } query Example { b } mutation Change { c }"
        #expect(try await H.run(exe, document, operationName: "Example") == #"{"data":{"b":"b"}}"#)
        #expect(try await H.run(exe, document, operationName: "OtherExample") == #"{"data":{"a":"a"}}"#)
        #expect(try await H.run(exe, document, operationName: "Change") == #"{"data":{"c":"c"}}"#)
        #expect(try await H.run(exe, "query Example { a }", operationName: "Example") == #"{"data":{"a":"a"}}"#)
    }

    @Test func requiresANameWhenTheDocumentHasSeveralOperations() async throws {
        let exe = try Self.operationSchema()
        let json = try await H.run(exe, "query Example { a } query OtherExample { b }")
        #expect(json == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}"#)
        let withAnonymous = try await H.run(exe, "{ a } query OtherExample { b }", validate: false)
        #expect(withAnonymous == #"{"errors":[{"message":"Must provide operation name if query contains multiple operations."}]}"#)
    }

    @Test func rejectsAnUnknownOperationName() async throws {
        let exe = try Self.operationSchema()
        let json = try await H.run(exe, "query Example { a } query OtherExample { b }", operationName: "UnknownExample")
        #expect(json == #"{"errors":[{"message":"Unknown operation named \"UnknownExample\"."}]}"#)
        let anonymous = try await H.run(exe, "{ a }", operationName: "Example")
        #expect(anonymous == #"{"errors":[{"message":"Unknown operation named \"Example\"."}]}"#)
        let empty = try await H.run(exe, "query Example { a }", operationName: "")
        #expect(empty == #"{"errors":[{"message":"Unknown operation named \"\"."}]}"#)
    }

    @Test func rejectsADocumentWithoutOperations() async throws {
        let json = try await H.run(Self.operationSchema(), "fragment Example on Query { a }", validate: false)
        #expect(json == #"{"errors":[{"message":"Must provide an operation."}]}"#)
    }

    @Test func aMutationOnASchemaWithoutMutationsIsAnError() async throws {
        let exe = try H.schema("type Query { a: String }") { b in
            b.object("Query", as: RootValue.self) { t in t.field("a") { _, _ in "a" } }
        }
        let result = try await H.execute(exe, "mutation { a }", validate: false)
        #expect(result.errors.map(\.message) == ["Schema is not configured to execute mutation operation."])
        #expect(result.errors.first?.locations.map(\.line) == [1])
        #expect(result.errors.first?.locations.map(\.column) == [1])
        #expect(result.data == nil || result.data?.isNull == true)
    }

    @Test func subscriptionsAreNotExecutedAsQueries() async throws {
        let json = try await H.run(Self.operationSchema(), "subscription { d }")
        #expect(json == #"{"errors":[{"message":"Subscription operations must be executed with subscribe()."}]}"#)
    }

    @Test func ignoresFieldsTheTypeDoesNotHave() async throws {
        let exe = try Self.operationSchema()
        #expect(try await H.run(exe, "{ a thisIsIllegalDoNotIncludeMe }", validate: false) == #"{"data":{"a":"a"}}"#)
        #expect(try await H.run(exe, "mutation { thisIsIllegalDoNotIncludeMe }", validate: false) == #"{"data":{}}"#)
    }

    @Test func ignoresNonExecutableDefinitions() async throws {
        let json = try await H.run(Self.operationSchema(), "{ a } type Query { bar: String }", validate: false)
        #expect(json == #"{"data":{"a":"a"}}"#)
    }

    // MARK: - __typename (§4.4)

    @Test func typenameAnswersOnEveryRootAndThroughAliases() async throws {
        let exe = try Self.operationSchema()
        #expect(try await H.run(exe, "{ __typename a t: __typename }") == #"{"data":{"__typename":"Query","a":"a","t":"Query"}}"#)
        #expect(try await H.run(exe, "mutation { __typename c }") == #"{"data":{"__typename":"Mutation","c":"c"}}"#)
        #expect(try await H.run(exe, "{ ... on Query { __typename } }") == #"{"data":{"__typename":"Query"}}"#)
    }

    // MARK: - Response order (§7.2.2: ordered as the selection set)

    @Test func keepsSelectionOrderWhateverTheOrderOfCompletion() async throws {
        let exe = try H.schema("type Query { a: String b: String c: String d: String e: String }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.asyncField("a") { _, _ in
                    try await Task.sleep(for: .milliseconds(30))
                    return "a"
                }
                t.field("b") { _, _ in "b" }
                t.asyncField("c") { _, _ in
                    try await Task.sleep(for: .milliseconds(10))
                    return "c"
                }
                t.field("d") { _, _ in "d" }
                t.asyncField("e") { _, _ in "e" }
            }
        }
        #expect(try await H.run(exe, "{ a, b, c, d, e }") == #"{"data":{"a":"a","b":"b","c":"c","d":"d","e":"e"}}"#)
        #expect(try await H.run(exe, "{ e d: a c b: e a: d }") == #"{"data":{"e":"e","d":"a","c":"c","b":"e","a":"d"}}"#)
        let fragments = try await H.run(exe, "{ e ...F b ... on Query { a e } } fragment F on Query { c a d }")
        #expect(fragments == #"{"data":{"e":"e","c":"c","a":"a","d":"d","b":"b"}}"#)
    }
}
