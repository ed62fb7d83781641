import Testing
@testable import GraphQLEngine

@Suite struct KnownFragmentNamesRuleTests {
    let rule: ValidationRuleFactory = { KnownFragmentNamesRule() }

    @Test func definedFragmentsAreValid() {
        expectValid(rule, """
        {
          human(id: 4) {
            ...HumanFields1
            ... on Human { ...HumanFields2 }
            ... { name }
          }
        }
        fragment HumanFields1 on Human { name ...HumanFields3 }
        fragment HumanFields2 on Human { name }
        fragment HumanFields3 on Human { name }
        """)
    }

    @Test func undefinedFragmentsAreReportedAtTheirNames() {
        expectErrors(rule, """
        {
          human(id: 4) {
            ...UnknownFragment1
            ... on Human { ...UnknownFragment2 }
          }
        }
        fragment HumanFields on Human {
          name
          ...UnknownFragment3
        }
        """, [
            ReportedError("Unknown fragment \"UnknownFragment1\".", ["3:8"]),
            ReportedError("Unknown fragment \"UnknownFragment2\".", ["4:23"]),
            ReportedError("Unknown fragment \"UnknownFragment3\".", ["9:6"]),
        ])
    }
}
