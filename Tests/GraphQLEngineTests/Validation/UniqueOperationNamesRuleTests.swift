import Testing
@testable import GraphQLEngine

@Suite struct UniqueOperationNamesRuleTests {
    let rule: ValidationRuleFactory = { UniqueOperationNamesRule() }

    @Test func anonymousAndDistinctNamesAreValid() {
        expectValid(rule, "{ dog { name } }")
        expectValid(rule, "query Foo { dog { name } } query Bar { dog { name } }")
        expectValid(rule, "query Foo { dog { name } } fragment Foo on Dog { name }")
        expectValid(rule, "query Foo { dog { name } } mutation Bar { renameDog { name } } subscription Baz { newMessage { body } }")
    }

    @Test func duplicateNamesAreReported() {
        expectErrors(rule, """
        query Foo { dog { name } }
        query Foo { dog { nickname } }
        """, [ReportedError("There can be only one operation named \"Foo\".", ["1:7", "2:7"])])
        expectErrors(rule, """
        query Foo { dog { name } }
        mutation Foo { renameDog { name } }
        """, [ReportedError("There can be only one operation named \"Foo\".", ["1:7", "2:10"])])
    }
}
