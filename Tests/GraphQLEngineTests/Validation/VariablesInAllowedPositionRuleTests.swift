import Testing
@testable import GraphQLEngine

@Suite struct VariablesInAllowedPositionRuleTests {
    let rule: ValidationRuleFactory = { VariablesInAllowedPositionRule() }

    @Test func sameTypesAreAllowed() {
        expectValid(rule, """
        query Query($booleanArg: Boolean)
        {
          complicatedArgs {
            booleanArgField(booleanArg: $booleanArg)
          }
        }
        """)

        expectValid(rule, """
        fragment booleanArgFrag on ComplicatedArgs {
          booleanArgField(booleanArg: $booleanArg)
        }
        query Query($booleanArg: Boolean)
        {
          complicatedArgs {
            ...booleanArgFrag
          }
        }
        """)

        expectValid(rule, """
        query Query($booleanArg: Boolean)
        {
          complicatedArgs {
            ...booleanArgFrag
          }
        }
        fragment booleanArgFrag on ComplicatedArgs {
          booleanArgField(booleanArg: $booleanArg)
        }
        """)

        expectValid(rule, """
        query Query($stringListVar: [String])
        {
          complicatedArgs {
            stringListArgField(stringListArg: $stringListVar)
          }
        }
        """)

        expectValid(rule, """
        query Query($complexVar: ComplexInput)
        {
          complicatedArgs {
            complexArgField(complexArg: $complexVar)
          }
        }
        """)

        expectValid(rule, """
        query Query($boolVar: Boolean!)
        {
          dog @include(if: $boolVar)
        }
        """)
    }

    @Test func stricterTypesAreAllowed() {
        expectValid(rule, """
        query Query($nonNullBooleanArg: Boolean!)
        {
          complicatedArgs {
            booleanArgField(booleanArg: $nonNullBooleanArg)
          }
        }
        """)

        expectValid(rule, """
        fragment booleanArgFrag on ComplicatedArgs {
          booleanArgField(booleanArg: $nonNullBooleanArg)
        }

        query Query($nonNullBooleanArg: Boolean!)
        {
          complicatedArgs {
            ...booleanArgFrag
          }
        }
        """)

        expectValid(rule, """
        query Query($stringListVar: [String!])
        {
          complicatedArgs {
            stringListArgField(stringListArg: $stringListVar)
          }
        }
        """)

        expectValid(rule, """
        query Query($stringListVar: [String!]!)
        {
          complicatedArgs {
            stringListNonNullArgField(stringListNonNullArg: $stringListVar)
          }
        }
        """)
    }

