import Foundation
import Testing
@testable import GraphQLEngine

/// The printer's output is compared with what graphql-js's `print()` (v16) writes for the same input.
@Suite struct PrinterTests {
    // MARK: Kitchen sinks

    @Test func kitchenSinkReparsesToTheSameAST() throws {
        let original = try parseNoLoc(try fixture("kitchen-sink"))
        let printed = Printer.print(original)
        #expect(try parseNoLoc(printed) == original)
    }

    @Test func schemaKitchenSinkReparsesToTheSameAST() throws {
        let original = try parseNoLoc(try fixture("schema-kitchen-sink"))
        let printed = Printer.print(original)
        #expect(try parseNoLoc(printed) == original)
    }

    @Test(arguments: ["kitchen-sink", "schema-kitchen-sink"])
    func printingIsIdempotent(_ name: String) throws {
        let once = Printer.print(try parseNoLoc(try fixture(name)))
        let twice = Printer.print(try parseNoLoc(once))
        #expect(twice == once)
    }

    @Test func locationsDoNotChangeThePrint() throws {
        let text = try fixture("kitchen-sink")
        #expect(Printer.print(try Parser.parse(text)) == Printer.print(try parseNoLoc(text)))
    }

    @Test func kitchenSinkPrintsTheExpectedLayout() throws {
        let printed = Printer.print(try parseNoLoc(try fixture("kitchen-sink")))
        // Variable definitions with a description go one per line, unindented (as graphql-js).
        #expect(printed.hasPrefix("""
            \"\"\"
            Loads a contact card with its open deals.
              Indented lines keep their relative indentation.
            \"\"\"
            query ContactCard(
            "The contact to load."
            $id: ID! = "c-1"
            $dealLimit: Int = 10 @budget(max: 50)
            """))
        #expect(printed.contains("""
            ) @cached(ttl: 30) {
              contact: node(id: $id) {
                id
                __typename
                ... on Contact @defer(label: "card") {
            """))
        // `query {` is the shorthand. A block string argument makes the line long, so the arguments
        // wrap; its lines are indented with them, the blank one too.
        #expect(printed.contains("""
            {
              note(
                body: \"\"\"
                Dear customer,

                  thanks for the "quick" reply: \\\"\"\" stays escaped.
                Regards
                \"\"\"
                raw: \"\"\"single line\"\"\"
              ) {
                id
              }
              empty: echo(value: "", block: \"\"\"\"\"\")
            }
            """.replacingOccurrences(of: "\n\n", with: "\n    \n")))
        #expect(printed.contains("""
            "A row of the deal table."
            fragment DealRow on Deal @tableRow(columns: 4) {
            """))
        #expect(printed.contains("""
            text: "café \\"quoted\\" back\\\\slash tab\\t nl\\n 😀 😀 /"
            """))
        #expect(!printed.hasSuffix("\n"))
    }

    @Test func schemaKitchenSinkPrintsTheExpectedLayout() throws {
        let printed = Printer.print(try parseNoLoc(try fixture("schema-kitchen-sink")))
        #expect(printed.contains("""
            interface Owned implements Node & Timestamped @audited {
              id: ID!
              createdAt: DateTime!
              owner(
                \"\"\"
                Resolve to the **current** owner,
                even after a handover.
                \"\"\"
                current: Boolean = true
                "Fallback user id."
                fallback: ID
              ): User
            }
            """))
        // Without descriptions, argument definitions stay on one line however long.
        #expect(printed.contains("""
            filter: DealFilter = {stages: [NEW, QUALIFIED], amountAbove: 1.5e3, closed: false, note: null}): DealConnection!
            """))
        #expect(printed.contains("\nunion Participant @polymorphic = Contact | User\n"))
        #expect(printed.contains("""
            directive @weight(
              value: Int! = 1
              "Why this weight."
              reason: String
            ) repeatable on ENUM_VALUE | FIELD_DEFINITION
            """))
        #expect(printed.contains("\ndirective @audited on OBJECT | INTERFACE\n"))
        #expect(printed.contains("""
            input DealFilter @oneOf {
              stages: [DealStage!] = []
              amountAbove: Float = -0.0
              closed: Boolean
              "Free text."
              note: String = \"\"\"
              Multi-line
                default
              \"\"\"
            """))
        #expect(printed.hasSuffix("""
            extend schema @audited

            extend schema {
              subscription: Subscription
            }

            extend scalar Decimal @specifiedBy(url: "https://example.com/decimal")

            extend type User implements Timestamped @audited {
              createdAt: DateTime!
            }

            extend type Query {
              node(id: ID!): Node
              search(text: String!, first: Int = 10): [SearchResult!]!
            }

            extend interface Node @audited

            extend interface Owned implements Timestamped {
              transferredAt: DateTime
            }

            extend union SearchResult = User

            extend union Participant @audited

            extend enum DealStage {
              ARCHIVED
            }

            extend enum DealStage @audited

            extend input DealFilter {
              owner: ID
            }

            extend input DealFilter @audited
            """))
    }

    // MARK: Executable documents

    @Test func anonymousQueryPrintsAsShorthand() throws {
        #expect(try reprint("query { a b }") == "{\n  a\n  b\n}")
        #expect(try reprint("{ a }") == "{\n  a\n}")
    }

    @Test func anythingBeforeTheSelectionSetKeepsTheKeyword() throws {
        #expect(try reprint("query Q { a }") == "query Q {\n  a\n}")
        #expect(try reprint("query ($v: Int) { a }") == "query ($v: Int) {\n  a\n}")
        #expect(try reprint("query @live { a }") == "query @live {\n  a\n}")
        #expect(try reprint("mutation { a }") == "mutation {\n  a\n}")
        #expect(try reprint("subscription S { a }") == "subscription S {\n  a\n}")
    }

    @Test func printsAQueryWithEveryExecutableForm() throws {
        let text = """
            query Q($a: Int = 1, $b: [String!]! @x, $c: In = {k: [1, 2.5, "s", true, null, E]}) @d(k: $a) {
              alias: field(arg: {k: [$a, [$c]]}) @skip(if: false) @include(if: true) {
                ...Frag @f
                ... on T @i {
                  x
                }
                ... @only {
                  y
                }
                ... {
                  z
                }
              }
            }

            fragment Frag on T @fd {
              w
            }
            """
        #expect(try reprint(text) == text)
    }

    @Test func reformatsCompactText() throws {
        let compact = #"query Q($id:ID!,$n:Int=5){node(id:$id){...on User{name friends(first:$n){id}}}}"#
        #expect(try reprint(compact) == """
            query Q($id: ID!, $n: Int = 5) {
              node(id: $id) {
                ... on User {
                  name
                  friends(first: $n) {
                    id
                  }
                }
              }
            }
            """)
    }

    @Test func longArgumentListsWrapOnePerLine() throws {
        let text = "{trip(wheelchair:false arriveBy:false includePlannedCancellations:true transitDistanceReluctance:2000){dateTime}}"
        #expect(try reprint(text) == """
            {
              trip(
                wheelchair: false
                arriveBy: false
                includePlannedCancellations: true
                transitDistanceReluctance: 2000
              ) {
                dateTime
              }
            }
            """)
    }

    @Test func argumentsWrapOnlyPastEightyCharacters() throws {
        // `alias: name(...)` is measured without its indentation: 80 characters stay, 81 wrap.
        func line(_ length: Int) -> (line: String, string: String) {
            let string = String(repeating: "x", count: length - 28)
            return ("f: field(argument: \"\(string)\", b: 1)", string)
        }
        let eighty = line(80).line
        #expect(eighty.count == 80)
        #expect(try reprint("{ a { b { \(eighty) } } }") == "{\n  a {\n    b {\n      \(eighty)\n    }\n  }\n}")

        let eightyOne = line(81)
        #expect(eightyOne.line.count == 81)
        #expect(try reprint("{ \(eightyOne.line) }") == """
            {
              f: field(
                argument: "\(eightyOne.string)"
                b: 1
              )
            }
            """)
    }

    @Test func lineLengthCountsUTF16UnitsAsJavaScriptDoes() throws {
        // 60 × "é" is 120 UTF-8 bytes but 60 UTF-16 units: `f(s: "…")` is 68 long, one line.
        let accented = String(repeating: "é", count: 60)
        #expect(try reprint("{ f(s: \"\(accented)\") }") == "{\n  f(s: \"\(accented)\")\n}")
        // An emoji is two UTF-16 units: 36 of them make the line 80 long, 37 make it 82.
        let emoji36 = String(repeating: "😀", count: 36)
        #expect(try reprint("{ f(s: \"\(emoji36)\") }") == "{\n  f(s: \"\(emoji36)\")\n}")
        let emoji37 = String(repeating: "😀", count: 37)
        #expect(try reprint("{ f(s: \"\(emoji37)\") }") == "{\n  f(\n    s: \"\(emoji37)\"\n  )\n}")
    }

    @Test func directiveArgumentsNeverWrap() throws {
        let long = "@directive(first: \"\(String(repeating: "a", count: 40))\", second: \"\(String(repeating: "b", count: 40))\")"
        #expect(try reprint("{ f \(long) }") == "{\n  f \(long)\n}")
    }

    @Test func valuesPrintOnOneLine() throws {
        let value = try Parser.parseValue(#"{a:[1,-2.5e-3,"s",true,null,ENUM,{b:$v}],c:{}, d: []}"#)
        #expect(Printer.print(value) == #"{a: [1, -2.5e-3, "s", true, null, ENUM, {b: $v}], c: {}, d: []}"#)
        #expect(Printer.print(try Parser.parseType("[[Int!]]!")) == "[[Int!]]!")
    }

    @Test func descriptionsOnOperationsFragmentsAndVariables() {
        let selection = SelectionSetNode(selections: [.field(FieldNode(name: NameNode("a")))])
        let operation = OperationDefinitionNode(
            description: StringValueNode("Fetch a."),
            operation: .query,
            variableDefinitions: [
                VariableDefinitionNode(description: StringValueNode("The id.\nOf a.", block: true),
                                       variable: VariableNode(name: NameNode("id")),
                                       type: .nonNull(NonNullTypeNode(type: .named(NamedTypeNode(name: NameNode("ID"))))),
                                       defaultValue: .string(StringValueNode("x")),
                                       directives: [DirectiveNode(name: NameNode("v"))]),
                VariableDefinitionNode(variable: VariableNode(name: NameNode("n")),
                                       type: .named(NamedTypeNode(name: NameNode("Int")))),
            ],
            selectionSet: selection)
        let fragment = FragmentDefinitionNode(
            description: StringValueNode("Reusable.", block: true), name: NameNode("F"),
            typeCondition: NamedTypeNode(name: NameNode("T")), selectionSet: selection)
        let document = DocumentNode(definitions: [
            .operation(operation),
            .operation(OperationDefinitionNode(description: StringValueNode("Anonymous."), operation: .query,
                                               selectionSet: selection)),
            .fragment(fragment),
        ])
        #expect(Printer.print(document) == """
            "Fetch a."
            query (
            \"\"\"
            The id.
            Of a.
            \"\"\"
            $id: ID! = "x" @v
            $n: Int
            ) {
              a
            }

            "Anonymous."
            query {
              a
            }

            \"\"\"Reusable.\"\"\"
            fragment F on T {
              a
            }
            """)
    }

    @Test func variableDefinitionsWithBlockStringDefaultsGoOnePerLine() throws {
        #expect(try reprint("query Q($a: String = \"\"\"x\ny\"\"\", $b: Int) { f }") == """
            query Q(
            $a: String = \"\"\"
            x
            y
            \"\"\"
            $b: Int
            ) {
              f
            }
            """)
    }

    // MARK: Strings

    @Test func stringsUseGraphQLJSEscapes() {
        let value = "q\" b\\ \u{8}\u{C}\n\r\t \u{0}\u{B}\u{1F} \u{7F}\u{80}\u{85}\u{9F}\u{A0} é 😀 /"
        #expect(Printer.printString(value)
            == #""q\" b\\ \b\f\n\r\t \u0000\u000B\u001F \u007F\u0080\u0085\u009F"# + "\u{A0} é 😀 /\"")
        #expect(Printer.print(ValueNode.string(StringValueNode(""))) == #""""#)
    }

    @Test func escapedStringsRoundTrip() throws {
        let text = #"{ f(s: "\u0001\u00e9\u{1F600}\uD83D\uDE00 \" \\ \/ \b\f\n\r\t") }"#
        #expect(try reprint(text) == "{\n  f(s: \"\\u0001é😀😀 \\\" \\\\ / \\b\\f\\n\\r\\t\")\n}")
    }

    @Test(arguments: [
        ("", #""""""""#),
        ("simple", #""""simple""""#),
        ("  leading space", #""""  leading space""""#),
        ("\tleading tab", "\"\"\"\tleading tab\"\"\""),
        ("two\nlines", "\"\"\"\ntwo\nlines\n\"\"\""),
        ("first\n  indented", "\"\"\"\nfirst\n  indented\n\"\"\""),
        ("  both\n  indented", "\"\"\"\n  both\n  indented\n\"\"\""),
        ("blank\n\nline", "\"\"\"\nblank\n\nline\n\"\"\""),
        ("ends with quote\"", "\"\"\"\nends with quote\"\n\"\"\""),
        ("ends with slash\\", "\"\"\"\nends with slash\\\n\"\"\""),
        ("has \"\"\" inside", #""""has \""" inside""""#),
        ("ends with \"\"\"", "\"\"\"\nends with \\\"\"\"\n\"\"\""),
        ("four \"\"\"\"", "\"\"\"\nfour \\\"\"\"\"\n\"\"\""),
        (String(repeating: "a", count: 70), "\"\"\"" + String(repeating: "a", count: 70) + "\"\"\""),
        (String(repeating: "a", count: 71), "\"\"\"\n" + String(repeating: "a", count: 71) + "\n\"\"\""),
        (" " + String(repeating: "a", count: 71), "\"\"\" " + String(repeating: "a", count: 71) + "\n\"\"\""),
        ("crlf\r\nline", "\"\"\"\ncrlf\r\nline\n\"\"\""),
    ])
    func blockStringsFollowPrintBlockString(_ value: String, _ expected: String) {
        #expect(Printer.printBlockString(value) == expected)
    }

    @Test func blockStringLinesAreIndentedWithTheirNode() throws {
        let text = "type T {\n  \"\"\"\n  One.\n\n  Two.\n  \"\"\"\n  f: Int\n}"
        // graphql-js indents every line of a nested string, the blank one too.
        #expect(try reprint(text) == "type T {\n  \"\"\"\n  One.\n  \n  Two.\n  \"\"\"\n  f: Int\n}")
    }

    // MARK: Type system

    @Test func printsEveryTypeSystemDefinition() throws {
        let text = """
            "The schema."
            schema @d {
              query: Q
              mutation: M
            }

            \"\"\"A date.\"\"\"
            scalar Date @specifiedBy(url: "https://example.com")

            type A implements B & C @d {
              "The a."
              a(x: Int = 1, y: [String!]! = ["a"], z: In = {k: V}): String @deprecated(reason: "old")
              b: [A]
            }

            type Empty

            interface B implements C {
              b: Int
            }

            union U @d = A | B

            enum E @d {
              ONE
              "Two."
              TWO @deprecated
            }

            input I {
              a: Int = 1 @d
              b: Boolean = null
            }

            directive @d(a: Int = -1) repeatable on FIELD | QUERY | SCHEMA

            directive @e on FIELD_DEFINITION
            """
        #expect(try reprint(text) == text)
    }

    @Test func printsEveryExtension() throws {
        let text = """
            extend schema @d {
              subscription: S
            }

            extend scalar Date @d

            extend type A implements D @d {
              z: Int
            }

            extend interface B @d

            extend union U = C

            extend enum E {
              THREE
            }

            extend input I {
              c: String
            }
            """
        #expect(try reprint(text) == text)
    }

    @Test func normalisesOptionalSeparators() throws {
        #expect(try reprint("type A implements & B & C { a: Int }") == "type A implements B & C {\n  a: Int\n}")
        #expect(try reprint("union U =\n | A\n | B") == "union U = A | B")
        #expect(try reprint("directive @d on | FIELD | QUERY") == "directive @d on FIELD | QUERY")
    }

    @Test func argumentDescriptionsPutEachArgumentOnItsOwnLine() throws {
        let text = "interface I { f(\"The a.\" a: Int, b: String = \"x\"): Int }"
        #expect(try reprint(text) == """
            interface I {
              f(
                "The a."
                a: Int
                b: String = "x"
              ): Int
            }
            """)
        // Without descriptions the arguments stay on one line however long it gets.
        let names = (1...12).map { "argument\($0): Int" }.joined(separator: ", ")
        #expect(try reprint("type T { f(\(names)): Int }") == "type T {\n  f(\(names)): Int\n}")
    }

    @Test func extensionsNeverPrintADescription() {
        var definition = TypeDefinitionNode(kind: .object, description: StringValueNode("Ignored."),
                                            name: NameNode("T"), directives: [DirectiveNode(name: NameNode("d"))])
        #expect(Printer.print(TypeSystemExtensionNode.type(definition)) == "extend type T @d")
        definition.kind = .scalar
        #expect(Printer.print(definition) == "\"Ignored.\"\nscalar T @d")
    }

    @Test func printsAnyNodeTheVisitorNames() throws {
        let document = try parseNoLoc("query Q($a: Int) { f(x: [1, $a]) @d { g } }")
        var printed: [ASTNodeKind: String] = [:]
        struct Collect: ASTVisitor {
            var printed: [ASTNodeKind: String] = [:]
            mutating func enter(_ node: ASTNode) -> VisitAction {
                if printed[node.kind] == nil { printed[node.kind] = Printer.print(node) }
                return .continue
            }
        }
        var collect = Collect()
        walk(document, &collect)
        printed = collect.printed
        #expect(printed[.variableDefinition] == "$a: Int")
        #expect(printed[.field] == "f(x: [1, $a]) @d {\n  g\n}")
        #expect(printed[.argument] == "x: [1, $a]")
        #expect(printed[.listValue] == "[1, $a]")
        #expect(printed[.directive] == "@d")
        #expect(printed[.selectionSet] == "{\n  f(x: [1, $a]) @d {\n    g\n  }\n}")
        #expect(printed[.document] == Printer.print(document))
    }
}

// MARK: - Helpers

private func parseNoLoc(_ text: String) throws -> DocumentNode {
    try Parser.parse(text, options: ParseOptions(noLocation: true, maxTokens: nil))
}

private func reprint(_ text: String) throws -> String {
    Printer.print(try parseNoLoc(text))
}

private func fixture(_ name: String) throws -> String {
    guard let url = Bundle.module.url(forResource: name, withExtension: "graphql", subdirectory: "Fixtures") else {
        throw FixtureMissing(name: name)
    }
    return try String(contentsOf: url, encoding: .utf8)
}

private struct FixtureMissing: Error {
    var name: String
}
