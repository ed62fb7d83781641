import Testing
@testable import GraphQLEngine

@Suite struct LoneAnonymousOperationRuleTests {
    let rule: ValidationRuleFactory = { LoneAnonymousOperationRule() }
    let message = "This anonymous operation must be the only defined operation."

    @Test func aloneOrNamedIsValid() {
        expectValid(rule, "fragment fragA on Type { field }")
        expectValid(rule, "{ field }")
        expectValid(rule, "query Foo { field } query Bar { field }")
        expectValid(rule, "{ ...Foo } fragment Foo on Type { field }")
    }

    @Test func everyAnonymousOperationAmongSeveralIsReported() {
        expectErrors(rule, """
        { fieldA }
        { fieldB }
        """, [ReportedError(message, ["1:1"]), ReportedError(message, ["2:1"])])
    }

    @Test func anonymousOperationBesideANamedOneIsReported() {
        expectErrors(rule, """
        { fieldA }
        mutation Foo { fieldB }
        """, [ReportedError(message, ["1:1"])])
        expectErrors(rule, """
        { fieldA }
          subscription Foo { fieldB }
        """, [ReportedError(message, ["1:1"])])
        expectErrors(rule, """
        query Foo { fieldA }
        query { fieldB }
        """, [ReportedError(message, ["2:1"])])
    }
}
