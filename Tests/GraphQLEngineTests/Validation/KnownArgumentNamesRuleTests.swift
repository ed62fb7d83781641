import Testing
@testable import GraphQLEngine

@Suite struct KnownArgumentNamesRuleTests {
    let rule: ValidationRuleFactory = { KnownArgumentNamesRule() }

    @Test func knownArgumentsAreValid() {
        expectValid(rule, """
        fragment argOnRequiredArg on Dog {
          doesKnowCommand(dogCommand: SIT)
        }
        """)

        expectValid(rule, """
        fragment multipleArgs on ComplicatedArgs {
          multipleReqs(req1: 1, req2: 2)
        }
        """)

        expectValid(rule, """
        fragment multipleArgsReverseOrder on ComplicatedArgs {
          multipleReqs(req2: 2, req1: 1)
        }
        """)

        expectValid(rule, """
        fragment noArgOnOptionalArg on Dog {
          isHouseTrained
        }
        """)

        expectValid(rule, """
        {
          dog {
            doesKnowCommand(dogCommand: SIT)
          }
          human {
            pets {
              ... on Dog {
                doesKnowCommand(dogCommand: SIT)
              }
            }
          }
        }
        """)

        expectValid(rule, """
        {
          __type(name: "Dog") { name }
        }
        """)
    }

    @Test func argumentsOfUnknownFieldsAndDirectivesAreIgnored() {
        expectValid(rule, """
        fragment argOnUnknownField on Dog {
          unknownField(unknownArg: SIT)
        }
        """)

        expectValid(rule, """
        {
          dog @unknown(arg: 1) { name(surname: true) }
        }
        """)

        expectValid(rule, """
        {
          dog { name @unknown(surname: true, other: 1) }
        }
        """)
    }

    @Test func directiveArgumentsAreChecked() {
        expectValid(rule, """
        {
          dog @skip(if: true)
        }
        """)

        expectValid(rule, """
        {
          dog @onField
        }
        """)

        expectErrors(rule, """
        {
          dog @skip(unless: true)
        }
        """, [
            ReportedError(#"Unknown argument "unless" on directive "@skip"."#, ["2:13"]),
        ])

        expectErrors(rule, """
        {
          dog @onField(if: true)
        }
        """, [
            ReportedError(#"Unknown argument "if" on directive "@onField"."#, ["2:16"]),
        ])

        expectErrors(rule, """
        {
          dog @skip(iff: true)
        }
        """, [
            ReportedError(#"Unknown argument "iff" on directive "@skip". Did you mean "if"?"#, ["2:13"]),
        ])

        expectErrors(rule, """
        {
          dog @withArgs(requird: 1, flag: true, zzz: 2) { name }
        }
        """, [
            ReportedError(#"Unknown argument "requird" on directive "@withArgs". Did you mean "required"?"#, ["2:17"]),
            ReportedError(#"Unknown argument "zzz" on directive "@withArgs"."#, ["2:41"]),
        ])
    }

    @Test func unknownFieldArgumentsAreReportedWithSuggestions() {
        expectErrors(rule, """
        fragment invalidArgName on Dog {
          doesKnowCommand(unknown: true)
        }
        """, [
            ReportedError(#"Unknown argument "unknown" on field "Dog.doesKnowCommand"."#, ["2:19"]),
        ])

        expectErrors(rule, """
        fragment invalidArgName on Dog {
          doesKnowCommand(DogCommand: true)
        }
        """, [
            ReportedError(#"Unknown argument "DogCommand" on field "Dog.doesKnowCommand". Did you mean "dogCommand"?"#, ["2:19"]),
        ])

        expectErrors(rule, """
        fragment oneGoodArgOneInvalidArg on Dog {
          doesKnowCommand(whoKnows: 1, dogCommand: SIT, unknown: true)
        }
        """, [
            ReportedError(#"Unknown argument "whoKnows" on field "Dog.doesKnowCommand"."#, ["2:19"]),
            ReportedError(#"Unknown argument "unknown" on field "Dog.doesKnowCommand"."#, ["2:49"]),
        ])

        expectErrors(rule, """
        fragment f on ComplicatedArgs {
          multipleReqs(req1: 1, req: 2)
        }
        """, [
            ReportedError(#"Unknown argument "req" on field "ComplicatedArgs.multipleReqs". Did you mean "req1" or "req2"?"#, ["2:25"]),
        ])
    }

    @Test func unknownFieldArgumentsAreReportedDeeply() {
        expectErrors(rule, """
        {
          dog {
            doesKnowCommand(unknown: true)
          }
          human {
            pets {
              ... on Dog {
                doesKnowCommand(unknown: true)
              }
            }
          }
        }
        """, [
            ReportedError(#"Unknown argument "unknown" on field "Dog.doesKnowCommand"."#, ["3:21"]),
            ReportedError(#"Unknown argument "unknown" on field "Dog.doesKnowCommand"."#, ["8:25"]),
        ])

        expectErrors(rule, """
        {
          dog {
            name(surname: true) @skip(if: false) @include(if: true)
            isHouseTrained(atHome: true)
          }
        }
        """, [
            ReportedError(#"Unknown argument "atHome" on field "Dog.isHouseTrained"."#, ["4:20"]),
        ])
    }
}
