import Testing
@testable import GraphQLEngine

@Suite struct OverlappingFieldsCanBeMergedRuleTests {
    let rule: ValidationRuleFactory = { OverlappingFieldsCanBeMergedRule() }

    /// The message for fields of one response name that cannot be merged.
    func conflict(_ responseName: String, _ reason: String, _ locations: [String]) -> ReportedError {
        ReportedError("Fields \"\(responseName)\" conflict because \(reason). "
                      + "Use different aliases on the fields to fetch both if this was intentional.", locations)
    }

    /// Boxes of scalars whose fields share names but not types, for the response-shape cases.
    static let boxSchema = buildSchema("""
    interface SomeBox { deepBox: SomeBox unrelatedField: String }
    type StringBox implements SomeBox {
      scalar: String
      deepBox: StringBox
      unrelatedField: String
      listStringBox: [StringBox]
      stringBox: StringBox
      intBox: IntBox
    }
    type IntBox implements SomeBox {
      scalar: Int
      deepBox: IntBox
      unrelatedField: String
      listStringBox: [StringBox]
      stringBox: StringBox
      intBox: IntBox
    }
    interface NonNullStringBox1 { scalar: String! }
    type NonNullStringBox1Impl implements SomeBox & NonNullStringBox1 {
      scalar: String!
      unrelatedField: String
      deepBox: SomeBox
    }
    interface NonNullStringBox2 { scalar: String! }
    type NonNullStringBox2Impl implements SomeBox & NonNullStringBox2 {
      scalar: String!
      unrelatedField: String
      deepBox: SomeBox
    }
    type Connection { edges: [Edge] }
    type Edge { node: Node }
    type Node { id: ID name: String }
    type Query { someBox: SomeBox connection: Connection }
    """)

    static func buildSchema(_ sdl: String) -> Schema {
        do {
            return try Schema.build(sdl: sdl)
        } catch {
            fatalError("test schema does not build: \(error)")
        }
    }

    // MARK: Fields, aliases and arguments

    @Test func distinctAndIdenticalFieldsMerge() {
        expectValid(rule, "fragment uniqueFields on Dog { name nickname }")
        expectValid(rule, "fragment mergeIdenticalFields on Dog { name name }")
        expectValid(rule, "fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) }")
        expectValid(rule, "fragment mergeSameFieldsWithSameDirectives on Dog { name @include(if: true) name @include(if: true) }")
        expectValid(rule, "fragment differentArgsWithDifferentAliases on Dog { knowsSit: doesKnowCommand(dogCommand: SIT) knowsDown: doesKnowCommand(dogCommand: DOWN) }")
        expectValid(rule, "fragment differentDirectivesWithDifferentAliases on Dog { nameIfTrue: name @include(if: true) nameIfFalse: name @include(if: false) }")
        // Differing @skip/@include do not make the value ambiguous.
        expectValid(rule, "fragment differentDirectives on Dog { name @include(if: true) name @include(if: false) }")
    }

    @Test func sameAliasOnDifferentFieldsConflicts() {
        expectErrors(rule, """
        fragment sameAliasesWithDifferentFieldTargets on Dog {
          fido: name
          fido: nickname
        }
        """, [conflict("fido", "\"name\" and \"nickname\" are different fields", ["2:3", "3:3"])])
    }

    @Test func aliasMaskingAFieldConflicts() {
        expectErrors(rule, """
        fragment aliasMaskingDirectFieldAccess on Dog {
          name: nickname
          name
        }
        """, [conflict("name", "\"nickname\" and \"name\" are different fields", ["2:3", "3:3"])])
    }

    @Test func fieldsOnDistinctObjectTypesMayDiffer() {
        // No value is both a Dog and a Cat, so these never meet in one response object.
        expectValid(rule, """
        fragment sameAliasesWithDifferentFieldTargets on Pet {
          ... on Dog { name }
          ... on Cat { name: nickname }
        }
        """)
        expectValid(rule, """
        fragment conflictingArgs on Pet {
          ... on Dog { name(surname: true) }
          ... on Cat { name }
        }
        """)
    }

