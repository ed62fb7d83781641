import Testing
@testable import GraphQLEngine

/// Null propagation (spec §6.4.4 "Handling Field Errors"; graphql-js `nonnull-test`): a field
/// error or a null in a non-null position nulls the nearest nullable ancestor, with exactly one
/// error for the failed position — whether the resolver throws or returns null, is sync, async
/// or a batch. Also the non-null argument checks of CoerceArgumentValues.
@Suite struct NonNullTests {
    typealias H = ExecutionHarness

    /// How every leaf of `DataType` fails: by throwing an error named after the field, or by
    /// returning null.
    enum Mode: Sendable { case throwing, nulling }

    static let sdl = """
    type DataType {
      sync: String
      syncNonNull: String!
      async: String
      asyncNonNull: String!
      batch: String
      batchNonNull: String!
      syncNest: DataType
      syncNonNullNest: DataType!
      asyncNest: DataType
      asyncNonNullNest: DataType!
      batchNest: DataType
      batchNonNullNest: DataType!
    }
    schema { query: DataType }
    """

    static func executable() throws -> ExecutableSchema<NoContext> {
        try H.schema(sdl) { b in
            b.object("DataType", as: Mode.self) { t in
                for name in ["sync", "syncNonNull"] {
                    t.field(name) { mode, _ in
                        if mode == .throwing { throw ResolverError(name) }
                        return nil
                    }
                }
                for name in ["async", "asyncNonNull"] {
                    t.asyncField(name) { mode, _ in
                        await Task.yield()
                        if mode == .throwing { throw ResolverError(name) }
                        return nil
                    }
                }
                for name in ["batch", "batchNonNull"] {
                    t.batchField(name) { modes, _ in
                        modes.map { $0 == .throwing ? ResolverError(name) : nil }
                    }
                }
                for name in ["syncNest", "syncNonNullNest"] { t.field(name) { mode, _ in mode } }
                for name in ["asyncNest", "asyncNonNullNest"] { t.asyncField(name) { mode, _ in mode } }
                for name in ["batchNest", "batchNonNullNest"] { t.batchField(name) { modes, _ in modes } }
            }
        }
    }

    func run(_ query: String, _ mode: Mode) async throws -> String {
        try await H.runSorted(Self.executable(), query, rootValue: mode)
    }

    // MARK: - Nullable fields

    @Test(arguments: ["sync", "async", "batch"])
    func aFailingNullableFieldIsNullWithOneError(field: String) async throws {
        let thrown = try await run("query { \(field) }", .throwing)
        #expect(thrown == #"{"errors":[{"message":"\#(field)","locations":[{"line":1,"column":9}],"path":["\#(field)"]}],"data":{"\#(field)":null}}"#)
        let nulled = try await run("query { \(field) }", .nulling)
        #expect(nulled == #"{"data":{"\#(field)":null}}"#)
    }

    // MARK: - A non-null field nulls its parent object

    @Test(arguments: [("syncNest", "syncNonNull", 20), ("asyncNest", "asyncNonNull", 21), ("syncNest", "asyncNonNull", 20),
                      ("asyncNest", "syncNonNull", 21), ("batchNest", "batchNonNull", 21), ("syncNest", "batchNonNull", 20),
                      ("batchNest", "asyncNonNull", 21)])
    func aFailingNonNullFieldNullsItsParent(parent: String, field: String, column: Int) async throws {
        let query = "query { \(parent) { \(field) } }"
        let thrown = try await run(query, .throwing)
        #expect(thrown == #"{"errors":[{"message":"\#(field)","locations":[{"line":1,"column":\#(column)}],"path":["\#(parent)","\#(field)"]}],"data":{"\#(parent)":null}}"#)
        let nulled = try await run(query, .nulling)
        #expect(nulled == #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.\#(field).","locations":[{"line":1,"column":\#(column)}],"path":["\#(parent)","\#(field)"]}],"data":{"\#(parent)":null}}"#)
    }

