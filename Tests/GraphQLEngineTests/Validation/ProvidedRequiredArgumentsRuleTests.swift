import Testing
@testable import GraphQLEngine

@Suite struct ProvidedRequiredArgumentsRuleTests {
    let rule: ValidationRuleFactory = { ProvidedRequiredArgumentsRule() }

    @Test func unknownArgumentsFieldsAndDirectivesAreIgnored() {
        expectValid(rule, """
        {
          dog {
            isHouseTrained(unknownArgument: true)
          }
        }
        """)

        expectValid(rule, """
        {
          dog { unknownField }
        }
        """)

        expectValid(rule, """
        {
          dog @unknown
        }
        """)
    }

    @Test func optionalOrProvidedArgumentsAreValid() {
        expectValid(rule, """
        {
          dog {
            isHouseTrained(atOtherHomes: true)
          }
        }
        """)

        expectValid(rule, """
        {
          dog {
            isHouseTrained
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            nonNullFieldWithDefault
          }
        }
        """)

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
            multipleReqs(req2: 2, req1: 1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOpts
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOpts(opt1: 1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOpts(opt2: 1)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOptAndReq(req1: 3, req2: 4)
          }
        }
        """)

        expectValid(rule, """
        {
          complicatedArgs {
            multipleOptAndReq(req1: 3, req2: 4, opt1: 5)
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

        expectValid(rule, """
        query ($v: Int) {
          complicatedArgs {
            multipleReqs(req1: null, req2: $v)
          }
        }
        """)
    }

    @Test func missingFieldArgumentsAreReportedOnTheField() {
        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs(req2: 2)
          }
        }
        """, [
            ReportedError(#"Field "multipleReqs" argument "req1" of type "Int!" is required, but it was not provided."#, ["3:5"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs
          }
        }
        """, [
            ReportedError(#"Field "multipleReqs" argument "req1" of type "Int!" is required, but it was not provided."#, ["3:5"]),
            ReportedError(#"Field "multipleReqs" argument "req2" of type "Int!" is required, but it was not provided."#, ["3:5"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            multipleReqs(req1: "one")
          }
        }
        """, [
            ReportedError(#"Field "multipleReqs" argument "req2" of type "Int!" is required, but it was not provided."#, ["3:5"]),
        ])

        expectErrors(rule, """
        {
          complicatedArgs {
            nonNullIntArgField
            multipleOptAndReq(opt1: 1)
          }
          __type { name }
        }
        """, [
            ReportedError(#"Field "nonNullIntArgField" argument "nonNullIntArg" of type "Int!" is required, but it was not provided."#, ["3:5"]),
            ReportedError(#"Field "multipleOptAndReq" argument "req1" of type "Int!" is required, but it was not provided."#, ["4:5"]),
            ReportedError(#"Field "multipleOptAndReq" argument "req2" of type "Int!" is required, but it was not provided."#, ["4:5"]),
            ReportedError(#"Field "__type" argument "name" of type "String!" is required, but it was not provided."#, ["6:3"]),
        ])
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
          dog @include {
            name @skip
          }
        }
        """, [
            ReportedError(#"Directive "@include" argument "if" of type "Boolean!" is required, but it was not provided."#, ["2:7"]),
            ReportedError(#"Directive "@skip" argument "if" of type "Boolean!" is required, but it was not provided."#, ["3:10"]),
        ])

        expectErrors(rule, """
        {
          dog @withArgs(arg: "a") { name @withArgs(required: 1) }
        }
        """, [
            ReportedError(#"Directive "@withArgs" argument "required" of type "Int!" is required, but it was not provided."#, ["2:7"]),
        ])
    }
}
