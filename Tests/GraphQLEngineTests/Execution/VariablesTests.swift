import Testing
@testable import GraphQLEngine

/// Input coercion (spec §6.1.2 CoerceVariableValues, §6.4.1 CoerceArgumentValues, §3.10/§3.11
/// input coercion; graphql-js `variables-test`): literals and variables into input objects, lists,
/// enums and scalars; defaults; explicit null versus absent. A variable that cannot be coerced is
/// a request error: `errors` and no `data` key, and no resolver runs.
@Suite struct VariablesTests {
    typealias H = ExecutionHarness

    static let sdl = """
    scalar ComplexScalar
    input TestInputObject { a: String b: [String] c: String! d: ComplexScalar }
    input TestNestedInputObject { na: TestInputObject! nb: String! }
    enum TestEnum { NULL UNDEFINED NAN FALSE CUSTOM DEFAULT_VALUE }
    input Inner { c: Int d: Int = 4 }
    input WithDefaults { a: Int = 1 b: String = "x" nested: Inner = {c: 2} list: [Int] = 7 }
    type TestType {
      fieldWithEnumInput(input: TestEnum): String
      fieldWithNonNullableEnumInput(input: TestEnum!): String
      fieldWithObjectInput(input: TestInputObject): String
      fieldWithNullableStringInput(input: String): String
      fieldWithNonNullableStringInput(input: String!): String
      fieldWithDefaultArgumentValue(input: String = "Hello World"): String
      fieldWithNonNullableStringInputAndDefaultArgumentValue(input: String! = "Hello World"): String
      fieldWithNestedInputObject(input: TestNestedInputObject): String
      fieldWithDefaultsInput(input: WithDefaults): String
      list(input: [String]): String
      nnList(input: [String]!): String
      listNN(input: [String!]): String
      nnListNN(input: [String!]!): String
      nestedList(input: [[Int]]): String
      int(input: Int): String
      float(input: Float): String
      id(input: ID): String
      boolean(input: Boolean): String
      twoInts(a: Int!, b: Int!): String
    }
    schema { query: TestType }
    """

