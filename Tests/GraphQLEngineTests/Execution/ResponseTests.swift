import Foundation
import Testing
@testable import GraphQLEngine

/// The response (spec §7 Response, §3.5 scalar result coercion; graphql-js `scalars-test`
/// serialization): how leaf values are serialized or rejected, how the JSON is written — strings
/// escaped, numbers as JavaScript would write them — and the shape of the response object.
@Suite struct ResponseTests {
    typealias H = ExecutionHarness

    /// Every field returns `value`.
    struct Box: Sendable { let value: (any Sendable)? }

    enum Color: String, Sendable { case red = "RED", green = "GREEN" }

    static func executable() throws -> ExecutableSchema<NoContext> {
        try H.schema("""
        enum Color { RED GREEN }
        scalar JSON
        type Query {
          string: String int: Int float: Float boolean: Boolean id: ID color: Color json: JSON
          intNN: Int! ints: [Int] colors: [Color]
        }
        """) { b in
            b.object("Query", as: Box.self) { t in
                for field in ["string", "int", "float", "boolean", "id", "color", "json", "intNN", "ints", "colors"] {
                    t.field(field) { box, _ in box.value }
                }
            }
        }
    }

    func run(_ field: String, _ value: (any Sendable)?) async throws -> String {
        try await H.run(Self.executable(), "{ \(field) }", rootValue: Box(value: value))
    }

    func serializationError(_ field: String, _ message: String) -> String {
        #"{"errors":[{"message":"\#(message)","locations":[{"line":1,"column":3}],"path":["\#(field)"]}],"data":{"\#(field)":null}}"#
    }

    // MARK: - Strings

    @Test func escapesQuotesBackslashesAndControlCharacters() async throws {
        let json = try await run("string", "say \"hi\"\n\ttab \\ back\r\u{8}\u{C}\u{1}\u{1F}/end")
        #expect(json == #"{"data":{"string":"say \"hi\"\n\ttab \\ back\r\b\f\u0001\u001f/end"}}"#)
    }

    @Test func writesUnicodeAsUTF8() async throws {
        let json = try await run("string", "héllo ✓ 😀 日本")
        #expect(json == #"{"data":{"string":"héllo ✓ 😀 日本"}}"#)
    }

    @Test func serializesNonStringValuesAsStrings() async throws {
        #expect(try await run("string", 5) == #"{"data":{"string":"5"}}"#)
        #expect(try await run("string", true) == #"{"data":{"string":"true"}}"#)
        #expect(try await run("string", 1.5) == #"{"data":{"string":"1.5"}}"#)
        #expect(try await run("string", 3.0) == #"{"data":{"string":"3"}}"#)
    }

    // MARK: - Numbers

    @Test func writesIntegers() async throws {
        #expect(try await run("int", 42) == #"{"data":{"int":42}}"#)
        #expect(try await run("int", -7) == #"{"data":{"int":-7}}"#)
        #expect(try await run("int", 0) == #"{"data":{"int":0}}"#)
        #expect(try await run("int", Int(Int32.max)) == #"{"data":{"int":2147483647}}"#)
        #expect(try await run("int", Int(Int32.min)) == #"{"data":{"int":-2147483648}}"#)
        #expect(try await run("int", Int32(12)) == #"{"data":{"int":12}}"#)
        #expect(try await run("int", 3.0) == #"{"data":{"int":3}}"#)
        #expect(try await run("int", "12") == #"{"data":{"int":12}}"#)
        #expect(try await run("int", true) == #"{"data":{"int":1}}"#)
    }