    @Test func nullsAComplexTreeOfNullableFieldsOneErrorEach() async throws {
        let query = """
        query {
          syncNest {
            sync
            async
            syncNest { sync async }
            asyncNest { sync async }
          }
          asyncNest {
            sync
            async
            syncNest { sync async }
            asyncNest { sync async }
          }
        }
        """
        let data = #"{"syncNest":{"sync":null,"async":null,"syncNest":{"sync":null,"async":null},"asyncNest":{"sync":null,"async":null}},"asyncNest":{"sync":null,"async":null,"syncNest":{"sync":null,"async":null},"asyncNest":{"sync":null,"async":null}}}"#
        let thrown = try await run(query, .throwing)
        #expect(thrown == #"{"errors":[{"message":"sync","locations":[{"line":3,"column":5}],"path":["syncNest","sync"]},{"message":"async","locations":[{"line":4,"column":5}],"path":["syncNest","async"]},{"message":"sync","locations":[{"line":5,"column":16}],"path":["syncNest","syncNest","sync"]},{"message":"async","locations":[{"line":5,"column":21}],"path":["syncNest","syncNest","async"]},{"message":"sync","locations":[{"line":6,"column":17}],"path":["syncNest","asyncNest","sync"]},{"message":"async","locations":[{"line":6,"column":22}],"path":["syncNest","asyncNest","async"]},{"message":"sync","locations":[{"line":9,"column":5}],"path":["asyncNest","sync"]},{"message":"async","locations":[{"line":10,"column":5}],"path":["asyncNest","async"]},{"message":"sync","locations":[{"line":11,"column":16}],"path":["asyncNest","syncNest","sync"]},{"message":"async","locations":[{"line":11,"column":21}],"path":["asyncNest","syncNest","async"]},{"message":"sync","locations":[{"line":12,"column":17}],"path":["asyncNest","asyncNest","sync"]},{"message":"async","locations":[{"line":12,"column":22}],"path":["asyncNest","asyncNest","async"]}],"data":\#(data)}"#)
        let nulled = try await run(query, .nulling)
        #expect(nulled == #"{"data":\#(data)}"#)
    }

    @Test func nullsTheFirstNullableObjectAboveALongChainOfNonNullFields() async throws {
        let query = """
        query {
          syncNest { syncNonNullNest { asyncNonNullNest { syncNonNullNest { asyncNonNullNest { syncNonNull } } } } }
          asyncNest { syncNonNullNest { asyncNonNullNest { syncNonNullNest { asyncNonNullNest { syncNonNull } } } } }
          anotherNest: syncNest { syncNonNullNest { asyncNonNullNest { syncNonNullNest { asyncNonNullNest { asyncNonNull } } } } }
          anotherAsyncNest: asyncNest { syncNonNullNest { asyncNonNullNest { syncNonNullNest { asyncNonNullNest { asyncNonNull } } } } }
        }
        """
        let thrown = try await run(query, .throwing)
        #expect(thrown == #"{"errors":[{"message":"syncNonNull","locations":[{"line":2,"column":88}],"path":["syncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","syncNonNull"]},{"message":"syncNonNull","locations":[{"line":3,"column":89}],"path":["asyncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","syncNonNull"]},{"message":"asyncNonNull","locations":[{"line":4,"column":101}],"path":["anotherNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","asyncNonNull"]},{"message":"asyncNonNull","locations":[{"line":5,"column":107}],"path":["anotherAsyncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","asyncNonNull"]}],"data":{"syncNest":null,"asyncNest":null,"anotherNest":null,"anotherAsyncNest":null}}"#)
        let nulled = try await run(query, .nulling)
        #expect(nulled == #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":2,"column":88}],"path":["syncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","syncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":3,"column":89}],"path":["asyncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","syncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.asyncNonNull.","locations":[{"line":4,"column":101}],"path":["anotherNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","asyncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.asyncNonNull.","locations":[{"line":5,"column":107}],"path":["anotherAsyncNest","syncNonNullNest","asyncNonNullNest","syncNonNullNest","asyncNonNullNest","asyncNonNull"]}],"data":{"syncNest":null,"asyncNest":null,"anotherNest":null,"anotherAsyncNest":null}}"#)
    }

    @Test func siblingsOfTheNulledObjectAreKept() async throws {
        let json = try await run("query { a: syncNest { syncNest { sync } } b: syncNest { syncNonNull } c: batchNest { batchNest { batchNonNull } } }", .nulling)
        #expect(json == #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.syncNonNull.","locations":[{"line":1,"column":57}],"path":["b","syncNonNull"]},{"message":"Cannot return null for non-nullable field DataType.batchNonNull.","locations":[{"line":1,"column":98}],"path":["c","batchNest","batchNonNull"]}],"data":{"a":{"syncNest":{"sync":null}},"b":null,"c":{"batchNest":null}}}"#)
    }

    // MARK: - Up to the root

    @Test(arguments: ["syncNonNull", "asyncNonNull", "batchNonNull"])
    func aFailingNonNullRootFieldNullsData(field: String) async throws {
        let thrown = try await run("query { \(field) }", .throwing)
        #expect(thrown == #"{"errors":[{"message":"\#(field)","locations":[{"line":1,"column":9}],"path":["\#(field)"]}],"data":null}"#)
        let nulled = try await run("query { \(field) }", .nulling)
        #expect(nulled == #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.\#(field).","locations":[{"line":1,"column":9}],"path":["\#(field)"]}],"data":null}"#)
    }

