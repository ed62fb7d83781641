import Testing
@testable import GraphQLEngine

@Suite struct NoFragmentCyclesRuleTests {
    let rule: ValidationRuleFactory = { NoFragmentCyclesRule() }

    @Test func spreadsWithoutCyclesAreValid() {
        expectValid(rule, """
        fragment fragA on Dog { ...fragB }
        fragment fragB on Dog { name }
        """)
        expectValid(rule, """
        fragment fragA on Dog { ...fragB, ...fragB }
        fragment fragB on Dog { name }
        """)
        expectValid(rule, """
        fragment fragA on Dog { ...fragB, ...fragC }
        fragment fragB on Dog { ...fragC }
        fragment fragC on Dog { name }
        """)
        expectValid(rule, """
        fragment nameFragment on Pet { ... on Dog { name } ... on Cat { name } }
        fragment spreadsInAnon on Pet { ... on Dog { ...nameFragment } ... on Cat { ...nameFragment } }
        """)
    }

    @Test func unknownFragmentsAreIgnored() {
        expectValid(rule, "fragment nameFragment on Pet { ...UnknownFragment }")
    }

    @Test func spreadingItselfIsReported() {
        expectErrors(rule, "fragment fragA on Dog { ...fragA }", [
            ReportedError("Cannot spread fragment \"fragA\" within itself.", ["1:25"]),
        ])
        expectErrors(rule, "fragment fragA on Human { relatives { ...fragA } },", [
            ReportedError("Cannot spread fragment \"fragA\" within itself.", ["1:39"]),
        ])
        expectErrors(rule, """
        fragment fragA on Pet {
          ... on Dog {
            ...fragA
          }
        }
        """, [ReportedError("Cannot spread fragment \"fragA\" within itself.", ["3:5"])])
    }

    @Test func indirectCycleIsReportedOnceFromTheFirstFragment() {
        expectErrors(rule, """
        fragment fragA on Dog { ...fragB }
        fragment fragB on Dog { ...fragA }
        """, [ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragB\".", ["1:25", "2:25"])])
        expectErrors(rule, """
        fragment fragB on Dog { ...fragA }
        fragment fragA on Dog { ...fragB }
        """, [ReportedError("Cannot spread fragment \"fragB\" within itself via \"fragA\".", ["1:25", "2:25"])])
        expectErrors(rule, """
        fragment fragA on Pet { ... on Dog { ...fragB } }
        fragment fragB on Pet { ... on Dog { ...fragA } }
        """, [ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragB\".", ["1:38", "2:38"])])
    }

    @Test func deepCyclesAreReportedWithTheirWholePath() {
        expectErrors(rule, """
        fragment fragA on Dog { ...fragB }
        fragment fragB on Dog { ...fragC }
        fragment fragC on Dog { ...fragO }
        fragment fragX on Dog { ...fragY }
        fragment fragY on Dog { ...fragZ }
        fragment fragZ on Dog { ...fragO }
        fragment fragO on Dog { ...fragP }
        fragment fragP on Dog { ...fragA, ...fragX }
        """, [
            ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragB\", \"fragC\", \"fragO\", \"fragP\".",
                          ["1:25", "2:25", "3:25", "7:25", "8:25"]),
            ReportedError("Cannot spread fragment \"fragO\" within itself via \"fragP\", \"fragX\", \"fragY\", \"fragZ\".",
                          ["7:25", "8:35", "4:25", "5:25", "6:25"]),
        ])
    }

    @Test func everyPathBackIsReported() {
        expectErrors(rule, """
        fragment fragA on Dog { ...fragB, ...fragC }
        fragment fragB on Dog { ...fragA }
        fragment fragC on Dog { ...fragA }
        """, [
            ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragB\".", ["1:25", "2:25"]),
            ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragC\".", ["1:35", "3:25"]),
        ])
        expectErrors(rule, """
        fragment fragA on Dog { ...fragC }
        fragment fragB on Dog { ...fragC }
        fragment fragC on Dog { ...fragA, ...fragB }
        """, [
            ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragC\".", ["1:25", "3:25"]),
            ReportedError("Cannot spread fragment \"fragC\" within itself via \"fragB\".", ["3:35", "2:25"]),
        ])
    }

    @Test func immediateAndDeepCyclesAreBothReported() {
        expectErrors(rule, """
        fragment fragA on Dog { ...fragB }
        fragment fragB on Dog { ...fragB, ...fragC }
        fragment fragC on Dog { ...fragA, ...fragB }
        """, [
            ReportedError("Cannot spread fragment \"fragB\" within itself.", ["2:25"]),
            ReportedError("Cannot spread fragment \"fragA\" within itself via \"fragB\", \"fragC\".", ["1:25", "2:35", "3:25"]),
            ReportedError("Cannot spread fragment \"fragB\" within itself via \"fragC\".", ["2:35", "3:35"]),
        ])
    }

    @Test func operationsAreNotPartOfCycles() {
        expectValid(rule, """
        query Q { dog { ...fragA } }
        fragment fragA on Dog { name }
        """)
    }
}