    @Test func writesFloatsAsJavaScriptDoes() async throws {
        #expect(try await run("float", 1.5) == #"{"data":{"float":1.5}}"#)
        #expect(try await run("float", 3.0) == #"{"data":{"float":3}}"#)
        #expect(try await run("float", 2) == #"{"data":{"float":2}}"#)
        #expect(try await run("float", 0.1) == #"{"data":{"float":0.1}}"#)
        #expect(try await run("float", -0.0) == #"{"data":{"float":0}}"#)
        #expect(try await run("float", -2.5) == #"{"data":{"float":-2.5}}"#)
        #expect(try await run("float", 1e21) == #"{"data":{"float":1e+21}}"#)
        #expect(try await run("float", 1.5e300) == #"{"data":{"float":1.5e+300}}"#)
        #expect(try await run("float", 123456789.125) == #"{"data":{"float":123456789.125}}"#)
    }

    /// Integral doubles beyond 64-bit integers and below 1e21 are written in full digits, as
    /// JavaScript writes them (they once trapped on a conversion to `Int64`).
    @Test
    func writesLargeIntegralFloatsWithoutCrashing() async throws {
        #expect(try await run("float", 1e20) == #"{"data":{"float":100000000000000000000}}"#)
        #expect(try await run("float", 9.3e18) == #"{"data":{"float":9300000000000000000}}"#)
        #expect(try await run("string", 1e20) == #"{"data":{"string":"100000000000000000000"}}"#)
        #expect(try await run("int", 1e20) == serializationError("int", "Int cannot represent non 32-bit signed integer value: 100000000000000000000"))
    }