    @Test func itemAndFieldPositionsUseTheirOwnType() {
        expectValid(rule, """
        query Query($stringVar: String)
        {
          complicatedArgs {
            stringListArgField(stringListArg: [$stringVar])
          }
        }
        """)

        expectValid(rule, """
        query Query($stringVar: String!)
        {
          complicatedArgs {
            stringListArgField(stringListArg: [$stringVar])
          }
        }
        """)

        expectValid(rule, """
        query Query($boolVar: Boolean = false)
        {
          complicatedArgs {
            complexArgField(complexArg: {requiredArg: $boolVar})
          }
        }
        """)

        expectErrors(rule, """
        query Query($boolVar: Boolean)
        {
          complicatedArgs {
            complexArgField(complexArg: {requiredField: $boolVar})
          }
        }
        """, [
            ReportedError(#"Variable "$boolVar" of type "Boolean" used in position expecting type "Boolean!"."#, ["1:13", "4:49"]),
        ])

        expectErrors(rule, """
        query Query($intVar: Int)
        {
          complicatedArgs {
            stringListNonNullArgField(stringListNonNullArg: [$intVar])
          }
        }
        """, [
            ReportedError(#"Variable "$intVar" of type "Int" used in position expecting type "String!"."#, ["1:13", "4:54"]),
        ])
    }

    @Test func unknownAndUndefinedVariablesAreIgnored() {
        expectValid(rule, """
        {
          dog @include(if: $x)
        }
        """)

        expectValid(rule, """
        query ($x: Unknown) {
          dog @include(if: $x)
        }
        """)

        expectValid(rule, """
        query ($x: String) {
          dog { unknown(arg: $x) }
        }
        """)
    }

    @Test func incompatibleTypesAreReported() {
        expectErrors(rule, """
        query Query($intArg: Int) {
          complicatedArgs {
            nonNullIntArgField(nonNullIntArg: $intArg)
          }
        }
        """, [
            ReportedError(#"Variable "$intArg" of type "Int" used in position expecting type "Int!"."#, ["1:13", "3:39"]),
        ])

        expectErrors(rule, """
        fragment nonNullIntArgFieldFrag on ComplicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intArg)
        }

        query Query($intArg: Int) {
          complicatedArgs {
            ...nonNullIntArgFieldFrag
          }
        }
        """, [
            ReportedError(#"Variable "$intArg" of type "Int" used in position expecting type "Int!"."#, ["5:13", "2:37"]),
        ])

        expectErrors(rule, """
        fragment outerFrag on ComplicatedArgs {
          ...nonNullIntArgFieldFrag
        }

        fragment nonNullIntArgFieldFrag on ComplicatedArgs {
          nonNullIntArgField(nonNullIntArg: $intArg)
        }

        query Query($intArg: Int) {
          complicatedArgs {
            ...outerFrag
          }
        }
        """, [
            ReportedError(#"Variable "$intArg" of type "Int" used in position expecting type "Int!"."#, ["9:13", "6:37"]),
        ])

        expectErrors(rule, """
        query Query($stringVar: String) {
          complicatedArgs {
            booleanArgField(booleanArg: $stringVar)
          }
        }
        """, [
            ReportedError(#"Variable "$stringVar" of type "String" used in position expecting type "Boolean"."#, ["1:13", "3:33"]),
        ])

        expectErrors(rule, """
        query Query($stringVar: String) {
          complicatedArgs {
            stringListArgField(stringListArg: $stringVar)
          }
        }
        """, [
            ReportedError(#"Variable "$stringVar" of type "String" used in position expecting type "[String]"."#, ["1:13", "3:39"]),
        ])

        expectErrors(rule, """
        query Query($boolVar: Boolean) {
          dog @include(if: $boolVar)
        }
        """, [
            ReportedError(#"Variable "$boolVar" of type "Boolean" used in position expecting type "Boolean!"."#, ["1:13", "2:20"]),
        ])

        expectErrors(rule, """
        query Query($stringVar: String) {
          dog @include(if: $stringVar)
        }
        """, [
            ReportedError(#"Variable "$stringVar" of type "String" used in position expecting type "Boolean!"."#, ["1:13", "2:20"]),
        ])

        expectErrors(rule, """
        query Query($stringListVar: [String])
        {
          complicatedArgs {
            stringListNonNullArgField(stringListNonNullArg: $stringListVar)
          }
        }
        """, [
            ReportedError(#"Variable "$stringListVar" of type "[String]" used in position expecting type "[String!]"."#, ["1:13", "4:53"]),
        ])
    }

    @Test func eachOperationChecksTheFragmentsItSpreads() {
        expectErrors(rule, """
        query A($v: Int!) {
          complicatedArgs { ...F }
        }
        query B($v: Int) {
          complicatedArgs { ...F }
        }
        fragment F on ComplicatedArgs {
          nonNullIntArgField(nonNullIntArg: $v)
        }
        """, [
            ReportedError(#"Variable "$v" of type "Int" used in position expecting type "Int!"."#, ["4:9", "8:37"]),
        ])
    }

    @Test func nullableVariablesWithDefaultsInNonNullPositions() {
        expectErrors(rule, """
        query Query($intVar: Int = null) {
          complicatedArgs {
            nonNullIntArgField(nonNullIntArg: $intVar)
          }
        }
        """, [
            ReportedError(#"Variable "$intVar" of type "Int" used in position expecting type "Int!"."#, ["1:13", "3:39"]),
        ])

        expectValid(rule, """
        query Query($intVar: Int = 1) {
          complicatedArgs {
            nonNullIntArgField(nonNullIntArg: $intVar)
          }
        }
        """)

        expectValid(rule, """
        query Query($intVar: Int) {
          complicatedArgs {
            nonNullFieldWithDefault(arg: $intVar)
          }
        }
        """)

        expectValid(rule, """
        query Query($boolVar: Boolean = false) {
          dog @include(if: $boolVar)
        }
        """)

        expectErrors(rule, """
        query Query($strVar: String = "a") {
          complicatedArgs {
            complexArgField(complexArg: {requiredField: true, nonNullField: $strVar})
          }
        }
        """, [
            ReportedError(#"Variable "$strVar" of type "String" used in position expecting type "Boolean!"."#, ["1:13", "3:69"]),
        ])

        expectValid(rule, """
        query Query($boolVar: Boolean) {
          complicatedArgs {
            complexArgField(complexArg: {requiredField: true, nonNullField: $boolVar})
          }
        }
        """)

        expectErrors(rule, """
        query Query($intVar: Int = 3) {
          complicatedArgs {
            stringListNonNullArgField(stringListNonNullArg: [$intVar])
          }
        }
        """, [
            ReportedError(#"Variable "$intVar" of type "Int" used in position expecting type "String!"."#, ["1:13", "3:54"]),
        ])
    }
}
