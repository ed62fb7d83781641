import Testing
@testable import GraphQLEngine

@Suite struct FragmentsOnCompositeTypesRuleTests {
    let rule: ValidationRuleFactory = { FragmentsOnCompositeTypesRule() }

    @Test func objectsInterfacesAndUnionsAreValidConditions() {
        expectValid(rule, "fragment validFragment on Dog { barks }")
        expectValid(rule, "fragment validFragment on Pet { name }")
        expectValid(rule, "fragment validFragment on CatOrDog { __typename }")
        expectValid(rule, "fragment validFragment on Pet { ... on Dog { barks } }")
        expectValid(rule, "fragment validFragment on Mammal { ... on Canine { name } }")
        expectValid(rule, "fragment validFragment on Pet { ... { name } }")
    }

    @Test func unknownTypesAreLeftToKnownTypeNames() {
        expectValid(rule, "fragment f on Unknown { name ... on AlsoUnknown { name } }")
    }

    @Test func scalarEnumAndInputConditionsOfFragmentsAreReported() {
        expectErrors(rule, "fragment scalarFragment on Boolean { bad }", [
            ReportedError("Fragment \"scalarFragment\" cannot condition on non composite type \"Boolean\".", ["1:28"]),
        ])
        expectErrors(rule, "fragment enumFragment on FurColor { bad }", [
            ReportedError("Fragment \"enumFragment\" cannot condition on non composite type \"FurColor\".", ["1:26"]),
        ])
        expectErrors(rule, """
        fragment inputFragment on
          ComplexInput { stringField }
        """, [
            ReportedError("Fragment \"inputFragment\" cannot condition on non composite type \"ComplexInput\".", ["2:3"]),
        ])
    }

    @Test func scalarConditionOfInlineFragmentIsReported() {
        expectErrors(rule, """
        fragment invalidFragment on Pet {
          ... on String { barks }
        }
        """, [ReportedError("Fragment cannot condition on non composite type \"String\".", ["2:10"])])
    }
}
