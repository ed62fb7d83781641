import Testing
@testable import GraphQLEngine

/// The lexical grammar of the spec (§2.1), case by case, with graphql-js's error messages.
@Suite struct LexerTests {
    /// The kinds and values of the significant tokens of `text` (without SOF/EOF).
    func lex(_ text: String) throws -> [(TokenKind, String)] {
        let tokens = try Lexer.tokenize(text)
        let bytes = Array(text.utf8)
        return tokens.dropLast().map { t, value in
            (t.kind, value ?? String(decoding: bytes[t.start..<t.end], as: UTF8.self))
        }
    }

    func single(_ text: String) throws -> (TokenKind, String) {
        let tokens = try lex(text)
        #expect(tokens.count == 1, "\(text) lexes to \(tokens.count) tokens")
        return tokens[0]
    }

    func lexError(_ text: String) -> (String, String)? {
        do {
            _ = try Lexer.tokenize(text)
            return nil
        } catch {
            return (error.message, error.locations.first?.description ?? "")
        }
    }

    func malformedUTF8Error(_ bytes: [UInt8]) -> (String, String)? {
        do {
            _ = try Parser.parse(Source(bytes: bytes))
            return nil
        } catch {
            return (error.message, error.locations.first?.description ?? "")
        }
    }

    @Test func ignoresBOMWhitespaceCommasAndComments() throws {
        let tokens = try lex("\u{FEFF} \t,,\n\r\n\r# a comment ,\nfoo # trailing\n")
        #expect(tokens.count == 1)
        #expect(tokens[0].0 == .name && tokens[0].1 == "foo")
    }

    @Test func tracksLineAndColumnAcrossLineTerminators() throws {
        let source = Source("a\r\nb\rc\nd")
        #expect(source.location(of: 0) == SourceLocation(line: 1, column: 1))
        #expect(source.location(of: 3) == SourceLocation(line: 2, column: 1))
        #expect(source.location(of: 5) == SourceLocation(line: 3, column: 1))
        #expect(source.location(of: 7) == SourceLocation(line: 4, column: 1))
        #expect(Source("é x").location(of: 3) == SourceLocation(line: 1, column: 3))
    }

