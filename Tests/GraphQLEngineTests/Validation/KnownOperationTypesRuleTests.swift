import Testing
@testable import GraphQLEngine

@Suite struct KnownOperationTypesRuleTests {
    let rule: ValidationRuleFactory = { KnownOperationTypesRule() }
    let queryOnly = ValidationHarness.queryOnlySchema

    @Test func operationsWithARootTypeAreValid() {
        expectValid(rule, "{ a }", schema: queryOnly)
        expectValid(rule, "query Q { a }", schema: queryOnly)
        expectValid(rule, "query { dog { name } } mutation { renameDog { name } } subscription { newMessage { body } }")
    }

    @Test func mutationWithoutMutationTypeIsReported() {
        expectErrors(rule, "mutation { a }", [
            ReportedError("The mutation operation is not supported by the schema.", ["1:1"]),
        ], schema: queryOnly)
    }

    @Test func subscriptionWithoutSubscriptionTypeIsReported() {
        expectErrors(rule, "  subscription S { a }", [
            ReportedError("The subscription operation is not supported by the schema.", ["1:3"]),
        ], schema: queryOnly)
    }

    @Test func eachUnsupportedOperationIsReported() {
        expectErrors(rule, """
        query { a }
        mutation { a }
        subscription { a }
        """, [
            ReportedError("The mutation operation is not supported by the schema.", ["2:1"]),
            ReportedError("The subscription operation is not supported by the schema.", ["3:1"]),
        ], schema: queryOnly)
    }
}
