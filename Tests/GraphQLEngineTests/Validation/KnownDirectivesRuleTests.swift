import Testing
@testable import GraphQLEngine

@Suite struct KnownDirectivesRuleTests {
    let rule: ValidationRuleFactory = { KnownDirectivesRule() }

    /// The harness schema with a directive for each type-system location.
    static let sdlSchema: Schema = {
        do {
            return try Schema.build(sdl: ValidationHarness.sdl + "\n" + """
            directive @onSchema on SCHEMA
            directive @onScalar on SCALAR
            directive @onObject on OBJECT
            directive @onFieldDefinition on FIELD_DEFINITION
            directive @onArgumentDefinition on ARGUMENT_DEFINITION
            directive @onInterface on INTERFACE
            directive @onUnion on UNION
            directive @onEnum on ENUM
            directive @onEnumValue on ENUM_VALUE
            directive @onInputObject on INPUT_OBJECT
            directive @onInputFieldDefinition on INPUT_FIELD_DEFINITION
            """)
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test func documentsWithoutDirectivesAreValid() {
        expectValid(rule, """
        query Foo {
          name
          ...Frag
        }

        fragment Frag on Dog {
          name
        }
        """)
    }

    @Test func standardAndWellPlacedDirectivesAreValid() {
        expectValid(rule, """
        {
          human @skip(if: false) {
            name
            pets {
              ... on Dog @include(if: true) {
                name
              }
            }
          }
        }
        """)

        expectValid(rule, """
        query ($var: Boolean @onVariableDefinition) @onQuery {
          human @onField {
            ...Frag @onFragmentSpread
            ... @onInlineFragment {
              name @onField
            }
          }
        }

        mutation @onMutation {
          renameDog @onField
        }

        subscription @onSubscription {
          newMessage @onField
        }

        fragment Frag on Human @onFragmentDefinition {
          name @onField
        }
        """)
    }

    @Test func unknownDirectivesAreReported() {
        expectErrors(rule, """
        {
          human @unknown(directive: "value") {
            name
          }
        }
        """, [
            ReportedError(#"Unknown directive "@unknown"."#, ["2:9"]),
        ])

        expectErrors(rule, """
        {
          __typename @unknown
          human @unknown {
            name
            pets @unknown {
              name
            }
          }
        }
        """, [
            ReportedError(#"Unknown directive "@unknown"."#, ["2:14"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["3:9"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["5:10"]),
        ])

        expectErrors(rule, """
        query ($v: Int @unknown) @unknown {
          dog { ...F @unknown ... @unknown { name } }
        }
        fragment F on Dog @unknown { name }
        """, [
            ReportedError(#"Unknown directive "@unknown"."#, ["1:16"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["1:26"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["2:14"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["2:27"]),
            ReportedError(#"Unknown directive "@unknown"."#, ["4:19"]),
        ])
    }

    @Test func misplacedDirectivesAreReportedWithTheirLocation() {
        expectErrors(rule, """
        query ($var: Boolean @onQuery) @onMutation {
          human @onQuery {
            ...Frag @onQuery
            ... @onQuery {
              name @onQuery
            }
          }
        }

        mutation @onQuery {
          renameDog @onQuery
        }

        subscription @onQuery {
          newMessage @onQuery
        }

        fragment Frag on Human @onQuery {
          name @onQuery
        }
        """, [
            ReportedError(#"Directive "@onQuery" may not be used on VARIABLE_DEFINITION."#, ["1:22"]),
            ReportedError(#"Directive "@onMutation" may not be used on QUERY."#, ["1:32"]),
            ReportedError(#"Directive "@onQuery" may not be used on FIELD."#, ["2:9"]),
            ReportedError(#"Directive "@onQuery" may not be used on FRAGMENT_SPREAD."#, ["3:13"]),
            ReportedError(#"Directive "@onQuery" may not be used on INLINE_FRAGMENT."#, ["4:9"]),
            ReportedError(#"Directive "@onQuery" may not be used on FIELD."#, ["5:12"]),
            ReportedError(#"Directive "@onQuery" may not be used on MUTATION."#, ["10:10"]),
            ReportedError(#"Directive "@onQuery" may not be used on FIELD."#, ["11:13"]),
            ReportedError(#"Directive "@onQuery" may not be used on SUBSCRIPTION."#, ["14:14"]),
            ReportedError(#"Directive "@onQuery" may not be used on FIELD."#, ["15:14"]),
            ReportedError(#"Directive "@onQuery" may not be used on FRAGMENT_DEFINITION."#, ["18:24"]),
            ReportedError(#"Directive "@onQuery" may not be used on FIELD."#, ["19:8"]),
        ])
    }

    @Test func typeSystemLocationsAreKnownInSDL() {
        expectValid(rule, """
        type MyObj implements MyInterface @onObject {
          myField(myArg: Int @onArgumentDefinition): String @onFieldDefinition
        }

        extend type MyObj @onObject

        scalar MyScalar @onScalar

        extend scalar MyScalar @onScalar

        interface MyInterface @onInterface {
          myField(myArg: Int @onArgumentDefinition): String @onFieldDefinition
        }

        extend interface MyInterface @onInterface

        union MyUnion @onUnion = MyObj | Other

        extend union MyUnion @onUnion

        enum MyEnum @onEnum {
          MY_VALUE @onEnumValue
        }

        extend enum MyEnum @onEnum

        input MyInput @onInputObject {
          myField: Int @onInputFieldDefinition
        }

        extend input MyInput @onInputObject

        directive @myDirective(arg: Int @onArgumentDefinition) on FIELD

        schema @onSchema {
          query: MyQuery
        }

        extend schema @onSchema
        """, schema: Self.sdlSchema)
    }

    @Test func misplacedDirectivesInSDLAreReported() {
        expectErrors(rule, """
        type MyObj implements MyInterface @onInterface {
          myField(myArg: Int @onInputFieldDefinition): String @onInputFieldDefinition
        }

        scalar MyScalar @onEnum

        interface MyInterface @onObject {
          myField(myArg: Int @onInputFieldDefinition): String @onInputFieldDefinition
        }

        union MyUnion @onEnumValue = MyObj | Other

        enum MyEnum @onScalar {
          MY_VALUE @onUnion
        }

        input MyInput @onEnum {
          myField: Int @onArgumentDefinition
        }

        schema @onObject {
          query: MyQuery
        }

        extend schema @onObject
        """, [
            ReportedError(#"Directive "@onInterface" may not be used on OBJECT."#, ["1:35"]),
            ReportedError(#"Directive "@onInputFieldDefinition" may not be used on ARGUMENT_DEFINITION."#, ["2:22"]),
            ReportedError(#"Directive "@onInputFieldDefinition" may not be used on FIELD_DEFINITION."#, ["2:55"]),
            ReportedError(#"Directive "@onEnum" may not be used on SCALAR."#, ["5:17"]),
            ReportedError(#"Directive "@onObject" may not be used on INTERFACE."#, ["7:23"]),
            ReportedError(#"Directive "@onInputFieldDefinition" may not be used on ARGUMENT_DEFINITION."#, ["8:22"]),
            ReportedError(#"Directive "@onInputFieldDefinition" may not be used on FIELD_DEFINITION."#, ["8:55"]),
            ReportedError(#"Directive "@onEnumValue" may not be used on UNION."#, ["11:15"]),
            ReportedError(#"Directive "@onScalar" may not be used on ENUM."#, ["13:13"]),
            ReportedError(#"Directive "@onUnion" may not be used on ENUM_VALUE."#, ["14:12"]),
            ReportedError(#"Directive "@onEnum" may not be used on INPUT_OBJECT."#, ["17:15"]),
            ReportedError(#"Directive "@onArgumentDefinition" may not be used on INPUT_FIELD_DEFINITION."#, ["18:16"]),
            ReportedError(#"Directive "@onObject" may not be used on SCHEMA."#, ["21:8"]),
            ReportedError(#"Directive "@onObject" may not be used on SCHEMA."#, ["25:15"]),
        ], schema: Self.sdlSchema)
    }
}
