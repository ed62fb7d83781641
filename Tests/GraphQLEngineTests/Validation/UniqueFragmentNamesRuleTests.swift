import Testing
@testable import GraphQLEngine

@Suite struct UniqueFragmentNamesRuleTests {
    let rule: ValidationRuleFactory = { UniqueFragmentNamesRule() }

    @Test func distinctNamesAreValid() {
        expectValid(rule, "{ field }")
        expectValid(rule, "{ ...fragA } fragment fragA on Type { field }")
        expectValid(rule, """
        { ...fragA ...fragB ...fragC }
        fragment fragA on Type { fieldA }
        fragment fragB on Type { fieldB }
        fragment fragC on Type { fieldC }
        """)
    }

    @Test func inlineFragmentsAndOperationsDoNotCount() {
        expectValid(rule, "{ ...on Type { fieldA } ...on Type { fieldB } }")
        expectValid(rule, "query Foo { ...Foo } fragment Foo on Type { field }")
    }

    @Test func duplicateNamesAreReportedAtBothNames() {
        expectErrors(rule, """
        { ...fragA }
        fragment fragA on Type { fieldA }
        fragment fragA on Type { fieldB }
        """, [ReportedError("There can be only one fragment named \"fragA\".", ["2:10", "3:10"])])
    }

    @Test func unreferencedDuplicatesAreReportedToo() {
        expectErrors(rule, """
        fragment fragA on Type { fieldA }
        fragment fragA on Type { fieldB }
        fragment fragA on Type { fieldC }
        """, [
            ReportedError("There can be only one fragment named \"fragA\".", ["1:10", "2:10"]),
            ReportedError("There can be only one fragment named \"fragA\".", ["1:10", "3:10"]),
        ])
    }
}
