import Testing
@testable import GraphQLEngine

@Suite struct NoUnusedFragmentsRuleTests {
    let rule: ValidationRuleFactory = { NoUnusedFragmentsRule() }

    @Test func fragmentsReachedFromAnOperationAreUsed() {
        expectValid(rule, """
        {
          human(id: 4) {
            ...HumanFields1
            ... on Human { ...HumanFields2 }
          }
        }
        fragment HumanFields1 on Human { name ...HumanFields3 }
        fragment HumanFields2 on Human { name }
        fragment HumanFields3 on Human { name }
        """)
    }

    @Test func fragmentsMayBeUsedByDifferentOperations() {
        expectValid(rule, """
        query Foo { human(id: 4) { ...HumanFields1 } }
        query Bar { human(id: 4) { ...HumanFields2 } }
        fragment HumanFields1 on Human { name ...HumanFields3 }
        fragment HumanFields2 on Human { name }
        fragment HumanFields3 on Human { name }
        """)
    }

    @Test func unusedFragmentsAreReportedInDocumentOrder() {
        expectErrors(rule, """
        query Foo { human(id: 4) { ...HumanFields1 } }
        fragment Unused1 on Human { name }
        fragment HumanFields1 on Human { name }
        fragment Unused2 on Human { name }
        """, [
            ReportedError("Fragment \"Unused1\" is never used.", ["2:1"]),
            ReportedError("Fragment \"Unused2\" is never used.", ["4:1"]),
        ])
    }

    @Test func fragmentsSpreadOnlyByUnusedFragmentsAreUnused() {
        expectErrors(rule, """
        query Foo { human(id: 4) { ...HumanFields1 } }
        fragment HumanFields1 on Human { name }
        fragment Unused1 on Human { name ...Unused2 }
          fragment Unused2 on Human { name ...Unused1 }
        """, [
            ReportedError("Fragment \"Unused1\" is never used.", ["3:1"]),
            ReportedError("Fragment \"Unused2\" is never used.", ["4:3"]),
        ])
    }

    @Test func undefinedSpreadsAreIgnored() {
        expectErrors(rule, """
        query Foo { human(id: 4) { ...bar } }
        fragment foo on Human { name }
        """, [ReportedError("Fragment \"foo\" is never used.", ["2:1"])])
    }

    @Test func withoutOperationsEveryFragmentIsUnused() {
        expectErrors(rule, "fragment A on Human { ...B } fragment B on Human { name }", [
            ReportedError("Fragment \"A\" is never used.", ["1:1"]),
            ReportedError("Fragment \"B\" is never used.", ["1:30"]),
        ])
    }
}
