import Testing
@testable import GraphQLEngine

@Suite struct KnownTypeNamesRuleTests {
    let rule: ValidationRuleFactory = { KnownTypeNamesRule() }

    @Test func knownTypesAreValid() {
        expectValid(rule, """
        query Foo($var: String, $required: [Int!]!, $introspectionType: __EnumValue) {
          human(id: 4) {
            pets { ... on Pet { name }, ...PetFields, ... { name } }
          }
        }
        fragment PetFields on Pet { name }
        """)
    }

    @Test func unknownTypesAreReportedWithSuggestions() {
        expectErrors(rule, """
        query Foo($var: [JumbledUpLetters!]!) {
          human(id: 4) {
            name
            pets { ... on Badger { name }, ...PetFields }
          }
        }
        fragment PetFields on Peat { name }
        """, [
            ReportedError("Unknown type \"JumbledUpLetters\".", ["1:18"]),
            ReportedError("Unknown type \"Badger\".", ["4:19"]),
            ReportedError("Unknown type \"Peat\". Did you mean \"Pet\" or \"Cat\"?", ["7:23"]),
        ])
    }

    @Test func closeSchemaTypesAreSuggested() {
        let schema = try! Schema.build(sdl: "type Query { foo: String }")
        expectErrors(rule, "query ($s: Strin, $q: [Qury!]) { foo }", [
            ReportedError("Unknown type \"Strin\". Did you mean \"String\"?", ["1:12"]),
            ReportedError("Unknown type \"Qury\". Did you mean \"Query\"?", ["1:24"]),
        ], schema: schema)
    }

    /// A schema holds only the standard scalars it uses, so an operation may not name the others.
    @Test func unusedStandardScalarsAreUnknownToOperations() {
        let schema = try! Schema.build(sdl: "type Query { foo: String }")
        expectErrors(rule, "query ($id: ID, $float: Float, $d: D) { __typename }", [
            ReportedError("Unknown type \"ID\".", ["1:13"]),
            ReportedError("Unknown type \"Float\".", ["1:25"]),
            ReportedError("Unknown type \"D\".", ["1:36"]),
        ], schema: schema)
    }

    @Test func typesDefinedInTheDocumentAreKnownAndSuggested() {
        let schema = try! Schema.build(sdl: "type Query { a: Alpha } type Alpha { b: String }")
        expectErrors(rule, "query ($x: Local, $y: Locl) { a { b } } scalar Local", [
            ReportedError("Unknown type \"Locl\". Did you mean \"Local\"?", ["1:23"]),
        ], schema: schema)
    }

    @Test func typeSystemDefinitionsMayNameStandardAndDocumentTypes() {
        // The definitions themselves are ExecutableDefinitionsRule's concern.
        expectValid(rule, """
        type Extra { string: String id: ID introspectionType: __EnumValue local: Local dog: Dog }
        scalar Local
        """)
    }

    @Test func typeSystemDefinitionsGetStandardTypesAmongSuggestions() {
        let schema = try! Schema.build(sdl: "type Query { a: Alpha } type Alpha { b: String }")
        expectErrors(rule, """
        type B implements C { e(d: D): E }
        union SomeUnion = F | B
        directive @dir(k: Strng) on QUERY
        schema { query: Q }
        """, [
            ReportedError("Unknown type \"C\". Did you mean \"B\"?", ["1:19"]),
            ReportedError("Unknown type \"D\". Did you mean \"B\" or \"ID\"?", ["1:28"]),
            ReportedError("Unknown type \"E\". Did you mean \"B\"?", ["1:32"]),
            ReportedError("Unknown type \"F\". Did you mean \"B\"?", ["2:19"]),
            ReportedError("Unknown type \"Strng\". Did you mean \"String\"?", ["3:19"]),
            ReportedError("Unknown type \"Q\". Did you mean \"B\"?", ["4:17"]),
        ], schema: schema)
    }
}
