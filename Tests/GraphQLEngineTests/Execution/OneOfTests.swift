import Testing
@testable import GraphQLEngine

/// `@oneOf` input objects (spec §3.10.1 OneOf Input Objects; graphql-js `oneof-test`): exactly one
/// field, and that field non-null — as a literal, as a variable, and through a variable's default.
@Suite struct OneOfTests {
    typealias H = ExecutionHarness

    static let sdl = """
    type Query { test(input: TestInputObject!): TestObject }
    input TestInputObject @oneOf { a: String b: Int c: [Int] d: Plain }
    input Plain { x: Int = 1 }
    type TestObject { a: String b: Int c: [Int] d: Int }
    """

    static func executable() throws -> ExecutableSchema<NoContext> {
        try H.schema(sdl) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("test") { _, call in call.arguments["input"] }
            }
            b.object("TestObject", as: JSONValue.self) { t in
                t.field("a") { v, _ in v["a"] }
                t.field("b") { v, _ in v["b"] }
                t.field("c") { v, _ in v["c"] }
                t.field("d") { v, _ in v["d"]?["x"] }
            }
        }
    }

    func run(_ query: String, _ variables: [JSONMember] = [], validate: Bool = true) async throws -> String {
        try await H.run(Self.executable(), query, variables: variables, validate: validate)
    }

    static let variableQuery = "query ($input: TestInputObject!) { test(input: $input) { a b c d } }"

    func requestError(_ message: String) -> String {
        #"{"errors":[{"message":"\#(message)","locations":[{"line":1,"column":8}]}]}"#
    }

    // MARK: - Literals

    @Test func acceptsALiteralWithOneField() async throws {
        #expect(try await run(#"{ test(input: {a: "abc"}) { a b } }"#) == #"{"data":{"test":{"a":"abc","b":null}}}"#)
        #expect(try await run("{ test(input: {b: 123}) { a b } }") == #"{"data":{"test":{"a":null,"b":123}}}"#)
        #expect(try await run("{ test(input: {c: 7}) { c } }") == #"{"data":{"test":{"c":[7]}}}"#)
        #expect(try await run("{ test(input: {d: {}}) { d } }") == #"{"data":{"test":{"d":1}}}"#)
    }

    @Test func aLiteralWithTwoFieldsIsAnInvalidArgument() async throws {
        let result = try await H.execute(Self.executable(), #"{ test(input: {a: "abc", b: 123}) { a b } }"#, validate: false)
        #expect(H.dataJSON(result) == #"{"test":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "input" has invalid value {a: "abc", b: 123}."#])
    }

    @Test func aLiteralWithANullFieldIsAnInvalidArgument() async throws {
        let result = try await H.execute(Self.executable(), "{ test(input: {a: null}) { a b } }", validate: false)
        #expect(H.dataJSON(result) == #"{"test":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "input" has invalid value {a: null}."#])
    }

    @Test func aFieldBoundToANullOrMissingVariableIsAnInvalidArgument() async throws {
        let query = "query ($a: String) { test(input: {a: $a}) { a b } }"
        let nulled = try await H.execute(Self.executable(), query, variables: [JSONMember("a", .null)], validate: false)
        #expect(H.dataJSON(nulled) == #"{"test":null}"#)
        #expect(nulled.errors.map(\.message) == [#"Argument "input" has invalid value {a: $a}."#])
        #expect(nulled.errors.map(\.path) == [[.key("test")]])
        #expect(nulled.errors.first?.locations.map(\.column) == [34])
        let missing = try await H.execute(Self.executable(), query, validate: false)
        #expect(H.dataJSON(missing) == #"{"test":null}"#)
        #expect(missing.errors.map(\.message) == [#"Argument "input" has invalid value {a: $a}."#])
        #expect(try await run(query, [JSONMember("a", "x")], validate: false) == #"{"data":{"test":{"a":"x","b":null}}}"#)
    }

    // MARK: - Variables

    @Test func acceptsAVariableWithOneField() async throws {
        #expect(try await run(Self.variableQuery, [JSONMember("input", ["a": "abc"])]) == #"{"data":{"test":{"a":"abc","b":null,"c":null,"d":null}}}"#)
        #expect(try await run(Self.variableQuery, [JSONMember("input", ["c": 5])]) == #"{"data":{"test":{"a":null,"b":null,"c":[5],"d":null}}}"#)
        #expect(try await run(Self.variableQuery, [JSONMember("input", ["d": [:]])]) == #"{"data":{"test":{"a":null,"b":null,"c":null,"d":1}}}"#)
    }

    @Test func acceptsAGoodDefaultValue() async throws {
        let json = try await run(#"query ($input: TestInputObject! = {a: "abc"}) { test(input: $input) { a b } }"#)
        #expect(json == #"{"data":{"test":{"a":"abc","b":null}}}"#)
    }

    @Test func rejectsAVariableWithTwoNonNullFields() async throws {
        let json = try await run(Self.variableQuery, [JSONMember("input", ["a": "abc", "b": 123])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value { a: \"abc\", b: 123 }; Exactly one key must be specified for OneOf type \"TestInputObject\"."#))
    }

    @Test func rejectsAVariableWithOneNullAndOneNonNullField() async throws {
        let json = try await run(Self.variableQuery, [JSONMember("input", ["a": "abc", "b": .null])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value { a: \"abc\", b: null }; Exactly one key must be specified for OneOf type \"TestInputObject\"."#))
    }

    @Test func rejectsAVariableWithNoField() async throws {
        let json = try await run(Self.variableQuery, [JSONMember("input", [:])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value {}; Exactly one key must be specified for OneOf type \"TestInputObject\"."#))
    }

    @Test func rejectsAVariableWhoseOnlyFieldIsNull() async throws {
        let json = try await run(Self.variableQuery, [JSONMember("input", ["a": .null])])
        #expect(json.hasPrefix(#"{"errors":[{"message":"Variable \"$input\" got invalid value "#))
        #expect(json.contains(#"Field \"a\" must be non-null."#))
        #expect(!json.contains(#""data""#))
        #expect(json == requestError(#"Variable \"$input\" got invalid value null at \"input.a\"; Field \"a\" must be non-null."#))
    }

    @Test func rejectsAnUnknownFieldWithoutAlsoCountingItAsAKey() async throws {
        let json = try await run(Self.variableQuery, [JSONMember("input", ["a": "abc", "zzz": 1])])
        #expect(json.contains(#"Field \"zzz\" is not defined by type \"TestInputObject\"."#))
        #expect(json == requestError(#"Variable \"$input\" got invalid value { a: \"abc\", zzz: 1 }; Field \"zzz\" is not defined by type \"TestInputObject\"."#))
    }

    // MARK: - Introspection

    @Test func introspectionTellsOneOfInputObjects() async throws {
        let json = try await run(#"{ oneOf: __type(name: "TestInputObject") { isOneOf } plain: __type(name: "Plain") { isOneOf } object: __type(name: "TestObject") { isOneOf } }"#)
        #expect(json == #"{"data":{"oneOf":{"isOneOf":true},"plain":{"isOneOf":false},"object":{"isOneOf":null}}}"#)
    }
}
