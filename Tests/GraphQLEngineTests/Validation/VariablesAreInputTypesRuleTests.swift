import Testing
@testable import GraphQLEngine

@Suite struct VariablesAreInputTypesRuleTests {
    let rule: ValidationRuleFactory = { VariablesAreInputTypesRule() }

    @Test func unknownTypesAreLeftToKnownTypeNames() {
        expectValid(rule, "query Foo($a: Unknown, $b: [[Unknown!]]!) { field(a: $a, b: $b) }")
    }

    @Test func inputTypesAreValid() {
        expectValid(rule, """
        query Foo($a: String, $b: [Boolean!]!, $c: ComplexInput, $d: FurColor = BROWN) {
          field(a: $a, b: $b, c: $c, d: $d)
        }
        """)
    }

    @Test func outputTypesAreReportedWithTheTypeAsWritten() {
        expectErrors(rule, "query Foo($a: Dog, $b: [[CatOrDog!]]!, $c: Pet) { field(a: $a, b: $b, c: $c) }", [
            ReportedError("Variable \"$a\" cannot be non-input type \"Dog\".", ["1:15"]),
            ReportedError("Variable \"$b\" cannot be non-input type \"[[CatOrDog!]]!\".", ["1:24"]),
            ReportedError("Variable \"$c\" cannot be non-input type \"Pet\".", ["1:44"]),
        ])
    }
}
