import Testing
@testable import GraphQLEngine

@Suite struct JSONTests {
    @Test func parsesEveryKindOfValueKeepingMemberOrder() throws {
        let value = try JSONParser.parse(#" {"b": [1, -2, 3.5, 1e3, true, false, null], "a": {"x": "y\n\u00e9\ud83d\ude00"}} "#)
        #expect(value == .object([
            JSONMember("b", .array([.int(1), .int(-2), .double(3.5), .double(1000), .bool(true), .bool(false), .null])),
            JSONMember("a", .object([JSONMember("x", .string("y\né😀"))])),
        ]))
        #expect(try JSONParser.parse("\"plain\"") == .string("plain"))
        #expect(try JSONParser.parse("12345678901234567890") == .double(12345678901234567890))
    }

    @Test func refusesMalformedJSON() {
        for bad in ["", "{", "{\"a\" 1}", "[1,]", "01", "1.", "-", "\"\\x\"", "\"\u{1}\"", "tru", "{} {}",
                    "\"\\ud83d\"", "[1 2]", "{\"a\":1,}", "'a'"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func writesJSONThatReadsBack() throws {
        let value: JSONValue = ["s": "quote \" backslash \\ newline \n tab \t ctl \u{1} é", "i": -42, "d": 0.1, "big": 1e21,
                                "whole": 2.0, "list": [true, nil, [:]]]
        let text = value.jsonText
        #expect(text == #"{"s":"quote \" backslash \\ newline \n tab \t ctl \u0001 é","i":-42,"d":0.1,"big":1e+21,"whole":2,"list":[true,null,{}]}"#)
        #expect(try JSONParser.parse(text) == ["s": "quote \" backslash \\ newline \n tab \t ctl \u{1} é", "i": -42, "d": 0.1,
                                               "big": 1e21, "whole": 2, "list": [true, nil, [:]]])
        var out: [UInt8] = []
        for n in [0, 7, -7, 1234567890, Int.max, Int.min] {
            out.removeAll()
            JSONText.writeInt(n, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(n))
        }
    }
}