    @Test func differingArgumentsConflict() {
        let reason = "they have differing arguments"
        expectErrors(rule, """
        fragment conflictingArgs on Dog {
          doesKnowCommand
          doesKnowCommand(dogCommand: HEEL)
        }
        """, [conflict("doesKnowCommand", reason, ["2:3", "3:3"])])
        expectErrors(rule, """
        fragment conflictingArgs on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand
        }
        """, [conflict("doesKnowCommand", reason, ["2:3", "3:3"])])
        expectErrors(rule, """
        fragment conflictingArgs on Dog {
          doesKnowCommand(dogCommand: SIT)
          doesKnowCommand(dogCommand: HEEL)
        }
        """, [conflict("doesKnowCommand", reason, ["2:3", "3:3"])])
        expectErrors(rule, """
        fragment conflictingArgs on Dog {
          isAtLocation(x: 0)
          isAtLocation(y: 0)
        }
        """, [conflict("isAtLocation", reason, ["2:3", "3:3"])])
    }

    @Test func argumentsAndInputFieldsAreUnordered() {
        let schema = Self.buildSchema("""
        input SomeInput { a: String b: String list: [SomeInput] }
        type Query { someField(a: String, b: String, arg: SomeInput): String }
        """)
        expectValid(rule, "{ someField(a: null, b: null) someField(b: null, a: null) }", schema: schema)
        expectValid(rule, "{ someField(arg: { a: null, b: null }) someField(arg: { b: null, a: null }) }", schema: schema)
        expectValid(rule, """
        { someField(arg: { list: [{ b: "x", a: "y" }] }) someField(arg: { list: [{ a: "y", b: "x" }] }) }
        """, schema: schema)
        expectValid(rule, "query ($v: String) { someField(a: $v) someField(a: $v) }", schema: schema)
    }

