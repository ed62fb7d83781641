import Testing
@testable import GraphQLEngine

@Suite struct UniqueInputFieldNamesRuleTests {
    let rule: ValidationRuleFactory = { UniqueInputFieldNamesRule() }

    @Test func distinctFieldsAreValid() {
        expectValid(rule, """
        {
          field(arg: { f: true })
        }
        """)

        expectValid(rule, """
        {
          field(arg1: { f: true }, arg2: { f: true })
        }
        """)

        expectValid(rule, """
        {
          field(arg: { f1: "value", f2: "value", f3: "value" })
        }
        """)

        expectValid(rule, """
        {
          field(arg: {
            deep: {
              deep: {
                id: 1
              }
              id: 1
            }
            id: 1
          })
        }
        """)
    }

    @Test func eachRepetitionIsReportedWithTheFirst() {
        expectErrors(rule, """
        {
          field(arg: { f1: "value", f1: "value" })
        }
        """, [
            ReportedError(#"There can be only one input field named "f1"."#, ["2:16", "2:29"]),
        ])

        expectErrors(rule, """
        {
          field(arg: { f1: "value", f1: "value", f1: "value" })
        }
        """, [
            ReportedError(#"There can be only one input field named "f1"."#, ["2:16", "2:29"]),
            ReportedError(#"There can be only one input field named "f1"."#, ["2:16", "2:42"]),
        ])

        expectErrors(rule, """
        {
          field(arg: { f1: {f2: "value", f2: "value" }})
        }
        """, [
            ReportedError(#"There can be only one input field named "f2"."#, ["2:21", "2:34"]),
        ])
    }

    @Test func fieldsInListsAndDefaultsAreChecked() {
        expectErrors(rule, """
        query ($v: ComplexInput = { intField: 1, intField: 2 }) {
          field(arg: [{ a: 1 }, { a: 2, a: 3 }])
        }
        """, [
            ReportedError(#"There can be only one input field named "intField"."#, ["1:29", "1:42"]),
            ReportedError(#"There can be only one input field named "a"."#, ["2:27", "2:33"]),
        ])
    }
}
