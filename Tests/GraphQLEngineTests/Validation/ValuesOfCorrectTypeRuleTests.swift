import Testing
@testable import GraphQLEngine

@Suite struct ValuesOfCorrectTypeRuleTests {
    let rule: ValidationRuleFactory = { ValuesOfCorrectTypeRule() }

    /// A schema with custom scalars: `Any` keeps the SDL default (any literal), `Invalid` rejects
    /// every literal.
    static let customScalarSchema: Schema = {
        do {
            let schema = try Schema.build(sdl: """
            scalar Any
            scalar Invalid
            type Query { anyArg(arg: Any): String invalidArg(arg: Invalid): String }
            """)
            (schema.type(named: "Invalid") as? ScalarType)?.coercion = ScalarCoercion(
                parseLiteral: { (node: ValueNode) throws(CoercionError) -> JSONValue in
                    throw CoercionError("Invalid scalar is always invalid: \(Printer.print(node))")
                },
                parseValue: { (value: JSONValue) throws(CoercionError) -> JSONValue in value })
            return schema
        } catch {
            fatalError("\(error)")
        }
    }()

    @Test func customScalarsJudgeTheirOwnLiterals() {
        expectValid(rule, """
        query ($x: Int) {
          test1: anyArg(arg: 123)
          test2: anyArg(arg: "abc")
          test3: anyArg(arg: [123, "abc"])
          test4: anyArg(arg: {deep: [123, "abc"]})
          test5: anyArg(arg: {x: $x, y: [$x, 10.0]})
        }
        """, schema: Self.customScalarSchema)

        expectErrors(rule, "{ invalidArg(arg: 123) }", [
            ReportedError(#"Expected value of type "Invalid", found 123; Invalid scalar is always invalid: 123"#, ["1:19"]),
        ], schema: Self.customScalarSchema)
    }

    @Test func goodLiteralsAreValid() {
        expectValid(rule, """
        {
          complicatedArgs {
            intArgField(intArg: 2)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            intArgField(intArg: -2)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            booleanArgField(booleanArg: true)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: "foo")
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: 1.1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: -1.1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: 1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            idArgField(idArg: 1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            idArgField(idArg: "someIdString")
          }
        }
        """)

        expectValid(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: SIT)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            enumArgField(enumArg: UNKNOWN)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            enumArgField(enumArg: NO_FUR)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            intArgField(intArg: null)
          }
        }
        """)

        expectValid(rule, """
        {
          dog(a: null, b: null, c:{ requiredField: true, intField: null }) {
            name
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            intArgField(intArg: $unknownType)
          }
        }
        """)
    }

    @Test func scalarsRejectLiteralsTheirCoercionRejects() {
        expectErrors(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: 1)
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 1; String cannot represent a non string value: 1"#, ["3:31"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: 1.0)
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 1.0; String cannot represent a non string value: 1.0"#, ["3:31"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: true)
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found true; String cannot represent a non string value: true"#, ["3:31"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: BAR)
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found BAR; String cannot represent a non string value: BAR"#, ["3:31"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: "3")
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found "3"; Int cannot represent non-integer value: "3""#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: 829384293849283498239482938)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found 829384293849283498239482938; Int cannot represent non 32-bit signed integer value: 829384293849283498239482938"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: FOO)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found FOO; Int cannot represent non-integer value: FOO"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: 3.0)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found 3.0; Int cannot represent non-integer value: 3.0"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: 3.333)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found 3.333; Int cannot represent non-integer value: 3.333"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: "3.333")
          }
        }
        """, [
            ReportedError(#"Expected value of type "Float", found "3.333"; Float cannot represent non numeric value: "3.333""#, ["3:29"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: true)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Float", found true; Float cannot represent non numeric value: true"#, ["3:29"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            floatArgField(floatArg: FOO)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Float", found FOO; Float cannot represent non numeric value: FOO"#, ["3:29"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            booleanArgField(booleanArg: 2)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean", found 2; Boolean cannot represent a non boolean value: 2"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            booleanArgField(booleanArg: 1.0)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean", found 1.0; Boolean cannot represent a non boolean value: 1.0"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            booleanArgField(booleanArg: "true")
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean", found "true"; Boolean cannot represent a non boolean value: "true""#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            booleanArgField(booleanArg: TRUE)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean", found TRUE; Boolean cannot represent a non boolean value: TRUE"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            idArgField(idArg: 1.0)
          }
        }
        """, [
            ReportedError(#"Expected value of type "ID", found 1.0; ID cannot represent a non-string and non-integer value: 1.0"#, ["3:23"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            idArgField(idArg: true)
          }
        }
        """, [
            ReportedError(#"Expected value of type "ID", found true; ID cannot represent a non-string and non-integer value: true"#, ["3:23"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            idArgField(idArg: SOMETHING)
          }
        }
        """, [
            ReportedError(#"Expected value of type "ID", found SOMETHING; ID cannot represent a non-string and non-integer value: SOMETHING"#, ["3:23"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: {a: 1})
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found {a: 1}; Int cannot represent non-integer value: {a: 1}"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringArgField(stringArg: {a: $v})
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found {a: $v}; String cannot represent a non string value: {a: $v}"#, ["3:31"]),
        ])
    }

    @Test func enumsAcceptOnlyTheirValues() {
        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: 2)
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: 2."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: 1.0)
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: 1.0."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: "SIT")
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: "SIT". Did you mean the enum value "SIT"?"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: true)
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: true."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: JUGGLE)
          }
        }
        """, [
            ReportedError(#"Value "JUGGLE" does not exist in "DogCommand" enum."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: sit)
          }
        }
        """, [
            ReportedError(#"Value "sit" does not exist in "DogCommand" enum. Did you mean the enum value "SIT"?"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            enumArgField(enumArg: BLAK)
          }
        }
        """, [
            ReportedError(#"Value "BLAK" does not exist in "FurColor" enum. Did you mean the enum value "BLACK"?"#, ["3:27"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: [SIT])
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: [SIT]. Did you mean the enum value "SIT"?"#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: { SIT: true })
          }
        }
        """, [
            ReportedError(#"Enum "DogCommand" cannot represent non-enum value: {SIT: true}."#, ["3:33"]),
        ])
    }

    @Test func listsCheckEachItem() {
        expectValid(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: ["one", null, "two"])
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: [])
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: null)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: "one")
          }
        }
        """)

        expectErrors(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: ["one", 2])
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 2; String cannot represent a non string value: 2"#, ["3:47"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: 1)
          }
        }
        """, [
            ReportedError(#"Expected value of type "[String]", found 1; String cannot represent a non string value: 1"#, ["3:39"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringListNonNullArgField(stringListNonNullArg: ["one", null])
          }
        }
        """, [
            ReportedError(#"Expected value of type "String!", found null."#, ["3:61"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            intArgField(intArg: [1])
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found [1]; Int cannot represent non-integer value: [1]"#, ["3:25"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            stringListArgField(stringListArg: [["a"]])
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found ["a"]; String cannot represent a non string value: ["a"]"#, ["3:40"]),
        ])
    }

    @Test func nonNullPositionsRejectNull() {
        expectValid(rule, """
        {
          complicatedArgs {
            multipleReqs(req1: 1, req2: 2)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOptAndReq(req1: 3, req2: 4, opt1: 5, opt2: 6)
          }
        }
        """)

        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs(req2: "two", req1: "one")
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int!", found "two"; Int cannot represent non-integer value: "two""#, ["3:24"]),
            ReportedError(#"Expected value of type "Int!", found "one"; Int cannot represent non-integer value: "one""#, ["3:37"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs(req1: "one")
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int!", found "one"; Int cannot represent non-integer value: "one""#, ["3:24"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs(req1: null)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Int!", found null."#, ["3:24"]),
        ])
    }

    @Test func inputObjectsGiveKnownAndRequiredFields() {
        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: true })
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: false })
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: true, intField: 4 })
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: {
              requiredField: true,
              intField: 4,
              stringField: "foo",
              booleanField: false,
              stringListField: ["one", "two"]
            })
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: {
              stringListField: ["one", "two"],
              booleanField: false,
              requiredField: true,
              stringField: "foo",
              intField: 4,
            })
          }
        }
        """)
    }

    @Test func invalidInputObjectsAreReported() {
        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: { intField: 4 })
          }
        }
        """, [
            ReportedError(#"Field "ComplexInput.requiredField" of required type "Boolean!" was not provided."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: {
              stringListField: ["one", 2],
              requiredField: true,
            })
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 2; String cannot represent a non string value: 2"#, ["4:32"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: {
              requiredField: true,
              nonNullField: null,
            })
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean!", found null."#, ["5:21"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: {
              requiredField: true,
              invalidField: "value"
            })
          }
        }
        """, [
            ReportedError(#"Field "invalidField" is not defined by type "ComplexInput". Did you mean "intField"?"#, ["5:7"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: { requiredField: true, unknown: { deep: 1 } })
          }
        }
        """, [
            ReportedError(#"Field "unknown" is not defined by type "ComplexInput"."#, ["3:56"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: "NotVeryComplex")
          }
        }
        """, [
            ReportedError(#"Expected value of type "ComplexInput", found "NotVeryComplex"."#, ["3:33"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            complexArgField(complexArg: [{ intField: 1 }, { requiredField: 1 }])
          }
        }
        """, [
            ReportedError(#"Expected value of type "ComplexInput", found [{intField: 1}, {requiredField: 1}]."#, ["3:33"]),
        ])

        expectErrors(rule, """
        query ($a: [ComplexInput] = [{ intField: 1 }, { requiredField: 1 }]) {
          dog { name }
        }
        """, [
            ReportedError(#"Field "ComplexInput.requiredField" of required type "Boolean!" was not provided."#, ["1:30"]),
            ReportedError(#"Expected value of type "Boolean!", found 1; Boolean cannot represent a non boolean value: 1"#, ["1:64"]),
        ])
    }

    @Test func oneOfInputObjectsTakeExactlyOneNonNullField() {
        expectValid(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: "abc" })
          }
        }
        """)

        expectValid(rule, """
        query ($string: String!) {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: $string })
          }
        }
        """)

        expectErrors(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: 2 })
          }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 2; String cannot represent a non string value: 2"#, ["3:44"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: null })
          }
        }
        """, [
            ReportedError(#"Field "OneOfInput.stringField" must be non-null."#, ["3:29"]),
        ])

        expectErrors(rule, """
        query ($string: String) {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: $string })
          }
        }
        """, [
            ReportedError(#"Variable "$string" must be non-nullable to be used for OneOf Input Object "OneOfInput"."#, ["3:29"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: "abc", intField: 123 })
          }
        }
        """, [
            ReportedError(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, ["3:29"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: {})
          }
        }
        """, [
            ReportedError(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, ["3:29"]),
        ])

        expectErrors(rule, """
        query ($string: String = "a") {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: null, intField: $string })
          }
        }
        """, [
            ReportedError(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, ["3:29"]),
        ])

        expectValid(rule, """
        {
          complicatedArgs {
            oneOfArgField(oneOfArg: { stringField: $undefined })
          }
        }
        """)
    }

    @Test func directiveArgumentsAreChecked() {
        expectValid(rule, """
        {
          dog @include(if: true) {
            name
          }
          human @skip(if: false) {
            name
          }
        }
        """)

        expectErrors(rule, """
        {
          dog @include(if: "yes") {
            name @skip(if: ENUM)
          }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean!", found "yes"; Boolean cannot represent a non boolean value: "yes""#, ["2:20"]),
            ReportedError(#"Expected value of type "Boolean!", found ENUM; Boolean cannot represent a non boolean value: ENUM"#, ["3:20"]),
        ])

        expectErrors(rule, """
        {
          dog @withArgs(arg: 1, required: 2, flag: true) { name }
          cat @unknown(arg: 1) { name }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 1; String cannot represent a non string value: 1"#, ["2:22"]),
        ])
    }

    @Test func variableDefaultsAreChecked() {
        expectValid(rule, """
        query WithDefaultValues(
          $a: Int = 1,
          $b: String = "ok",
          $c: ComplexInput = { requiredField: true, intField: 3 }
          $d: Int! = 123
        ) {
          dog { name }
        }
        """)

        expectValid(rule, """
        query WithDefaultValues(
          $a: Int = null,
          $b: String = null,
          $c: ComplexInput = { requiredField: true, intField: null }
        ) {
          dog { name }
        }
        """)

        expectErrors(rule, """
        query WithDefaultValues(
          $a: Int! = null,
          $b: String! = null,
          $c: ComplexInput = { requiredField: null, intField: null }
        ) {
          dog { name }
        }
        """, [
            ReportedError(#"Expected value of type "Int!", found null."#, ["2:14"]),
            ReportedError(#"Expected value of type "String!", found null."#, ["3:17"]),
            ReportedError(#"Expected value of type "Boolean!", found null."#, ["4:39"]),
        ])

        expectErrors(rule, """
        query InvalidDefaultValues(
          $a: Int = "one",
          $b: String = 4,
          $c: ComplexInput = "NotVeryComplex"
        ) {
          dog { name }
        }
        """, [
            ReportedError(#"Expected value of type "Int", found "one"; Int cannot represent non-integer value: "one""#, ["2:13"]),
            ReportedError(#"Expected value of type "String", found 4; String cannot represent a non string value: 4"#, ["3:16"]),
            ReportedError(#"Expected value of type "ComplexInput", found "NotVeryComplex"."#, ["4:22"]),
        ])

        expectErrors(rule, """
        query WithDefaultValues(
          $a: ComplexInput = { requiredField: 123, intField: "abc" }
        ) {
          dog { name }
        }
        """, [
            ReportedError(#"Expected value of type "Boolean!", found 123; Boolean cannot represent a non boolean value: 123"#, ["2:39"]),
            ReportedError(#"Expected value of type "Int", found "abc"; Int cannot represent non-integer value: "abc""#, ["2:54"]),
        ])

        expectErrors(rule, """
        query MissingRequiredField($a: ComplexInput = {intField: 3}) {
          dog { name }
        }
        """, [
            ReportedError(#"Field "ComplexInput.requiredField" of required type "Boolean!" was not provided."#, ["1:47"]),
        ])

        expectErrors(rule, """
        query InvalidItem($a: [String] = ["one", 2]) {
          dog { name }
        }
        """, [
            ReportedError(#"Expected value of type "String", found 2; String cannot represent a non string value: 2"#, ["1:42"]),
        ])

        expectErrors(rule, """
        query ($a: OneOfInput = { stringField: "a", intField: 1 }, $b: Unknown = 1) {
          dog { name }
        }
        """, [
            ReportedError(#"OneOf Input Object "OneOfInput" must specify exactly one key."#, ["1:25"]),
        ])
    }
}
