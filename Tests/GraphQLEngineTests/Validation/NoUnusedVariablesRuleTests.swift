import Testing
@testable import GraphQLEngine

@Suite struct NoUnusedVariablesRuleTests {
    let rule: ValidationRuleFactory = { NoUnusedVariablesRule() }

    @Test func usedVariablesAreValid() {
        expectValid(rule, """
        query ($a: String, $b: String, $c: String) {
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
        query Foo($a: Boolean!, $b: Int) {
          dog @skip(if: $a) { isAtLocation(x: [$b]) }
        }
        """)
    }

    @Test func variablesUsedInFragmentsAreValid() {
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

    @Test func unusedVariablesAreReported() {
        expectErrors(rule, """
        query ($a: String, $b: String, $c: String) {
          field(a: $a, b: $b)
        }
        """, [
            ReportedError(#"Variable "$c" is never used."#, ["1:32"]),
        ])

        expectErrors(rule, """
        query Foo($a: String, $b: String, $c: String) {
          field(b: $b)
        }
        """, [
            ReportedError(#"Variable "$a" is never used in operation "Foo"."#, ["1:11"]),
            ReportedError(#"Variable "$c" is never used in operation "Foo"."#, ["1:35"]),
        ])
    }

    @Test func variablesUnusedThroughFragmentsAreReported() {
        expectErrors(rule, """
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
          field
        }
        """, [
            ReportedError(#"Variable "$c" is never used in operation "Foo"."#, ["1:35"]),
        ])

        expectErrors(rule, """
        query Foo($a: String, $b: String, $c: String) {
          ...FragA
        }
        fragment FragA on Type {
          field {
            ...FragB
          }
        }
        fragment FragB on Type {
          field(b: $b) {
            ...FragC
          }
        }
        fragment FragC on Type {
          field
        }
        """, [
            ReportedError(#"Variable "$a" is never used in operation "Foo"."#, ["1:11"]),
            ReportedError(#"Variable "$c" is never used in operation "Foo"."#, ["1:35"]),
        ])

        expectErrors(rule, """
        query Foo($b: String) {
          ...FragA
        }
        fragment FragA on Type {
          field(a: $a)
        }
        fragment FragB on Type {
          field(b: $b)
        }
        """, [
            ReportedError(#"Variable "$b" is never used in operation "Foo"."#, ["1:11"]),
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
            ReportedError(#"Variable "$b" is never used in operation "Foo"."#, ["1:11"]),
            ReportedError(#"Variable "$a" is never used in operation "Bar"."#, ["4:11"]),
        ])
    }

    @Test func aDefaultValueIsNotAUse() {
        expectErrors(rule, """
        query Foo($a: Int = 1, $b: Int = 2) {
          field(a: $a)
        }
        """, [
            ReportedError(#"Variable "$b" is never used in operation "Foo"."#, ["1:24"]),
        ])
    }
}
