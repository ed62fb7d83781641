import Testing
@testable import GraphQLEngine

/// The grammar of executable and type-system documents (spec §2, §3), with graphql-js's messages.
@Suite struct ParserTests {
    func syntaxError(_ text: String, options: ParseOptions = .init()) -> (String, String)? {
        do {
            _ = try Parser.parse(text, options: options)
            return nil
        } catch {
            return (error.message, error.locations.first?.description ?? "")
        }
    }

    @Test func reportsSyntaxErrorsLikeGraphQLJS() {
        #expect(syntaxError("{")! == ("Syntax Error: Expected Name, found <EOF>.", "1:2"))
        #expect(syntaxError("{ ...MissingOn }\nfragment MissingOn Type")! == ("Syntax Error: Expected \"on\", found Name \"Type\".", "2:20"))
        #expect(syntaxError("{ field: {} }")! == ("Syntax Error: Expected Name, found \"{\".", "1:10"))
        #expect(syntaxError("notAnOperation Foo { field }")! == ("Syntax Error: Unexpected Name \"notAnOperation\".", "1:1"))
        #expect(syntaxError("...")! == ("Syntax Error: Unexpected \"...\".", "1:1"))
        #expect(syntaxError("{ \"\"")! == ("Syntax Error: Expected Name, found String \"\".", "1:3"))
        #expect(syntaxError("query Foo($x: Complex = { a: { b: [ $var ] } }) { field }")!
                == ("Syntax Error: Unexpected variable \"$var\" in constant value.", "1:37"))
        #expect(syntaxError("fragment on on on { on }")! == ("Syntax Error: Unexpected Name \"on\".", "1:10"))
        #expect(syntaxError("{ ...on }")! == ("Syntax Error: Expected Name, found \"}\".", "1:9"))
        #expect(syntaxError("query Foo() { a }")! == ("Syntax Error: Expected \"$\", found \")\".", "1:11"))
        #expect(syntaxError("{ a(b: 1,) }") == nil)
        #expect(syntaxError("{ a() }")! == ("Syntax Error: Expected Name, found \")\".", "1:5"))
        #expect(syntaxError("query { a } extra")! == ("Syntax Error: Unexpected Name \"extra\".", "1:13"))
        #expect(syntaxError("")! == ("Syntax Error: Unexpected <EOF>.", "1:1"))
        #expect(syntaxError("\"desc\" { a }")! == ("Syntax Error: Unexpected description, descriptions are not supported on shorthand queries.", "1:1"))
        #expect(syntaxError("\"desc\" extend type A { b: Int }")! == ("Syntax Error: Unexpected description, only GraphQL definitions support descriptions.", "1:1"))
    }

    @Test func parsesOperationsWithEverySyntaxFeature() throws {
        let document = try Parser.parse("""
        query Q($id: ID! = "1" @onVariableDefinition, $list: [[Int!]]) @onQuery {
          alias: node(id: $id, n: -1.5e3, s: "x", b: true, z: null, e: ENUM, l: [1, $list], o: {a: {b: [1]}}) {
            ... on User @include(if: true) { name }
            ...Frag @skip(if: false)
            ... { id }
          }
        }
        fragment Frag on User { id }
        """)
        #expect(document.definitions.count == 2)
        let op = try #require(document.operations.first)
        #expect(op.operation == .query && op.name?.value == "Q")
        #expect(op.variableDefinitions.count == 2)
        #expect(op.variableDefinitions[0].defaultValue == .string(StringValueNode("1", loc: op.variableDefinitions[0].defaultValue!.loc)))
        #expect(op.variableDefinitions[0].directives.first?.name.value == "onVariableDefinition")
        #expect(Printer.print(op.variableDefinitions[1].type) == "[[Int!]]")
        guard case .field(let field) = op.selectionSet.selections[0] else {
            Issue.record("expected a field")
            return
        }
        #expect(field.alias?.value == "alias" && field.name.value == "node" && field.responseName == "alias")
        #expect(field.arguments.map(\.name.value) == ["id", "n", "s", "b", "z", "e", "l", "o"])
        #expect(field.arguments[1].value == .float(FloatValueNode("-1.5e3", loc: field.arguments[1].value.loc)))
        let selections = field.selectionSet?.selections ?? []
        #expect(selections.count == 3)
        if case .inlineFragment(let inline) = selections[0] {
            #expect(inline.typeCondition?.name.value == "User")
        } else { Issue.record("expected an inline fragment") }
        if case .fragmentSpread(let spread) = selections[1] {
            #expect(spread.name.value == "Frag" && spread.directives.count == 1)
        } else { Issue.record("expected a spread") }
        if case .inlineFragment(let inline) = selections[2] {
            #expect(inline.typeCondition == nil)
        } else { Issue.record("expected an inline fragment without type condition") }
    }

    @Test func locationsCoverTheirNodes() throws {
        let document = try Parser.parse("{ id }")
        #expect(document.loc == Location(start: 0, end: 6))
        let op = try #require(document.operations.first)
        #expect(op.selectionSet.loc == Location(start: 0, end: 6))
        guard case .field(let f) = op.selectionSet.selections[0] else { return }
        #expect(f.loc == Location(start: 2, end: 4))
        #expect(f.name.loc == Location(start: 2, end: 4))
        let noLoc = try Parser.parse("{ id }", options: ParseOptions(noLocation: true))
        #expect(noLoc.loc == .none)
        #expect(noLoc == (try Parser.parse("{\n  id\n}", options: ParseOptions(noLocation: true))))
    }

    @Test func parsesTypeSystemDocuments() throws {
        let document = try Parser.parse("""
        "The schema"
        schema @a { query: Q mutation: M }
        \"""
        A block description
        \"""
        type T implements & I & J @d { "f" f(a: Int = 1 @d, "b" b: [String!]! = ["x"]): String @deprecated(reason: "no") }
        interface I implements J { f: String }
        union U = | A | B
        enum E { A @deprecated B }
        input In @oneOf { a: Int b: String = "x" }
        scalar Date @specifiedBy(url: "https://example.com")
        directive @d(a: Int) repeatable on FIELD_DEFINITION | OBJECT
        extend schema @a
        extend scalar Date @x
        extend type T implements K { g: Int }
        extend interface I @x
        extend union U = C
        extend enum E { C }
        extend input In { c: Int }
        """, options: .schema)
        #expect(document.definitions.count == 15)
        guard case .typeSystem(.type(let t)) = document.definitions[1] else {
            Issue.record("expected a type definition")
            return
        }
        #expect(t.kind == .object && t.description?.value == "A block description" && t.description?.block == true)
        #expect(t.interfaces.map(\.name.value) == ["I", "J"])
        #expect(t.fields[0].arguments.map(\.name.value) == ["a", "b"])
        #expect(t.fields[0].arguments[1].description?.value == "b")
        guard case .typeSystem(.directive(let d)) = document.definitions[7] else {
            Issue.record("expected a directive definition")
            return
        }
        #expect(d.repeatable && d.locations.map(\.value) == ["FIELD_DEFINITION", "OBJECT"])
        guard case .typeSystemExtension(.type(let ext)) = document.definitions[10] else {
            Issue.record("expected a type extension")
            return
        }
        #expect(ext.kind == .object && ext.interfaces.map(\.name.value) == ["K"] && ext.fields.count == 1)
    }

    @Test func typeSystemErrors() {
        #expect(syntaxError("enum Hello { true }")! == ("Syntax Error: Name \"true\" is reserved and cannot be used for an enum value.", "1:14"))
        #expect(syntaxError("extend scalar Hello")! == ("Syntax Error: Unexpected <EOF>.", "1:20"))
        #expect(syntaxError("extend type Hello")! == ("Syntax Error: Unexpected <EOF>.", "1:18"))
        #expect(syntaxError("directive @d on NOWHERE")! == ("Syntax Error: Unexpected Name \"NOWHERE\".", "1:17"))
        #expect(syntaxError("union U = ")! == ("Syntax Error: Expected Name, found <EOF>.", "1:11"))
        #expect(syntaxError("type T { f(): Int }")! == ("Syntax Error: Expected Name, found \")\".", "1:12"))
        #expect(syntaxError("input I { a: Int = $v }")! == ("Syntax Error: Unexpected variable \"$v\" in constant value.", "1:20"))
        #expect(syntaxError("extend foo")! == ("Syntax Error: Unexpected Name \"foo\".", "1:8"))
    }

    @Test func parsesValuesAndTypesAlone() throws {
        #expect(try Parser.parseValue("[123 \"abc\"]") == .list(ListValueNode([
            .int(IntValueNode("123", loc: Location(start: 1, end: 4))),
            .string(StringValueNode("abc", loc: Location(start: 5, end: 10))),
        ], loc: Location(start: 0, end: 11))))
        #expect(Printer.print(try Parser.parseValue("{a: [1, $x], b: {c: \"\"\"d\"\"\"}}")) == "{a: [1, $x], b: {c: \"\"\"d\"\"\"}}")
        #expect(Printer.print(try Parser.parseType("[MyType!]!")) == "[MyType!]!")
        #expect(throws: GraphQLError.self) { try Parser.parseType("[MyType") }
    }

    @Test func hostileDocumentsFailFast() {
        let nested = String(repeating: "[", count: 100_000)
        let deep = syntaxError("{ f(a: \(nested)) }")
        #expect(deep?.0 == "Syntax Error: Document nesting is deeper than 128 levels. Parsing aborted.")

        let braces = "{ a " + String(repeating: "{ a ", count: 100_000)
        #expect(syntaxError(braces)?.0 == "Syntax Error: Document nesting is deeper than 128 levels. Parsing aborted.")

        let manyTokens = "{ " + String(repeating: "a ", count: 1_000_000) + "}"
        #expect(syntaxError(manyTokens)?.0 == "Syntax Error: Document contains more than 15000 tokens. Parsing aborted.")

        // 10 MB of a single comment and then nothing: lexed in one pass, rejected as empty.
        let huge = "#" + String(repeating: "x", count: 10_000_000)
        #expect(syntaxError(huge)?.0 == "Syntax Error: Unexpected <EOF>.")

        #expect(syntaxError("{ a b c }", options: ParseOptions(maxTokens: 3))?.0
                == "Syntax Error: Document contains more than 3 tokens. Parsing aborted.")
        #expect(syntaxError("{ a b }", options: ParseOptions(maxTokens: 4)) == nil)
    }
}