    @Test func writesTinyFloatsAsNumbersThatReadBackTheSame() async throws {
        for value in [1e-7, 5e-324, 0.000001, 2.2250738585072014e-308] {
            let json = try await run("float", value)
            let text = json.dropFirst(#"{"data":{"float":"#.count).dropLast(2)
            #expect(Double(String(text)) == value, "\(json)")
            let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            #expect(decoded != nil, "\(json) is valid JSON")
        }
    }

    // MARK: - Leaf serialization errors

    @Test func intRejectsValuesOutside32Bits() async throws {
        #expect(try await run("int", 2147483648) == serializationError("int", "Int cannot represent non 32-bit signed integer value: 2147483648"))
        #expect(try await run("int", -2147483649) == serializationError("int", "Int cannot represent non 32-bit signed integer value: -2147483649"))
        #expect(try await run("int", 1e100) == serializationError("int", "Int cannot represent non 32-bit signed integer value: 1e+100"))
    }

    @Test func intRejectsNonIntegers() async throws {
        #expect(try await run("int", 1.5) == serializationError("int", "Int cannot represent non-integer value: 1.5"))
        #expect(try await run("int", "abc") == serializationError("int", #"Int cannot represent non-integer value: \"abc\""#))
    }

    @Test func floatRejectsNonNumbers() async throws {
        #expect(try await run("float", "abc") == serializationError("float", #"Float cannot represent non numeric value: \"abc\""#))
        let nan = try await run("float", Double.nan)
        let infinity = try await run("float", Double.infinity)
        #expect(nan.hasPrefix(#"{"errors":[{"message":"Float cannot represent non numeric value: "#))
        #expect(infinity.hasSuffix(#""data":{"float":null}}"#))
        #expect(nan == serializationError("float", "Float cannot represent non numeric value: NaN"))
        #expect(infinity == serializationError("float", "Float cannot represent non numeric value: Infinity"))
    }

    @Test func booleanSerializesNumbersAndRejectsStrings() async throws {
        #expect(try await run("boolean", 1) == #"{"data":{"boolean":true}}"#)
        #expect(try await run("boolean", 0) == #"{"data":{"boolean":false}}"#)
        let string = try await run("boolean", "true")
        #expect(string.hasSuffix(#""data":{"boolean":null}}"#))
        #expect(string == serializationError("boolean", #"Boolean cannot represent a non boolean value: \"true\""#))
    }

    @Test func idSerializesIntegersAsStrings() async throws {
        #expect(try await run("id", 5) == #"{"data":{"id":"5"}}"#)
        #expect(try await run("id", "abc") == #"{"data":{"id":"abc"}}"#)
        #expect(try await run("id", true) == serializationError("id", "ID cannot represent value: true"))
    }

    @Test func enumsSerializeNamesAndRejectOtherValues() async throws {
        #expect(try await run("color", "RED") == #"{"data":{"color":"RED"}}"#)
        #expect(try await run("color", Color.green) == #"{"data":{"color":"GREEN"}}"#)
        #expect(try await run("color", "PURPLE") == serializationError("color", #"Enum \"Color\" cannot represent value: \"PURPLE\""#))
        #expect(try await run("color", 1) == serializationError("color", #"Enum \"Color\" cannot represent value: 1"#))
        #expect(try await run("color", "red") == serializationError("color", #"Enum \"Color\" cannot represent value: \"red\""#))
    }

    @Test func aCustomScalarWritesJSONAsItIs() async throws {
        let value: JSONValue = ["a": [1, 2.5, "x", .null, true], "b": ["nested": "yes"]]
        #expect(try await run("json", value) == #"{"data":{"json":{"a":[1,2.5,"x",null,true],"b":{"nested":"yes"}}}}"#)
    }

    @Test func aSerializationErrorInANonNullPositionPropagates() async throws {
        let json = try await run("intNN", 2147483648)
        #expect(json == #"{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 2147483648","locations":[{"line":1,"column":3}],"path":["intNN"]}],"data":null}"#)
    }

    @Test func aSerializationErrorInAListNullsOnlyItsItem() async throws {
        let json = try await run("ints", [1, 2147483648, 3])
        #expect(json == #"{"errors":[{"message":"Int cannot represent non 32-bit signed integer value: 2147483648","locations":[{"line":1,"column":3}],"path":["ints",1]}],"data":{"ints":[1,null,3]}}"#)
        let colors = try await run("colors", ["RED", "BLUE"])
        #expect(colors == #"{"errors":[{"message":"Enum \"Color\" cannot represent value: \"BLUE\"","locations":[{"line":1,"column":3}],"path":["colors",1]}],"data":{"colors":["RED",null]}}"#)
    }

    // MARK: - The response object

    @Test func aResponseWithoutErrorsHasOnlyData() async throws {
        #expect(try await run("int", 1) == #"{"data":{"int":1}}"#)
    }

    @Test func errorsComeBeforeDataAndTheJSONValueMatchesTheBytes() async throws {
        let result = try await H.execute(Self.executable(), "{ ints colors }", rootValue: Box(value: [1, 2147483648]))
        let bytes = String(decoding: result.jsonBytes(), as: UTF8.self)
        #expect(bytes.hasPrefix(#"{"errors":["#))
        #expect(result.jsonValue.jsonText == bytes)
        var out: [UInt8] = []
        result.write(into: &out)
        #expect(String(decoding: out, as: UTF8.self) == bytes)
    }

    @Test func extensionsComeLast() {
        let result = ExecutionResult(data: .object(ResultObject(keys: ResponseKeys(["a"]), values: [.int(1)])),
                                     errors: [GraphQLError("oops")], extensions: [JSONMember("cost", 3)])
        let json = String(decoding: result.jsonBytes(), as: UTF8.self)
        #expect(json == #"{"errors":[{"message":"oops"}],"data":{"a":1},"extensions":{"cost":3}}"#)
        #expect(result.jsonValue.jsonText == json)
        let requestError = ExecutionResult(requestErrors: [GraphQLError("bad request")])
        #expect(String(decoding: requestError.jsonBytes(), as: UTF8.self) == #"{"errors":[{"message":"bad request"}]}"#)
    }

    @Test func errorsHaveNoLocationsWhenTheSourceIsNotGiven() async throws {
        let document = try Parser.parse("{ int }")
        let result = await (try Self.executable()).execute(document, context: NoContext(), rootValue: Box(value: 1.5))
        #expect(String(decoding: result.jsonBytes(), as: UTF8.self)
                == #"{"errors":[{"message":"Int cannot represent non-integer value: 1.5","path":["int"]}],"data":{"int":null}}"#)
    }
}
