import Testing
@testable import GraphQLEngine

@Suite struct ExecutableDefinitionsRuleTests {
    let rule: ValidationRuleFactory = { ExecutableDefinitionsRule() }

    @Test func operationsAndFragmentsAreExecutable() {
        expectValid(rule, "query Foo { dog { name } }")
        expectValid(rule, """
        query Foo { dog { name ...Frag } }
        fragment Frag on Dog { name }
        """)
    }

    @Test func typeDefinitionsAndExtensionsAreReported() {
        expectErrors(rule, """
        query Foo { dog { name } }
        type Cow { name: String }
        extend type Dog { color: String }
        """, [
            ReportedError("The \"Cow\" definition is not executable.", ["2:1"]),
            ReportedError("The \"Dog\" definition is not executable.", ["3:1"]),
        ])
    }

    @Test func schemaDefinitionsAndExtensionsAreReportedAsSchema() {
        expectErrors(rule, """
        schema { query: Query }
        type Query { test: String }
        extend schema @directive
        """, [
            ReportedError("The schema definition is not executable.", ["1:1"]),
            ReportedError("The \"Query\" definition is not executable.", ["2:1"]),
            ReportedError("The schema definition is not executable.", ["3:1"]),
        ])
    }

    @Test func directiveDefinitionsAreReportedByName() {
        expectErrors(rule, """
        { dog { name } }
          directive @cached on FIELD
        """, [ReportedError("The \"cached\" definition is not executable.", ["2:3"])])
    }
}