    @Test func argumentValuesCompareAsPrinted() {
        let schema = Self.buildSchema("""
        input SomeInput { a: String b: String list: [String] }
        type Query { someField(a: String, f: Float, arg: SomeInput): String }
        """)
        let reason = "they have differing arguments"
        // Lists are ordered.
        expectErrors(rule, """
        {
          someField(arg: { list: ["x", "y"] })
          someField(arg: { list: ["y", "x"] })
        }
        """, [conflict("someField", reason, ["2:3", "3:3"])], schema: schema)
        // Different variables, even if they may hold the same value.
        expectErrors(rule, """
        query ($x: String, $y: String) {
          someField(a: $x)
          someField(a: $y)
        }
        """, [conflict("someField", reason, ["2:3", "3:3"])], schema: schema)
        // `1` and `1.0` print differently.
        expectErrors(rule, """
        {
          someField(f: 1)
          someField(f: 1.0)
        }
        """, [conflict("someField", reason, ["2:3", "3:3"])], schema: schema)
        // A block string prints differently from a plain one with the same value.
        expectErrors(rule, #"""
        {
          someField(a: "x")
          someField(a: """x""")
        }
        """#, [conflict("someField", reason, ["2:3", "3:3"])], schema: schema)
        // A missing input field is not the same as an explicit null.
        expectErrors(rule, """
        {
          someField(arg: { a: null })
          someField(arg: { a: null, b: null })
        }
        """, [conflict("someField", reason, ["2:3", "3:3"])], schema: schema)
    }

    // MARK: Fragments

    @Test func conflictBetweenSpreadFragments() {
        expectErrors(rule, """
        {
          ...A
          ...B
        }
        fragment A on Type {
          x: a
        }
        fragment B on Type {
          x: b
        }
        """, [conflict("x", "\"a\" and \"b\" are different fields", ["6:3", "9:3"])])
    }

    @Test func eachConflictIsReportedOnce() {
        expectErrors(rule, """
        {
          f1 {
            ...A
            ...B
          }
          f2 {
            ...B
            ...A
          }
          f3 {
            ...A
            ...B
            x: c
          }
        }
        fragment A on Type {
          x: a
        }
        fragment B on Type {
          x: b
        }
        """, [
            conflict("x", "\"a\" and \"b\" are different fields", ["17:3", "20:3"]),
            conflict("x", "\"c\" and \"a\" are different fields", ["13:5", "17:3"]),
            conflict("x", "\"c\" and \"b\" are different fields", ["13:5", "20:3"]),
        ])
    }

    @Test func inlineFragmentsAreCheckedWithTheirEnclosingSet() {
        // As in graphql-js, the inline fragment's own selection set is checked too, so a conflict
        // inside it is reported for both sets.
        let error = conflict("a", "\"name\" and \"nickname\" are different fields", ["3:5", "4:5"])
        expectErrors(rule, """
        { dog {
          ... on Dog {
            a: name
            a: nickname
          }
        } }
        """, [error, error])
        expectErrors(rule, """
        { dog {
          a: name
          ... on Dog {
            a: nickname
          }
        } }
        """, [conflict("a", "\"name\" and \"nickname\" are different fields", ["2:3", "4:5"])])
    }

    @Test func unknownFragmentsAreIgnored() {
        expectValid(rule, """
        {
          field
          ...Unknown
          ...Known
        }
        fragment Known on T {
          field
          ...OtherUnknown
        }
        """)
    }

    // MARK: Sub-selections

    @Test func conflictInSubSelections() {
        expectErrors(rule, """
        {
          field {
            x: a
          }
          field {
            x: b
          }
        }
        """, [conflict("field", "subfields \"x\" conflict because \"a\" and \"b\" are different fields",
                       ["2:3", "3:5", "5:3", "6:5"])])
    }

    @Test func severalConflictsInSubSelections() {
        expectErrors(rule, """
        {
          field {
            x: a
            y: c
          }
          field {
            x: b
            y: d
          }
        }
        """, [conflict("field", "subfields \"x\" conflict because \"a\" and \"b\" are different fields and "
                       + "subfields \"y\" conflict because \"c\" and \"d\" are different fields",
                       ["2:3", "3:5", "4:5", "6:3", "7:5", "8:5"])])
    }

    @Test func conflictTwoLevelsDown() {
        expectErrors(rule, """
        {
          field {
            deepField {
              x: a
            }
          }
          field {
            deepField {
              x: b
            }
          }
        }
        """, [conflict("field", "subfields \"deepField\" conflict because subfields \"x\" conflict because "
                       + "\"a\" and \"b\" are different fields",
                       ["2:3", "3:5", "4:7", "7:3", "8:5", "9:7"])])
    }

    @Test func deepConflictIsReportedAtTheNearestCommonAncestor() {
        expectErrors(rule, """
        {
          field {
            deepField {
              x: a
            }
            deepField {
              x: b
            }
          }
          field {
            deepField {
              y
            }
          }
        }
        """, [conflict("deepField", "subfields \"x\" conflict because \"a\" and \"b\" are different fields",
                       ["3:5", "4:7", "6:5", "7:7"])])
    }

    @Test func deepConflictInAFragmentIsReportedAtTheNearestCommonAncestor() {
        expectErrors(rule, """
        {
          field {
            ...F
          }
          field {
            ...F
          }
        }
        fragment F on T {
          deepField {
            deeperField {
              x: a
            }
            deeperField {
              x: b
            }
          }
          deepField {
            deeperField {
              y
            }
          }
        }
        """, [conflict("deeperField", "subfields \"x\" conflict because \"a\" and \"b\" are different fields",
                       ["11:5", "12:7", "14:5", "15:7"])])
    }

    @Test func deepConflictThroughNestedFragments() {
        expectErrors(rule, """
        {
          field {
            ...I
          }
          field {
            ...F
          }
        }
        fragment F on T {
          x: a
          ...G
        }
        fragment G on T {
          y: c
        }
        fragment I on T {
          y: d
          ...J
        }
        fragment J on T {
          x: b
        }
        """, [conflict("field", "subfields \"y\" conflict because \"d\" and \"c\" are different fields and "
                       + "subfields \"x\" conflict because \"b\" and \"a\" are different fields",
                       ["2:3", "17:3", "21:3", "5:3", "14:3", "10:3"])])
    }

    @Test func conflictAfterFragmentsAlreadyComparedElsewhere() {
        // F, G and H are compared with each other while their own selection sets are visited;
        // the operation's field must still be compared with H, reached through F and G.
        expectErrors(rule, """
        fragment F on T {
          ...G
        }
        fragment G on T {
          ...H
        }
        fragment H on T {
          x: a
        }
        {
          x: b
          ...F
        }
        """, [conflict("x", "\"b\" and \"a\" are different fields", ["11:3", "8:3"])])
    }

    // MARK: Response shapes

    @Test func conflictingLeafTypesOnTypesThatMightOverlap() {
        // An object could one day be both an IntBox and a NonNullStringBox1.
        expectErrors(rule, """
        {
          someBox {
            ...on IntBox {
              scalar
            }
            ...on NonNullStringBox1 {
              scalar
            }
          }
        }
        """, [conflict("scalar", "they return conflicting types \"Int\" and \"String!\"", ["4:7", "7:7"])],
        schema: Self.boxSchema)
    }

    @Test func compatibleShapesOfDifferentTypesMerge() {
        // `deepBox` is a SomeBox on one side and a StringBox on the other: the shapes agree.
        expectValid(rule, """
        {
          someBox {
            ... on SomeBox {
              deepBox {
                unrelatedField
              }
            }
            ... on StringBox {
              deepBox {
                unrelatedField
              }
            }
          }
        }
        """, schema: Self.boxSchema)
    }

    @Test func leafTypesMustAgreeEvenOnExclusiveTypes() {
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              scalar
            }
            ... on StringBox {
              scalar
            }
          }
        }
        """, [conflict("scalar", "they return conflicting types \"Int\" and \"String\"", ["4:7", "7:7"])],
        schema: Self.boxSchema)
    }

