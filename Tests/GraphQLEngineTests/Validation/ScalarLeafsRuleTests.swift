import Testing
@testable import GraphQLEngine

@Suite struct ScalarLeafsRuleTests {
    let rule: ValidationRuleFactory = { ScalarLeafsRule() }

    @Test func leavesWithoutSelectionsAreValid() {
        expectValid(rule, "fragment scalarSelection on Dog { barks }")
        expectValid(rule, "fragment scalarSelectionWithArgs on Dog { doesKnowCommand(dogCommand: SIT) }")
        expectValid(rule, "{ dog { name mother { __typename } } }")
    }

    @Test func unknownFieldsAreLeftToFieldsOnCorrectType() {
        expectValid(rule, "{ unknown dog { unknown { deeper } } }")
    }

    @Test func objectFieldWithoutSelectionIsReported() {
        expectErrors(rule, """
        query directQueryOnObjectWithoutSubFields {
          human
        }
        """, [ReportedError("Field \"human\" of type \"Human\" must have a selection of subfields. Did you mean \"human { ... }\"?",
                            ["2:3"])])
    }

    @Test func listOfInterfaceWithoutSelectionIsReportedWithTheFullType() {
        expectErrors(rule, "{ human { pets } }", [
            ReportedError("Field \"pets\" of type \"[Pet]\" must have a selection of subfields. Did you mean \"pets { ... }\"?",
                          ["1:11"]),
        ])
        expectErrors(rule, "{ human { relatives } }", [
            ReportedError("Field \"relatives\" of type \"[Human]!\" must have a selection of subfields. Did you mean \"relatives { ... }\"?",
                          ["1:11"]),
        ])
    }

    @Test func unionWithoutSelectionIsReported() {
        expectErrors(rule, "{ catOrDog }", [
            ReportedError("Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did you mean \"catOrDog { ... }\"?",
                          ["1:3"]),
        ])
    }

    @Test func selectionOnScalarOrEnumIsReportedAtTheSelectionSet() {
        expectErrors(rule, "fragment onBoolean on Dog { barks { sinceWhen } }", [
            ReportedError("Field \"barks\" must not have a selection since type \"Boolean\" has no subfields.", ["1:35"]),
        ])
        expectErrors(rule, "fragment onEnum on Cat { furColor { inHexDec } }", [
            ReportedError("Field \"furColor\" must not have a selection since type \"FurColor\" has no subfields.", ["1:35"]),
        ])
    }

    @Test func selectionOnScalarIsReportedAfterArgumentsAndDirectives() {
        expectErrors(rule, "fragment f on Dog { doesKnowCommand(dogCommand: SIT) { sinceWhen } }", [
            ReportedError("Field \"doesKnowCommand\" must not have a selection since type \"Boolean\" has no subfields.", ["1:54"]),
        ])
        expectErrors(rule, "fragment f on Dog { name @include(if: true) { isAlsoHumanName } }", [
            ReportedError("Field \"name\" must not have a selection since type \"String\" has no subfields.", ["1:45"]),
        ])
        expectErrors(rule, "fragment f on Dog { doesKnowCommand(dogCommand: SIT) @include(if: true) { sinceWhen } }", [
            ReportedError("Field \"doesKnowCommand\" must not have a selection since type \"Boolean\" has no subfields.", ["1:73"]),
        ])
    }

    /// The parser never yields `{}`, but a document built in code can.
    @Test func emptySelectionSetOnObjectIsReported() throws {
        let source = Source("{ human { name } }")
        var document = try Parser.parse(source)
        guard case .operation(var operation) = document.definitions[0],
              case .field(var human) = operation.selectionSet.selections[0] else {
            Issue.record("unexpected document shape")
            return
        }
        human.selectionSet?.selections = []
        operation.selectionSet.selections = [.field(human)]
        document.definitions = [.operation(operation)]

        let errors = Validator.validate(document, schema: ValidationHarness.schema, source: source, rules: [rule])
        #expect(errors.map(\.message) == ["Field \"human\" of type \"Human\" must have at least one field selected."])
        #expect(errors.map { $0.locations.map(\.description) } == [["1:3"]])
    }
}