    @Test func aChainOfNonNullFieldsFromTheRootNullsData() async throws {
        let json = try await run("query { asyncNonNullNest { syncNonNullNest { asyncNonNull } } }", .nulling)
        #expect(json == #"{"errors":[{"message":"Cannot return null for non-nullable field DataType.asyncNonNull.","locations":[{"line":1,"column":46}],"path":["asyncNonNullNest","syncNonNullNest","asyncNonNull"]}],"data":null}"#)
    }

    @Test func aNonNullObjectFieldThatReturnsNullIsOneError() async throws {
        let exe = try H.schema("type Query { nest: Nest } type Nest { inner: Inner! } type Inner { x: Int }") { b in
            b.object("Query", as: RootValue.self) { t in t.field("nest") { _, _ in 1 } }
            b.object("Nest", as: Int.self) { t in t.field("inner") { _, _ in nil } }
            b.object("Inner", as: Int.self) { t in t.field("x") { n, _ in n } }
        }
        let json = try await H.run(exe, "{ nest { inner { x } } }")
        #expect(json == #"{"errors":[{"message":"Cannot return null for non-nullable field Nest.inner.","locations":[{"line":1,"column":10}],"path":["nest","inner"]}],"data":{"nest":null}}"#)
    }

    // MARK: - Non-null arguments (CoerceArgumentValues)

    static func argumentSchema() throws -> ExecutableSchema<NoContext> {
        try H.schema("type Query { withNonNullArg(cannotBeNull: String!): String }") { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("withNonNullArg") { _, call in "Passed: \(call.arguments.string("cannotBeNull") ?? "?")" }
            }
        }
    }

    @Test func acceptsANonNullLiteralOrVariable() async throws {
        let exe = try Self.argumentSchema()
        #expect(try await H.run(exe, #"query { withNonNullArg (cannotBeNull: "literal value") }"#)
                == #"{"data":{"withNonNullArg":"Passed: literal value"}}"#)
        #expect(try await H.run(exe, "query ($testVar: String!) { withNonNullArg(cannotBeNull: $testVar) }",
                                variables: [JSONMember("testVar", "variable value")])
                == #"{"data":{"withNonNullArg":"Passed: variable value"}}"#)
    }

    @Test func aMissingVariableWithADefaultUsesTheDefault() async throws {
        let json = try await H.run(Self.argumentSchema(),
                                   #"query ($testVar: String = "default value") { withNonNullArg (cannotBeNull: $testVar) }"#)
        #expect(json == #"{"data":{"withNonNullArg":"Passed: default value"}}"#)
    }

    @Test func aMissingNonNullArgumentIsAFieldError() async throws {
        let json = try await H.run(Self.argumentSchema(), "query { withNonNullArg }", validate: false)
        #expect(json == #"{"errors":[{"message":"Argument \"cannotBeNull\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":9}],"path":["withNonNullArg"]}],"data":{"withNonNullArg":null}}"#)
    }

    @Test func aNullLiteralForANonNullArgumentIsAFieldError() async throws {
        let result = try await H.execute(Self.argumentSchema(), "query { withNonNullArg(cannotBeNull: null) }", validate: false)
        #expect(H.dataJSON(result) == #"{"withNonNullArg":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "cannotBeNull" of non-null type "String!" must not be null."#])
        #expect(result.errors.map(\.path) == [[.key("withNonNullArg")]])
        #expect(result.errors.first?.locations.map(\.column) == [38])
    }

    @Test func anUnprovidedVariableForANonNullArgumentIsAFieldError() async throws {
        let result = try await H.execute(Self.argumentSchema(), "query ($testVar: String) { withNonNullArg(cannotBeNull: $testVar) }",
                                         validate: false)
        #expect(H.dataJSON(result) == #"{"withNonNullArg":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "cannotBeNull" of required type "String!" was provided the variable "$testVar" which was not provided a runtime value."#])
        #expect(result.errors.map(\.path) == [[.key("withNonNullArg")]])
        #expect(result.errors.first?.locations.map(\.column) == [57])
    }

    @Test func anExplicitNullVariableForANonNullArgumentIsAFieldError() async throws {
        let result = try await H.execute(Self.argumentSchema(),
                                         #"query ($testVar: String = "default value") { withNonNullArg(cannotBeNull: $testVar) }"#,
                                         variables: [JSONMember("testVar", .null)])
        #expect(H.dataJSON(result) == #"{"withNonNullArg":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "cannotBeNull" of non-null type "String!" must not be null."#])
        #expect(result.errors.map(\.path) == [[.key("withNonNullArg")]])
        #expect(result.errors.first?.locations.map(\.column) == [75])
    }
}
