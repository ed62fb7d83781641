import Testing
@testable import GraphQLEngine

@Suite struct NoUndefinedVariablesRuleTests {
    let rule: ValidationRuleFactory = { NoUndefinedVariablesRule() }

    @Test func variablesDefinedByTheOperationAreValid() {
        expectValid(rule, """
        query Foo($a: String, $b: String, $c: String) {
          field(a: $a, b: $b, c: $c)
        }
        """)

        expectValid(rule, """
        query Foo($a: String, $b: String, $c: String) {
          field(a: $a) {
            field(b: $b) {
              field(c: $c)
            }
          }
        }
        """)

        expectValid(rule, """
        query Foo($a: String, $b: String, $c: String) {
          ... on Type {
            field(a: $a) {
              field(b: $b) {
                ... on Type {
                  field(c: $c)
                }
              }
            }
          }
        }
        """)

        expectValid(rule, """
        query Foo($a: String) {
          dog @include(if: $a) { name }
        }
        """)
    }

    @Test func variablesInFragmentsAreDefinedByEachOperation() {
        expectValid(rule, """
        query Foo($a: String, $b: String, $c: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a) {
            ...FragB
          }
        }
        fragment FragB on Type {
          field(b: $b) {
            ...FragC
          }
        }
        fragment FragC on Type {
          field(c: $c)
        }
        """)

        expectValid(rule, """
        query Foo($a: String) {
          ...FragA
        }
        query Bar($a: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a)
        }
        """)

        expectValid(rule, """
        query Foo($a: String) {
          ...FragA
        }
        query Bar($b: String) {
          ...FragB
        }
        fragment FragA on Type {
          field(a: $a)
        }
        fragment FragB on Type {
          field(b: $b)
        }
        """)

        expectValid(rule, """
        query Foo($a: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a) {
            ...FragA
          }
        }
        """)
    }

    @Test func undefinedVariablesAreReportedWithTheOperation() {
        expectErrors(rule, """
        query Foo($a: String, $b: String, $c: String) {
          field(a: $a, b: $b, c: $c, d: $d)
        }
        """, [
            ReportedError(#"Variable "$d" is not defined by operation "Foo"."#, ["2:33", "1:1"]),
        ])

        expectErrors(rule, """
        {
          field(a: $a)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined."#, ["2:12", "1:1"]),
        ])

        expectErrors(rule, """
        query Foo($b: String) {
          field(a: $a, b: $b, c: $c)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["2:12", "1:1"]),
            ReportedError(#"Variable "$c" is not defined by operation "Foo"."#, ["2:26", "1:1"]),
        ])
    }

    @Test func undefinedVariablesInFragmentsAreReportedPerOperation() {
        expectErrors(rule, """
        {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined."#, ["5:12", "1:1"]),
        ])

        expectErrors(rule, """
        query Foo($a: String, $b: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a) {
            ...FragB
          }
        }
        fragment FragB on Type {
          field(b: $b) {
            ...FragC
          }
        }
        fragment FragC on Type {
          field(c: $c)
        }
        """, [
            ReportedError(#"Variable "$c" is not defined by operation "Foo"."#, ["15:12", "1:1"]),
        ])

        expectErrors(rule, """
        query Foo($b: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a) {
            ...FragB
          }
        }
        fragment FragB on Type {
          field(b: $b) {
            ...FragC
          }
        }
        fragment FragC on Type {
          field(c: $c)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["5:12", "1:1"]),
            ReportedError(#"Variable "$c" is not defined by operation "Foo"."#, ["15:12", "1:1"]),
        ])

        expectErrors(rule, """
        query Foo($a: String) {
          ...FragAB
        }
        query Bar($a: String) {
          ...FragAB
        }
        fragment FragAB on Type {
          field(a: $a, b: $b)
        }
        """, [
            ReportedError(#"Variable "$b" is not defined by operation "Foo"."#, ["8:19", "1:1"]),
            ReportedError(#"Variable "$b" is not defined by operation "Bar"."#, ["8:19", "4:1"]),
        ])

        expectErrors(rule, """
        query Foo($b: String) {
          ...FragAB
        }
        query Bar($a: String) {
          ...FragAB
        }
        fragment FragAB on Type {
          field(a: $a, b: $b)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["8:12", "1:1"]),
            ReportedError(#"Variable "$b" is not defined by operation "Bar"."#, ["8:19", "4:1"]),
        ])

        expectErrors(rule, """
        query Foo($b: String) {
          ...FragA
        }
        query Bar($a: String) {
          ...FragB
        }
        fragment FragA on Type {
          field(a: $a)
        }
        fragment FragB on Type {
          field(b: $b)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["8:12", "1:1"]),
            ReportedError(#"Variable "$b" is not defined by operation "Bar"."#, ["11:12", "4:1"]),
        ])
    }

    @Test func everyUseIsReported() {
        expectErrors(rule, """
        query Foo($b: String) {
          ...FragAB
        }
        query Bar($a: String) {
          ...FragAB
        }
        fragment FragAB on Type {
          field1(a: $a, b: $b)
          ...FragC
          field3(a: $a, b: $b)
        }
        fragment FragC on Type {
          field2(c: $c)
        }
        """, [
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["8:13", "1:1"]),
            ReportedError(#"Variable "$a" is not defined by operation "Foo"."#, ["10:13", "1:1"]),
            ReportedError(#"Variable "$c" is not defined by operation "Foo"."#, ["13:13", "1:1"]),
            ReportedError(#"Variable "$b" is not defined by operation "Bar"."#, ["8:20", "4:1"]),
            ReportedError(#"Variable "$b" is not defined by operation "Bar"."#, ["10:20", "4:1"]),
            ReportedError(#"Variable "$c" is not defined by operation "Bar"."#, ["13:13", "4:1"]),
        ])
    }

    @Test func usesInUnreferencedFragmentsAreIgnored() {
        expectValid(rule, """
        query Foo {
          dog { name }
        }
        fragment Unused on Dog {
          name(surname: $x)
        }
        """)
    }
}
