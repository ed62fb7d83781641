import Testing
@testable import GraphQLEngine

@Suite struct UniqueVariableNamesRuleTests {
    let rule: ValidationRuleFactory = { UniqueVariableNamesRule() }

    @Test func distinctNamesAreValid() {
        expectValid(rule, """
        query A($x: Int, $y: String) { __typename }
        query B($x: String, $y: Int) { __typename }
        """)

        expectValid(rule, """
        { __typename }
        """)
    }

    @Test func eachDuplicatedNameIsReportedOncePerOperation() {
        expectErrors(rule, """
        query A($x: Int, $x: Int, $x: String) { __typename }
        query B($x: String, $x: Int) { __typename }
        query C($x: Int, $x: Int) { __typename }
        """, [
            ReportedError(#"There can be only one variable named "$x"."#, ["1:10", "1:19", "1:28"]),
            ReportedError(#"There can be only one variable named "$x"."#, ["2:10", "2:22"]),
            ReportedError(#"There can be only one variable named "$x"."#, ["3:10", "3:19"]),
        ])
    }

    @Test func differentDuplicatedNamesAreReportedInOrder() {
        expectErrors(rule, """
        query ($a: Int, $b: Int, $a: Int, $b: Int, $c: Int) { __typename }
        """, [
            ReportedError(#"There can be only one variable named "$a"."#, ["1:9", "1:27"]),
            ReportedError(#"There can be only one variable named "$b"."#, ["1:18", "1:36"]),
        ])
    }
}