    @Test func punctuators() throws {
        let kinds = try lex("! $ & ( ) ... : = @ [ ] { | }").map(\.0)
        #expect(kinds == [.bang, .dollar, .amp, .parenL, .parenR, .spread, .colon, .equals, .at,
                          .bracketL, .bracketR, .braceL, .pipe, .braceR])
    }

    @Test func namesAndTokenRanges() throws {
        let tokens = try Lexer.tokenize("  _foo9 Bar").map(\.token)
        #expect(tokens[0].kind == .name && tokens[0].start == 2 && tokens[0].end == 7)
        #expect(tokens[1].kind == .name && tokens[1].start == 8 && tokens[1].end == 11)
        #expect(tokens[2].kind == .eof)
    }

    @Test func numbers() throws {
        for (text, kind) in [("4", TokenKind.int), ("-4", .int), ("0", .int), ("-0", .int), ("9", .int),
                             ("4.123", .float), ("-4.123", .float), ("0.123", .float), ("123e4", .float),
                             ("123E4", .float), ("123e-4", .float), ("123e+4", .float), ("-1.123e4", .float),
                             ("-1.123E-4", .float), ("-1.123e+4", .float), ("-1.123e4567", .float)] {
            let (k, v) = try single(text)
            #expect(k == kind && v == text, "\(text)")
        }
    }

    @Test func numberErrors() {
        #expect(lexError("00")! == ("Syntax Error: Invalid number, unexpected digit after 0: \"0\".", "1:2"))
        #expect(lexError("01")! == ("Syntax Error: Invalid number, unexpected digit after 0: \"1\".", "1:2"))
        #expect(lexError("01.23")! == ("Syntax Error: Invalid number, unexpected digit after 0: \"1\".", "1:2"))
        #expect(lexError("+1")! == ("Syntax Error: Unexpected character: \"+\".", "1:1"))
        #expect(lexError("1.")! == ("Syntax Error: Invalid number, expected digit but got: <EOF>.", "1:3"))
        #expect(lexError("1e")! == ("Syntax Error: Invalid number, expected digit but got: <EOF>.", "1:3"))
        #expect(lexError(".123")! == ("Syntax Error: Invalid number, expected digit before \".\", did you mean \"0.123\"?", "1:1"))
        #expect(lexError("1.A")! == ("Syntax Error: Invalid number, expected digit but got: \"A\".", "1:3"))
        #expect(lexError("-A")! == ("Syntax Error: Invalid number, expected digit but got: \"A\".", "1:2"))
        #expect(lexError("1.0e")! == ("Syntax Error: Invalid number, expected digit but got: <EOF>.", "1:5"))
        #expect(lexError("1.0eA")! == ("Syntax Error: Invalid number, expected digit but got: \"A\".", "1:5"))
        #expect(lexError("1.2e3e")! == ("Syntax Error: Invalid number, expected digit but got: \"e\".", "1:6"))
        #expect(lexError("1.2e3.4")! == ("Syntax Error: Invalid number, expected digit but got: \".\".", "1:6"))
        #expect(lexError("1.23.4")! == ("Syntax Error: Invalid number, expected digit but got: \".\".", "1:5"))
        #expect(lexError("0xF1")! == ("Syntax Error: Invalid number, expected digit but got: \"x\".", "1:2"))
        #expect(lexError("0b10")! == ("Syntax Error: Invalid number, expected digit but got: \"b\".", "1:2"))
        #expect(lexError("123abc")! == ("Syntax Error: Invalid number, expected digit but got: \"a\".", "1:4"))
        #expect(lexError("1_234")! == ("Syntax Error: Invalid number, expected digit but got: \"_\".", "1:2"))
        #expect(lexError("1\u{00DF}") == nil || lexError("1\u{00DF}")!.0.hasPrefix("Syntax Error: Unexpected character"))
    }

    @Test func strings() throws {
        #expect(try single("\"\"") == (.string, ""))
        #expect(try single("\"simple\"") == (.string, "simple"))
        #expect(try single("\" white space \"") == (.string, " white space "))
        #expect(try single("\"quote \\\"\"") == (.string, "quote \""))
        #expect(try single("\"escaped \\n\\r\\b\\t\\f\"") == (.string, "escaped \n\r\u{08}\t\u{0C}"))
        #expect(try single("\"slashes \\\\ \\/\"") == (.string, "slashes \\ /"))
        #expect(try single("\"unescaped unicode outside BMP \u{1F600}\"") == (.string, "unescaped unicode outside BMP \u{1F600}"))
        #expect(try single("\"unicode \\u1234\\u5678\\u90AB\\uCDEF\"") == (.string, "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"))
        #expect(try single("\"unicode \\u{1234}\\u{5678}\\u{90AB}\\u{CDEF}\"") == (.string, "unicode \u{1234}\u{5678}\u{90AB}\u{CDEF}"))
        #expect(try single("\"string with unicode escape outside BMP \\u{1F600}\"") == (.string, "string with unicode escape outside BMP \u{1F600}"))
        #expect(try single("\"string with minimal unicode escape \\u{0}\"") == (.string, "string with minimal unicode escape \u{0}"))
        #expect(try single("\"string with maximal unicode escape \\u{10FFFF}\"") == (.string, "string with maximal unicode escape \u{10FFFF}"))
        #expect(try single("\"string with maximal minimal unicode escape \\u{00000000}\"") == (.string, "string with maximal minimal unicode escape \u{0}"))
        #expect(try single("\"string with unicode surrogate pair escape \\uD83D\\uDE00\"") == (.string, "string with unicode surrogate pair escape \u{1F600}"))
        #expect(try single("\"string with unicode surrogate pair escape \\uD800\\uDC00\"") == (.string, "string with unicode surrogate pair escape \u{10000}"))
    }

    @Test func stringErrors() throws {
        #expect(lexError("\"")! == ("Syntax Error: Unterminated string.", "1:2"))
        #expect(lexError("\"\"\"")! == ("Syntax Error: Unterminated string.", "1:4"))
        #expect(lexError("\"no end quote")! == ("Syntax Error: Unterminated string.", "1:14"))
        #expect(lexError("'single quotes'")! == ("Syntax Error: Unexpected single quote character ('), did you mean to use a double quote (\")?", "1:1"))
        // Control characters are source characters since the 2021 spec: allowed in strings.
        #expect(try single("\"control \u{7} and null \u{0}\"") == (.string, "control \u{7} and null \u{0}"))
        #expect(malformedUTF8Error([0x22, 0x61, 0xFF, 0x22])! == ("Syntax Error: Invalid character within String: U+00FF.", "1:3"))
        #expect(lexError("\"multi\nline\"")! == ("Syntax Error: Unterminated string.", "1:7"))
        #expect(lexError("\"multi\rline\"")! == ("Syntax Error: Unterminated string.", "1:7"))
        #expect(lexError("\"bad \\z esc\"")! == ("Syntax Error: Invalid character escape sequence: \"\\z\".", "1:6"))
        #expect(lexError("\"bad \\x esc\"")! == ("Syntax Error: Invalid character escape sequence: \"\\x\".", "1:6"))
        #expect(lexError("\"bad \\u1 esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u1 es\".", "1:6"))
        #expect(lexError("\"bad \\u0XX1 esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u0XX1\".", "1:6"))
        #expect(lexError("\"bad \\uFXXX esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\uFXXX\".", "1:6"))
        #expect(lexError("\"bad \\u{} esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{}\".", "1:6"))
        #expect(lexError("\"bad \\u{FXXX} esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{FX\".", "1:6"))
        #expect(lexError("\"bad \\u{FFFF esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{FFFF \".", "1:6"))
        #expect(lexError("\"too high \\u{110000} esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{110000}\".", "1:11"))
        #expect(lexError("\"way too high \\u{12345678} esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{12345678}\".", "1:15"))
        #expect(lexError("\"lone surrogate \\uDEAD esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\uDEAD\".", "1:17"))
        #expect(lexError("\"lone surrogate \\u{DEAD} esc\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\u{DEAD}\".", "1:17"))
        #expect(lexError("\"bad surrogate pair \\uD83D\\uDEZ\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\uD83D\".", "1:21"))
        #expect(lexError("\"trailing surrogate first \\uDE00\\uD83D\"")! == ("Syntax Error: Invalid Unicode escape sequence: \"\\uDE00\".", "1:27"))
    }

    @Test func blockStrings() throws {
        #expect(try single("\"\"\"\"\"\"") == (.blockString, ""))
        #expect(try single("\"\"\"simple\"\"\"") == (.blockString, "simple"))
        #expect(try single("\"\"\" white space \"\"\"") == (.blockString, " white space "))
        #expect(try single("\"\"\"contains \" quote\"\"\"") == (.blockString, "contains \" quote"))
        #expect(try single("\"\"\"contains \\\"\"\" triple quote\"\"\"") == (.blockString, "contains \"\"\" triple quote"))
        #expect(try single("\"\"\"multi\nline\"\"\"") == (.blockString, "multi\nline"))
        #expect(try single("\"\"\"multi\rline\r\nnormalized\"\"\"") == (.blockString, "multi\nline\nnormalized"))
        #expect(try single("\"\"\"unescaped \\n\\r\\b\\t\\f\\u1234\"\"\"") == (.blockString, "unescaped \\n\\r\\b\\t\\f\\u1234"))
        #expect(try single("\"\"\"slashes \\\\ \\/\"\"\"") == (.blockString, "slashes \\\\ \\/"))
        #expect(try single("\"\"\"\n\n        spans\n          multiple\n            lines\n\n        \"\"\"")
                == (.blockString, "spans\n  multiple\n    lines"))
        #expect(try single("\"\"\"  first line keeps its indent\n    second\n      third\"\"\"")
                == (.blockString, "  first line keeps its indent\nsecond\n  third"))
        #expect(try single("\"\"\"\n\t\t\n   \"\"\"") == (.blockString, ""))
    }

    @Test func blockStringErrors() throws {
        #expect(lexError("\"\"\"no end quote")! == ("Syntax Error: Unterminated string.", "1:16"))
        #expect(try single("\"\"\"control \u{7}\"\"\"") == (.blockString, "control \u{7}"))
        #expect(malformedUTF8Error([0x22, 0x22, 0x22, 0xC3, 0x22, 0x22, 0x22])! == ("Syntax Error: Invalid character within String: U+00C3.", "1:4"))
    }

    @Test func unexpectedCharacters() {
        #expect(lexError("..")! == ("Syntax Error: Unexpected \"..\", did you mean \"...\"?", "1:1"))
        #expect(lexError("?")! == ("Syntax Error: Unexpected character: \"?\".", "1:1"))
        #expect(lexError("\u{203B}")! == ("Syntax Error: Unexpected character: U+203B.", "1:1"))
        #expect(lexError("\u{1F600}")! == ("Syntax Error: Unexpected character: U+1F600.", "1:1"))
        #expect(lexError("\u{7}")! == ("Syntax Error: Unexpected character: U+0007.", "1:1"))
        #expect(malformedUTF8Error([0xFF])! == ("Syntax Error: Invalid character: U+00FF.", "1:1"))
        #expect(lexError("a-b")! == ("Syntax Error: Invalid number, expected digit but got: \"b\".", "1:3"))
    }

    @Test func errorsPrintAnExcerptWithACaret() {
        let source = Source("{\n  field(\n    arg: ?\n  )\n}")
        do {
            _ = try Parser.parse(source)
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.printed(with: source) == """
            Syntax Error: Unexpected character: "?".

            GraphQL request:3:10
            2 |   field(
            3 |     arg: ?
              |          ^
            4 |   )
            """)
        }
    }
}
