import Testing
@testable import GraphQLEngine

@Suite struct UniqueArgumentNamesRuleTests {
    let rule: ValidationRuleFactory = { UniqueArgumentNamesRule() }

    @Test func distinctArgumentsAreValid() {
        expectValid(rule, """
        {
          field
        }
        """)

        expectValid(rule, """
        {
          field @directive
        }
        """)

        expectValid(rule, """
        {
          field(arg: "value")
        }
        """)

        expectValid(rule, """
        {
          field @directive(arg: "value")
        }
        """)

        expectValid(rule, """
        {
          one: field(arg: "value")
          two: field(arg: "value")
        }
        """)

        expectValid(rule, """
        {
          field(arg: "value") @directive(arg: "value")
        }
        """)

        expectValid(rule, """
        {
          field @directive1(arg: "value") @directive2(arg: "value")
        }
        """)

        expectValid(rule, """
        {
          field(arg1: "value", arg2: "value", arg3: "value")
        }
        """)

        expectValid(rule, """
        {
          field @directive(arg1: "value", arg2: "value", arg3: "value")
        }
        """)
    }

    @Test func duplicateFieldArgumentsAreReportedTogether() {
        expectErrors(rule, """
        {
          field(arg1: "value", arg1: "value")
        }
        """, [
            ReportedError(#"There can be only one argument named "arg1"."#, ["2:9", "2:24"]),
        ])

        expectErrors(rule, """
        {
          field(arg1: "value", arg1: "value", arg1: "value")
        }
        """, [
            ReportedError(#"There can be only one argument named "arg1"."#, ["2:9", "2:24", "2:39"]),
        ])

        expectErrors(rule, """
        {
          field(a: 1, b: 2, a: 3, b: 4)
        }
        """, [
            ReportedError(#"There can be only one argument named "a"."#, ["2:9", "2:21"]),
            ReportedError(#"There can be only one argument named "b"."#, ["2:15", "2:27"]),
        ])
    }

    @Test func duplicateDirectiveArgumentsAreReportedTogether() {
        expectErrors(rule, """
        {
          field @directive(arg1: "value", arg1: "value")
        }
        """, [
            ReportedError(#"There can be only one argument named "arg1"."#, ["2:20", "2:35"]),
        ])

        expectErrors(rule, """
        {
          field @directive(arg1: "value", arg1: "value", arg1: "value")
        }
        """, [
            ReportedError(#"There can be only one argument named "arg1"."#, ["2:20", "2:35", "2:50"]),
        ])
    }
}