    /// Every field answers with its coerced arguments as JSON text, so absent (`{}`) and null
    /// (`{"input":null}`) are told apart; every call is counted.
    static func executable(calls: CallCounter = CallCounter()) throws -> ExecutableSchema<NoContext> {
        let schema = try Schema.build(sdl: sdl)
        let complex = try #require(schema.type(named: "ComplexScalar") as? ScalarType)
        complex.coercion = ScalarCoercion(
            parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
                guard case .string(let s) = node, s.value == "SerializedValue" else {
                    throw CoercionError("ComplexScalar cannot represent \(Printer.print(node))")
                }
                return "DeserializedValue"
            },
            parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in
                guard value == "SerializedValue" else { throw CoercionError("ComplexScalar cannot represent \(value.inspect)") }
                return "DeserializedValue"
            })
        return try ExecutableSchema<NoContext>(schema: schema, strict: true) { b in
            b.object("TestType", as: RootValue.self) { t in
                for field in schema.queryType!.fields.elements {
                    t.field(field.name) { _, call in
                        calls.count(field.name)
                        return JSONValue.object(call.arguments.values).jsonText
                    }
                }
            }
        }
    }

    /// The arguments the single root field of `query` received, as JSON text.
    func arguments(_ query: String, _ variables: [JSONMember] = [], validate: Bool = true,
                   sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String? {
        let result = try await H.execute(Self.executable(), query, variables: variables, validate: validate,
                                         sourceLocation: sourceLocation)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))", sourceLocation: sourceLocation)
        guard case .object(let object)? = result.data, case .string(let text)? = object.values.first else { return nil }
        return text
    }

    func run(_ query: String, _ variables: [JSONMember] = [], validate: Bool = true,
             sourceLocation: Testing.SourceLocation = #_sourceLocation) async throws -> String {
        try await H.run(Self.executable(), query, variables: variables, validate: validate, sourceLocation: sourceLocation)
    }

    /// The response of a request error at the variable definition at `column` of line 1.
    func requestError(_ message: String, column: Int = 8) -> String {
        #"{"errors":[{"message":"\#(message)","locations":[{"line":1,"column":\#(column)}]}]}"#
    }

    // MARK: - Input objects written as literals

    @Test func coercesAnInputObjectLiteral() async throws {
        #expect(try await arguments(#"{ fieldWithObjectInput(input: {a: "foo", b: ["bar"], c: "baz"}) }"#)
                == #"{"input":{"a":"foo","b":["bar"],"c":"baz"}}"#)
    }

    @Test func coercesASingleLiteralValueToAList() async throws {
        #expect(try await arguments(#"{ fieldWithObjectInput(input: {a: "foo", b: "bar", c: "baz"}) }"#)
                == #"{"input":{"a":"foo","b":["bar"],"c":"baz"}}"#)
    }

    @Test func keepsNullLiteralsAsNull() async throws {
        #expect(try await arguments(#"{ fieldWithObjectInput(input: {a: null, b: null, c: "C", d: null}) }"#)
                == #"{"input":{"a":null,"b":null,"c":"C","d":null}}"#)
        #expect(try await arguments(#"{ fieldWithObjectInput(input: {b: ["A",null,"C"], c: "C"}) }"#)
                == #"{"input":{"b":["A",null,"C"],"c":"C"}}"#)
    }

    @Test func runsParseLiteralOfCustomScalars() async throws {
        #expect(try await arguments(#"{ fieldWithObjectInput(input: {c: "foo", d: "SerializedValue"}) }"#)
                == #"{"input":{"c":"foo","d":"DeserializedValue"}}"#)
    }

    @Test func anInvalidLiteralIsAFieldErrorAtTheArgument() async throws {
        let result = try await H.execute(Self.executable(), #"{ fieldWithObjectInput(input: ["foo", "bar", "baz"]) }"#, validate: false)
        #expect(H.dataJSON(result) == #"{"fieldWithObjectInput":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "input" has invalid value ["foo", "bar", "baz"]."#])
        #expect(result.errors.map(\.path) == [[.key("fieldWithObjectInput")]])
        #expect(result.errors.first?.locations.map(\.column) == [31])
        let scalar = try await H.execute(Self.executable(), #"{ fieldWithObjectInput(input: {c: "foo", d: "BadValue"}) }"#, validate: false)
        #expect(H.dataJSON(scalar) == #"{"fieldWithObjectInput":null}"#)
        #expect(scalar.errors.map(\.message) == [#"Argument "input" has invalid value {c: "foo", d: "BadValue"}."#])
    }

    // MARK: - Input objects given as variables

    static let objectQuery = "query ($input: TestInputObject) { fieldWithObjectInput(input: $input) }"

    @Test func coercesAVariableInputObject() async throws {
        #expect(try await arguments(Self.objectQuery, [JSONMember("input", ["a": "foo", "b": ["bar"], "c": "baz"])])
                == #"{"input":{"a":"foo","b":["bar"],"c":"baz"}}"#)
        #expect(try await arguments(Self.objectQuery, [JSONMember("input", ["a": "foo", "b": "bar", "c": "baz"])])
                == #"{"input":{"a":"foo","b":["bar"],"c":"baz"}}"#)
        #expect(try await arguments(Self.objectQuery, [JSONMember("input", ["c": "foo", "d": "SerializedValue"])])
                == #"{"input":{"c":"foo","d":"DeserializedValue"}}"#)
    }

    @Test func usesTheVariablesDefaultOnlyWhenTheVariableIsAbsent() async throws {
        let query = #"query ($input: TestInputObject = {a: "foo", b: ["bar"], c: "baz"}) { fieldWithObjectInput(input: $input) }"#
        #expect(try await arguments(query) == #"{"input":{"a":"foo","b":["bar"],"c":"baz"}}"#)
        #expect(try await arguments(query, [JSONMember("input", ["c": "given"])]) == #"{"input":{"c":"given"}}"#)
        #expect(try await arguments(query, [JSONMember("input", .null)]) == #"{"input":null}"#)
    }

    @Test func anExplicitNullVariableIsNotReplacedByItsDefault() async throws {
        let query = #"query q($input: String = "Default value") { fieldWithNullableStringInput(input: $input) }"#
        #expect(try await arguments(query) == #"{"input":"Default value"}"#)
        #expect(try await arguments(query, [JSONMember("input", .null)]) == #"{"input":null}"#)
        let nullDefault = "query q($input: String = null) { fieldWithNullableStringInput(input: $input) }"
        #expect(try await arguments(nullDefault) == #"{"input":null}"#)
    }

    @Test func reportsTheCustomScalarsOwnMessageWithThePathInTheVariable() async throws {
        let json = try await run(Self.objectQuery, [JSONMember("input", ["c": "foo", "d": "BadValue"])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value \"BadValue\" at \"input.d\"; ComplexScalar cannot represent \"BadValue\""#))
    }

    @Test func rejectsNullForANestedNonNullField() async throws {
        let json = try await run(Self.objectQuery, [JSONMember("input", ["a": "foo", "b": "bar", "c": .null])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value null at \"input.c\"; Expected non-nullable type \"String!\" not to be null."#))
    }

    @Test func rejectsANonObjectForAnInputObject() async throws {
        let json = try await run(Self.objectQuery, [JSONMember("input", "foo bar")])
        #expect(json == requestError(#"Variable \"$input\" got invalid value \"foo bar\"; Expected type \"TestInputObject\" to be an object."#))
    }

    @Test func rejectsAnInputObjectMissingANonNullField() async throws {
        let json = try await run(Self.objectQuery, [JSONMember("input", ["a": "foo", "b": "bar"])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\" }; Field \"c\" of required type \"String!\" was not provided."#))
    }

    @Test func reportsEveryProblemOfANestedInputObject() async throws {
        let json = try await run("query ($input: TestNestedInputObject) { fieldWithNestedInputObject(input: $input) }",
                                 [JSONMember("input", ["na": ["a": "foo"]])])
        #expect(json == #"{"errors":[{"message":"Variable \"$input\" got invalid value { a: \"foo\" } at \"input.na\"; Field \"c\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":8}]},{"message":"Variable \"$input\" got invalid value { na: { a: \"foo\" } }; Field \"nb\" of required type \"String!\" was not provided.","locations":[{"line":1,"column":8}]}]}"#)
    }

    @Test func rejectsUnknownInputObjectFields() async throws {
        let json = try await run(Self.objectQuery, [JSONMember("input", ["a": "foo", "b": "bar", "c": "baz", "extra": "dog"])])
        #expect(json == requestError(#"Variable \"$input\" got invalid value { a: \"foo\", b: \"bar\", c: \"baz\", extra: \"dog\" }; Field \"extra\" is not defined by type \"TestInputObject\"."#))
        let suggested = try await run(Self.objectQuery, [JSONMember("input", ["c": "baz", "bb": "x"])])
        #expect(suggested == requestError(#"Variable \"$input\" got invalid value { c: \"baz\", bb: \"x\" }; Field \"bb\" is not defined by type \"TestInputObject\". Did you mean \"b\"?"#))
    }

    // MARK: - Input object field defaults

    @Test func fillsInputObjectFieldDefaultsFromLiteralsAndVariables() async throws {
        let expected = #"{"input":{"a":1,"b":"x","nested":{"c":2,"d":4},"list":[7]}}"#
        #expect(try await arguments("{ fieldWithDefaultsInput(input: {}) }") == expected)
        #expect(try await arguments("query ($v: WithDefaults) { fieldWithDefaultsInput(input: $v) }", [JSONMember("v", [:])]) == expected)
        #expect(try await arguments("{ fieldWithDefaultsInput(input: {a: null, nested: {c: 5}}) }")
                == #"{"input":{"a":null,"b":"x","nested":{"c":5,"d":4},"list":[7]}}"#)
        #expect(try await arguments("query ($v: WithDefaults) { fieldWithDefaultsInput(input: $v) }",
                                    [JSONMember("v", ["b": .null, "nested": ["d": .null]])])
                == #"{"input":{"a":1,"b":null,"nested":{"d":null},"list":[7]}}"#)
    }

    @Test func aFieldBoundToAnUnprovidedVariableIsAbsent() async throws {
        let query = "query ($v: Int) { fieldWithDefaultsInput(input: {a: $v, b: \"given\"}) }"
        #expect(try await arguments(query) == #"{"input":{"a":1,"b":"given","nested":{"c":2,"d":4},"list":[7]}}"#)
        #expect(try await arguments(query, [JSONMember("v", .null)]) == #"{"input":{"a":null,"b":"given","nested":{"c":2,"d":4},"list":[7]}}"#)
        #expect(try await arguments(query, [JSONMember("v", 9)]) == #"{"input":{"a":9,"b":"given","nested":{"c":2,"d":4},"list":[7]}}"#)
    }

    @Test func aListItemBoundToAnUnprovidedVariableIsNull() async throws {
        #expect(try await arguments(#"query ($v: String) { list(input: ["a", $v]) }"#) == #"{"input":["a",null]}"#)
        #expect(try await arguments(#"query ($v: String) { list(input: ["a", $v]) }"#, [JSONMember("v", "b")]) == #"{"input":["a","b"]}"#)
    }

    // MARK: - Nullable and non-null variables

    @Test func aNullableArgumentMayBeOmittedOrNull() async throws {
        #expect(try await arguments("{ fieldWithNullableStringInput }") == "{}")
        #expect(try await arguments("query ($value: String) { fieldWithNullableStringInput(input: $value) }") == "{}")
        #expect(try await arguments("query { fieldWithNullableStringInput(input: $value) }", validate: false) == "{}")
        #expect(try await arguments("query ($value: String) { fieldWithNullableStringInput(input: $value) }", [JSONMember("value", .null)])
                == #"{"input":null}"#)
        #expect(try await arguments("{ fieldWithNullableStringInput(input: null) }") == #"{"input":null}"#)
        #expect(try await arguments("query ($value: String) { fieldWithNullableStringInput(input: $value) }", [JSONMember("value", "a")])
                == #"{"input":"a"}"#)
        #expect(try await arguments(#"{ fieldWithNullableStringInput(input: "a") }"#) == #"{"input":"a"}"#)
    }

    @Test func aNonNullVariableMustBeProvided() async throws {
        let query = "query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }"
        #expect(try await run(query) == requestError(#"Variable \"$value\" of required type \"String!\" was not provided."#))
        #expect(try await arguments(query, [JSONMember("value", "a")]) == #"{"input":"a"}"#)
    }

    @Test func aNonNullVariableMustNotBeNull() async throws {
        let json = try await run("query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }", [JSONMember("value", .null)])
        #expect(json == requestError(#"Variable \"$value\" of non-null type \"String!\" must not be null."#))
    }

    @Test func aNonNullVariableWithADefaultMayBeOmitted() async throws {
        #expect(try await arguments(#"query ($value: String! = "fallback") { fieldWithNonNullableStringInput(input: $value) }"#)
                == #"{"input":"fallback"}"#)
    }

    @Test func rejectsAListForAString() async throws {
        let json = try await run("query ($value: String!) { fieldWithNonNullableStringInput(input: $value) }", [JSONMember("value", [1, 2, 3])])
        #expect(json == requestError(#"Variable \"$value\" got invalid value [1, 2, 3]; String cannot represent a non string value: [1, 2, 3]"#))
    }

    @Test func anUnprovidedVariableForANonNullArgumentIsAFieldError() async throws {
        let result = try await H.execute(Self.executable(), "{ fieldWithNonNullableStringInput(input: $foo) }", validate: false)
        #expect(H.dataJSON(result) == #"{"fieldWithNonNullableStringInput":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "input" of required type "String!" was provided the variable "$foo" which was not provided a runtime value."#])
    }

    @Test func reportsEveryInvalidVariableAndRunsNoResolver() async throws {
        let calls = CallCounter()
        let json = try await H.run(Self.executable(calls: calls), "query ($a: Int!, $b: Int!) { twoInts(a: $a, b: $b) }",
                                   variables: [JSONMember("b", "two")])
        #expect(json == #"{"errors":[{"message":"Variable \"$a\" of required type \"Int!\" was not provided.","locations":[{"line":1,"column":8}]},{"message":"Variable \"$b\" got invalid value \"two\"; Int cannot represent non-integer value: \"two\"","locations":[{"line":1,"column":18}]}]}"#)
        #expect(calls.total == 0)
    }

    @Test func aVariableOfANonInputTypeIsARequestError() async throws {
        let json = try await run("query ($input: TestType!) { fieldWithObjectInput(input: $input) }", [JSONMember("input", ["a": "x"])], validate: false)
        #expect(json == requestError(#"Variable \"$input\" expected value of type \"TestType!\" which cannot be used as an input type."#))
        let unknown = try await run("query ($input: UnknownType!) { fieldWithObjectInput(input: $input) }", [JSONMember("input", "x")], validate: false)
        #expect(unknown == requestError(#"Variable \"$input\" expected value of type \"UnknownType!\" which cannot be used as an input type."#))
    }

    // MARK: - Lists

    @Test func aNullableListVariable() async throws {
        let query = "query ($input: [String]) { list(input: $input) }"
        #expect(try await arguments(query, [JSONMember("input", .null)]) == #"{"input":null}"#)
        #expect(try await arguments(query, [JSONMember("input", ["A"])]) == #"{"input":["A"]}"#)
        #expect(try await arguments(query, [JSONMember("input", ["A", .null, "B"])]) == #"{"input":["A",null,"B"]}"#)
        #expect(try await arguments(query, [JSONMember("input", "A")]) == #"{"input":["A"]}"#)
    }

    @Test func aNonNullListVariable() async throws {
        let query = "query ($input: [String]!) { nnList(input: $input) }"
        #expect(try await run(query, [JSONMember("input", .null)]) == requestError(#"Variable \"$input\" of non-null type \"[String]!\" must not be null."#))
        #expect(try await arguments(query, [JSONMember("input", ["A"])]) == #"{"input":["A"]}"#)
        #expect(try await arguments(query, [JSONMember("input", ["A", .null, "B"])]) == #"{"input":["A",null,"B"]}"#)
    }

    @Test func aListOfNonNullVariable() async throws {
        let query = "query ($input: [String!]) { listNN(input: $input) }"
        #expect(try await arguments(query, [JSONMember("input", .null)]) == #"{"input":null}"#)
        #expect(try await arguments(query, [JSONMember("input", ["A"])]) == #"{"input":["A"]}"#)
        #expect(try await run(query, [JSONMember("input", ["A", .null, "B"])])
                == requestError(#"Variable \"$input\" got invalid value null at \"input[1]\"; Expected non-nullable type \"String!\" not to be null."#))
    }

    @Test func aNonNullListOfNonNullVariable() async throws {
        let query = "query ($input: [String!]!) { nnListNN(input: $input) }"
        #expect(try await run(query, [JSONMember("input", .null)]) == requestError(#"Variable \"$input\" of non-null type \"[String!]!\" must not be null."#))
        #expect(try await arguments(query, [JSONMember("input", ["A"])]) == #"{"input":["A"]}"#)
        #expect(try await run(query, [JSONMember("input", ["A", .null, "B"])])
                == requestError(#"Variable \"$input\" got invalid value null at \"input[1]\"; Expected non-nullable type \"String!\" not to be null."#))
    }

    @Test func aSingleValueBecomesAListAtEveryDepth() async throws {
        let query = "query ($input: [[Int]]) { nestedList(input: $input) }"
        #expect(try await arguments(query, [JSONMember("input", 1)]) == #"{"input":[[1]]}"#)
        #expect(try await arguments(query, [JSONMember("input", [1, 2, 3])]) == #"{"input":[[1],[2],[3]]}"#)
        #expect(try await arguments(query, [JSONMember("input", [[1], [2, 3]])]) == #"{"input":[[1],[2,3]]}"#)
        #expect(try await arguments(query, [JSONMember("input", [1, .null])]) == #"{"input":[[1],null]}"#)
        #expect(try await arguments(query, [JSONMember("input", .null)]) == #"{"input":null}"#)
        #expect(try await arguments("{ nestedList(input: 1) }") == #"{"input":[[1]]}"#)
        #expect(try await arguments("{ nestedList(input: [1, 2]) }") == #"{"input":[[1],[2]]}"#)
        #expect(try await run(query, [JSONMember("input", [[1, "x"]])])
                == requestError(#"Variable \"$input\" got invalid value \"x\" at \"input[0][1]\"; Int cannot represent non-integer value: \"x\""#, column: 8))
    }

    // MARK: - Enums

    @Test func coercesEnumNames() async throws {
        #expect(try await arguments("{ fieldWithEnumInput(input: FALSE) }") == #"{"input":"FALSE"}"#)
        #expect(try await arguments("query ($e: TestEnum) { fieldWithEnumInput(input: $e) }", [JSONMember("e", "CUSTOM")]) == #"{"input":"CUSTOM"}"#)
        #expect(try await arguments("{ fieldWithEnumInput(input: NULL) }") == #"{"input":"NULL"}"#)
    }

    @Test func rejectsValuesOutsideTheEnum() async throws {
        let query = "query ($e: TestEnum) { fieldWithEnumInput(input: $e) }"
        #expect(try await run(query, [JSONMember("e", "WRONG")])
                == requestError(#"Variable \"$e\" got invalid value \"WRONG\"; Value \"WRONG\" does not exist in \"TestEnum\" enum."#))
        #expect(try await run(query, [JSONMember("e", "BAD")])
                == requestError(#"Variable \"$e\" got invalid value \"BAD\"; Value \"BAD\" does not exist in \"TestEnum\" enum. Did you mean the enum value \"NAN\"?"#))
        #expect(try await run(query, [JSONMember("e", "custom")])
                == requestError(#"Variable \"$e\" got invalid value \"custom\"; Value \"custom\" does not exist in \"TestEnum\" enum. Did you mean the enum value \"CUSTOM\"?"#))
        #expect(try await run(query, [JSONMember("e", 1)])
                == requestError(#"Variable \"$e\" got invalid value 1; Enum \"TestEnum\" cannot represent non-string value: 1."#))
        #expect(try await run("query ($e: TestEnum!) { fieldWithNonNullableEnumInput(input: $e) }", [JSONMember("e", .null)])
                == requestError(#"Variable \"$e\" of non-null type \"TestEnum!\" must not be null."#))
    }

    @Test func anEnumLiteralMustBeAName() async throws {
        let result = try await H.execute(Self.executable(), #"{ fieldWithEnumInput(input: "CUSTOM") }"#, validate: false)
        #expect(result.errors.map(\.message) == [#"Argument "input" has invalid value "CUSTOM"."#])
    }

    // MARK: - Argument defaults

    @Test func usesArgumentDefaults() async throws {
        #expect(try await arguments("{ fieldWithDefaultArgumentValue }") == #"{"input":"Hello World"}"#)
        #expect(try await arguments("query ($optional: String) { fieldWithDefaultArgumentValue(input: $optional) }") == #"{"input":"Hello World"}"#)
        #expect(try await arguments("{ fieldWithDefaultArgumentValue(input: null) }") == #"{"input":null}"#)
        #expect(try await arguments("query optionalVariable($optional: String) { fieldWithNonNullableStringInputAndDefaultArgumentValue(input: $optional) }")
                == #"{"input":"Hello World"}"#)
    }

    @Test func doesNotUseTheDefaultWhenTheArgumentCannotBeCoerced() async throws {
        let result = try await H.execute(Self.executable(), "{ fieldWithDefaultArgumentValue(input: WRONG_TYPE) }", validate: false)
        #expect(H.dataJSON(result) == #"{"fieldWithDefaultArgumentValue":null}"#)
        #expect(result.errors.map(\.message) == [#"Argument "input" has invalid value WRONG_TYPE."#])
        #expect(result.errors.map(\.path) == [[.key("fieldWithDefaultArgumentValue")]])
        #expect(result.errors.first?.locations.map(\.column) == [40])
    }

    // MARK: - Built-in scalars

    @Test func intIsA32BitSignedInteger() async throws {
        let query = "query ($i: Int) { int(input: $i) }"
        #expect(try await arguments(query, [JSONMember("i", 2147483647)]) == #"{"input":2147483647}"#)
        #expect(try await arguments(query, [JSONMember("i", -2147483648)]) == #"{"input":-2147483648}"#)
        #expect(try await arguments(query, [JSONMember("i", 3.0)]) == #"{"input":3}"#)
        #expect(try await run(query, [JSONMember("i", 2147483648)])
                == requestError(#"Variable \"$i\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: 2147483648"#))
        #expect(try await run(query, [JSONMember("i", -2147483649)])
                == requestError(#"Variable \"$i\" got invalid value -2147483649; Int cannot represent non 32-bit signed integer value: -2147483649"#))
        #expect(try await run(query, [JSONMember("i", 1.5)])
                == requestError(#"Variable \"$i\" got invalid value 1.5; Int cannot represent non-integer value: 1.5"#))
        #expect(try await run(query, [JSONMember("i", "3")])
                == requestError(#"Variable \"$i\" got invalid value \"3\"; Int cannot represent non-integer value: \"3\""#))
        #expect(try await run(query, [JSONMember("i", true)])
                == requestError(#"Variable \"$i\" got invalid value true; Int cannot represent non-integer value: true"#))
    }

    /// A client can send any JSON number; a huge integral one is an invalid Int with a message,
    /// never a crash (it once trapped while the message was written).
    @Test
    func aHugeIntegralNumberIsAnInvalidIntNotACrash() async throws {
        #expect(try await run("query ($i: Int) { int(input: $i) }", [JSONMember("i", 1e20)])
                == requestError(#"Variable \"$i\" got invalid value 100000000000000000000; Int cannot represent non 32-bit signed integer value: 100000000000000000000"#))
        #expect(try await run("query ($s: String) { fieldWithNullableStringInput(input: $s) }", [JSONMember("s", 1e19)])
                == requestError(#"Variable \"$s\" got invalid value 10000000000000000000; String cannot represent a non string value: 10000000000000000000"#))
    }

    @Test func anOutOfRangeIntLiteralIsAFieldError() async throws {
        let result = try await H.execute(Self.executable(), "{ int(input: 2147483648) }", validate: false)
        #expect(H.dataJSON(result) == #"{"int":null}"#)
        #expect(result.errors.map(\.message) == ["Argument \"input\" has invalid value 2147483648."])
        #expect(try await arguments("{ int(input: -2147483648) }") == #"{"input":-2147483648}"#)
    }

    @Test func floatAcceptsIntegers() async throws {
        #expect(try await arguments("query ($f: Float) { float(input: $f) }", [JSONMember("f", 3)]) == #"{"input":3}"#)
        #expect(try await arguments("query ($f: Float) { float(input: $f) }", [JSONMember("f", 1.5)]) == #"{"input":1.5}"#)
        #expect(try await arguments("{ float(input: 1) }") == #"{"input":1}"#)
        #expect(try await arguments("{ float(input: -0.25) }") == #"{"input":-0.25}"#)
        #expect(try await run("query ($f: Float) { float(input: $f) }", [JSONMember("f", "1.5")])
                == requestError(#"Variable \"$f\" got invalid value \"1.5\"; Float cannot represent non numeric value: \"1.5\""#))
    }

    @Test func idAcceptsStringsAndIntegersAsStrings() async throws {
        let query = "query ($id: ID) { id(input: $id) }"
        #expect(try await arguments(query, [JSONMember("id", 42)]) == #"{"input":"42"}"#)
        #expect(try await arguments(query, [JSONMember("id", "abc")]) == #"{"input":"abc"}"#)
        #expect(try await arguments("{ id(input: 7) }") == #"{"input":"7"}"#)
        #expect(try await run(query, [JSONMember("id", 1.5)])
                == requestError(#"Variable \"$id\" got invalid value 1.5; ID cannot represent value: 1.5"#))
        #expect(try await run(query, [JSONMember("id", true)])
                == requestError(#"Variable \"$id\" got invalid value true; ID cannot represent value: true"#))
    }

    @Test func stringAndBooleanAreStrictOnInput() async throws {
        #expect(try await run("query ($s: String) { fieldWithNullableStringInput(input: $s) }", [JSONMember("s", 1)])
                == requestError(#"Variable \"$s\" got invalid value 1; String cannot represent a non string value: 1"#))
        #expect(try await run("query ($b: Boolean) { boolean(input: $b) }", [JSONMember("b", "true")])
                == requestError(#"Variable \"$b\" got invalid value \"true\"; Boolean cannot represent a non boolean value: \"true\""#))
        #expect(try await run("query ($b: Boolean) { boolean(input: $b) }", [JSONMember("b", 0)])
                == requestError(#"Variable \"$b\" got invalid value 0; Boolean cannot represent a non boolean value: 0"#))
        #expect(try await arguments("query ($b: Boolean) { boolean(input: $b) }", [JSONMember("b", false)]) == #"{"input":false}"#)
    }
}