    @Test func nonExclusiveComparisonAfterAnExclusiveOne() {
        // X and Y are first compared under exclusive parents (IntBox, StringBox); the later
        // comparison without exclusivity must still find the different fields.
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              deepBox {
                ...X
              }
            }
          }
          someBox {
            ... on StringBox {
              deepBox {
                ...Y
              }
            }
          }
          memoed: someBox {
            ... on IntBox {
              deepBox {
                ...X
              }
            }
          }
          memoed: someBox {
            ... on StringBox {
              deepBox {
                ...Y
              }
            }
          }
          other: someBox {
            ...X
          }
          other: someBox {
            ...Y
          }
        }
        fragment X on SomeBox {
          scalar
        }
        fragment Y on SomeBox {
          scalar: unrelatedField
        }
        """, [conflict("other", "subfields \"scalar\" conflict because \"scalar\" and \"unrelatedField\" are different fields",
                       ["30:3", "38:3", "33:3", "41:3"])],
        schema: Self.boxSchema)
    }

    @Test func nullabilityMustAgree() {
        expectErrors(rule, """
        {
          someBox {
            ... on NonNullStringBox1 {
              scalar
            }
            ... on StringBox {
              scalar
            }
          }
        }
        """, [conflict("scalar", "they return conflicting types \"String!\" and \"String\"", ["4:7", "7:7"])],
        schema: Self.boxSchema)
    }

    @Test func listnessMustAgree() {
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              box: listStringBox {
                scalar
              }
            }
            ... on StringBox {
              box: stringBox {
                scalar
              }
            }
          }
        }
        """, [conflict("box", "they return conflicting types \"[StringBox]\" and \"StringBox\"", ["4:7", "9:7"])],
        schema: Self.boxSchema)
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              box: stringBox {
                scalar
              }
            }
            ... on StringBox {
              box: listStringBox {
                scalar
              }
            }
          }
        }
        """, [conflict("box", "they return conflicting types \"StringBox\" and \"[StringBox]\"", ["4:7", "9:7"])],
        schema: Self.boxSchema)
    }

    @Test func subfieldsOfExclusiveFieldsAreStillCheckedWithin() {
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              box: stringBox {
                val: scalar
                val: unrelatedField
              }
            }
            ... on StringBox {
              box: stringBox {
                val: scalar
              }
            }
          }
        }
        """, [conflict("val", "\"scalar\" and \"unrelatedField\" are different fields", ["5:9", "6:9"])],
        schema: Self.boxSchema)
    }

    @Test func deepLeafTypesMustAgreeEvenOnExclusiveTypes() {
        expectErrors(rule, """
        {
          someBox {
            ... on IntBox {
              box: stringBox {
                scalar
              }
            }
            ... on StringBox {
              box: intBox {
                scalar
              }
            }
          }
        }
        """, [conflict("box", "subfields \"scalar\" conflict because they return conflicting types \"String\" and \"Int\"",
                       ["4:7", "5:9", "9:7", "10:9"])],
        schema: Self.boxSchema)
    }

    @Test func compatibleShapesAreValid() {
        expectValid(rule, """
        {
          someBox {
            ... on IntBox { scalar: unrelatedField }
            ... on StringBox { scalar }
          }
        }
        """, schema: Self.boxSchema)
        expectValid(rule, """
        {
          someBox {
            ...on NonNullStringBox1 { scalar }
            ...on NonNullStringBox2 { scalar }
          }
        }
        """, schema: Self.boxSchema)
        expectValid(rule, "{ a ... { a } }", schema: Self.boxSchema)
        // Unknown types are left to KnownTypeNamesRule.
        expectValid(rule, """
        {
          someBox {
            ...on UnknownType { scalar }
            ...on NonNullStringBox2 { scalar }
          }
        }
        """, schema: Self.boxSchema)
        let keywords = Self.buildSchema("type Foo { constructor: String hash: Int } type Query { foo: Foo }")
        expectValid(rule, "{ foo { constructor hash } }", schema: keywords)
    }

    @Test func deepTypesThroughListsAndFragments() {
        expectErrors(rule, """
        {
          connection {
            ...edgeID
            edges {
              node {
                id: name
              }
            }
          }
        }
        fragment edgeID on Connection {
          edges {
            node {
              id
            }
          }
        }
        """, [conflict("edges", "subfields \"node\" conflict because subfields \"id\" conflict because "
                       + "\"name\" and \"id\" are different fields",
                       ["4:5", "5:7", "6:9", "12:3", "13:5", "14:7"])],
        schema: Self.boxSchema)
    }

    // MARK: Recursive fragments

    @Test func recursiveFragmentsEnd() {
        expectValid(rule, """
        { ...fragA }
        fragment fragA on Human { name, relatives { name, ...fragA } }
        """)
        expectValid(rule, """
        { ...fragA }
        fragment fragA on Human { name, ...fragA }
        """)
        expectValid(rule, """
        { ...fragA fragA }
        fragment fragA on QueryRoot { ...fragA }
        """)
        expectValid(rule, """
        { ...fragA fragB }
        fragment fragA on Human { name, ...fragB }
        fragment fragB on Human { name, ...fragC }
        fragment fragC on Human { name, ...fragA }
        """)
        expectValid(rule, """
        { ...fragA ...fragB }
        fragment fragA on T { x { ...fragA x { ...fragA } } }
        fragment fragB on T { x { ...fragB x { ...fragB } } }
        """)
    }

    @Test func conflictsAreFoundDespiteRecursion() {
        expectErrors(rule, """
        {
          fragA
          ...fragA
        }
        fragment fragA on Type {
          fragA: b
        }
        """, [conflict("fragA", "\"fragA\" and \"b\" are different fields", ["2:3", "6:3"])])
        expectErrors(rule, """
        fragment sameAliasesWithDifferentFieldTargets on Dog {
          ...sameAliasesWithDifferentFieldTargets
          fido: name
          fido: nickname
        }
        """, [conflict("fido", "\"name\" and \"nickname\" are different fields", ["3:3", "4:3"])])
    }

    // MARK: Performance

    @Test func largeDocumentsValidateWithoutBlowUp() {
        // A chain of fragments each spreading the next twice: naive expansion is 2^40 fields.
        var chain = "{ dog { ...F0 ...F0 name } }\n"
        for i in 0..<40 {
            chain += "fragment F\(i) on Dog { name nickname mother { name } ...F\(i + 1) ...F\(i + 1) }\n"
        }
        chain += "fragment F40 on Dog { name }\n"

        // Many fragments spread side by side, all selecting the same fields, plus repeated fields.
        var wide = "{ dog {"
        for i in 0..<60 { wide += " ...W\(i)" }
        for _ in 0..<60 { wide += " name mother { name barkVolume }" }
        wide += " } }\n"
        for i in 0..<60 {
            wide += "fragment W\(i) on Dog { name nickname mother { name ...W\((i + 1) % 60) } }\n"
        }

        let clock = ContinuousClock()
        let elapsed = clock.measure {
            expectValid(rule, chain)
            expectValid(rule, wide)
        }
        #expect(elapsed < .seconds(5), "took \(elapsed)")

        // And a conflict deep in the chain is still found.
        var conflicting = "{ dog { ...C0 } }\n"
        for i in 0..<30 {
            conflicting += "fragment C\(i) on Dog { ...C\(i + 1) ...C\(i + 1) }\n"
        }
        conflicting += "fragment C30 on Dog { name: nickname }\n"
        conflicting += "fragment Other on Dog { ...C0 name }\n"
        expectErrors(rule, conflicting,
                     [conflict("name", "\"name\" and \"nickname\" are different fields", ["33:31", "32:23"])])
    }
}
