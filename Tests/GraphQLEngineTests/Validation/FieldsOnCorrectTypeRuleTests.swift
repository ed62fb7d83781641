import Testing
@testable import GraphQLEngine

@Suite struct FieldsOnCorrectTypeRuleTests {
    let rule: ValidationRuleFactory = { FieldsOnCorrectTypeRule() }

    /// graphql-js's schema for this rule: `nickname` is on both pets but not on `Pet`.
    static let schema = try! Schema.build(sdl: """
    interface Pet { name: String }
    type Dog implements Pet { name: String nickname: String barkVolume: Int }
    type Cat implements Pet { name: String nickname: String meowVolume: Int }
    union CatOrDog = Cat | Dog
    type Human { name: String pets: [Pet] }
    type Query { human: Human }
    """)

    func valid(_ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectValid(rule, query, schema: Self.schema, sourceLocation: sourceLocation)
    }

    func errors(_ query: String, _ expected: [ReportedError], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectErrors(rule, query, expected, schema: Self.schema, sourceLocation: sourceLocation)
    }

    /// The one message `rule` reports on `query` against a schema built from `sdl`.
    func message(_ sdl: String, _ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String? {
        let schema = try! Schema.build(sdl: sdl)
        let errors = ValidationHarness.errors(rule, query, schema: schema)
        #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
        return errors.first?.message
    }

    @Test func definedFieldsAreValid() {
        valid("fragment objectFieldSelection on Dog { __typename name }")
        valid("fragment aliasedObjectFieldSelection on Dog { tn : __typename otherName : name }")
        valid("fragment interfaceFieldSelection on Pet { __typename name }")
        valid("fragment interfaceFieldSelection on Pet { otherName : name }")
        valid("fragment lyingAliasSelection on Dog { name : nickname }")
        valid("fragment directFieldSelectionOnUnion on CatOrDog { __typename }")
        valid("fragment objectFieldSelection on Pet { ... on Dog { name } ... { name } }")
    }

    @Test func metaFieldsOfTheQueryTypeAreValidOnlyThere() {
        valid("{ __schema { queryType { name } } __type(name: \"Dog\") { name } __typename }")
        errors("{ human { __schema { queryType { name } } } }", [
            ReportedError("Cannot query field \"__schema\" on type \"Human\".", ["1:11"]),
        ])
    }

    @Test func fieldsUnderUnknownTypesAreIgnored() {
        valid("fragment unknownSelection on UnknownType { unknownField }")
    }

    @Test func unknownFieldsAreReportedAndTheirSelectionsIgnored() {
        errors("""
        fragment typeKnownAgain on Pet {
          unknown_pet_field {
            ... on Cat {
              unknown_cat_field
            }
          }
        }
        """, [
            ReportedError("Cannot query field \"unknown_pet_field\" on type \"Pet\".", ["2:3"]),
            ReportedError("Cannot query field \"unknown_cat_field\" on type \"Cat\".", ["4:7"]),
        ])
        errors("""
        fragment deepFieldNotDefined on Dog {
          unknown_field {
            deeper_unknown_field
          }
        }
        """, [ReportedError("Cannot query field \"unknown_field\" on type \"Dog\".", ["2:3"])])
        errors("""
        fragment subFieldNotDefined on Human {
          pets {
            unknown_field
          }
        }
        """, [ReportedError("Cannot query field \"unknown_field\" on type \"Pet\".", ["3:5"])])
    }

    @Test func closeFieldNamesAreSuggested() {
        errors("fragment fieldNotDefined on Dog { meowVolume }", [
            ReportedError("Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", ["1:35"]),
        ])
        errors("fragment fieldNotDefined on Pet { ... on Dog { meowVolume } }", [
            ReportedError("Cannot query field \"meowVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", ["1:48"]),
        ])
    }

    @Test func aliasesAreNotTheFieldName() {
        errors("fragment aliasedFieldTargetNotDefined on Dog { volume : mooVolume }", [
            ReportedError("Cannot query field \"mooVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", ["1:48"]),
        ])
        errors("fragment aliasedLyingFieldTargetNotDefined on Dog { barkVolume : kawVolume }", [
            ReportedError("Cannot query field \"kawVolume\" on type \"Dog\". Did you mean \"barkVolume\"?", ["1:53"]),
        ])
    }

    @Test func fieldsOfImplementationsSuggestInlineFragments() {
        errors("fragment notDefinedOnInterface on Pet { tailLength }", [
            ReportedError("Cannot query field \"tailLength\" on type \"Pet\".", ["1:41"]),
        ])
        errors("fragment definedOnImplementorsButNotInterface on Pet { nickname }", [
            ReportedError("Cannot query field \"nickname\" on type \"Pet\". Did you mean to use an inline fragment on \"Cat\" or \"Dog\"?",
                          ["1:56"]),
        ])
    }

    @Test func fieldsOnUnionsSuggestTheTypesThatHaveThem() {
        errors("fragment directFieldSelectionOnUnion on CatOrDog { directField }", [
            ReportedError("Cannot query field \"directField\" on type \"CatOrDog\".", ["1:52"]),
        ])
        errors("fragment definedOnImplementorsQueriedOnUnion on CatOrDog { name }", [
            ReportedError("Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Pet\", \"Cat\", or \"Dog\"?",
                          ["1:60"]),
        ])
    }

    @Test func messageWithoutSuggestions() {
        #expect(message("type T { fieldWithVeryLongNameThatWillNeverBeSuggested: String } type Query { t: T }",
                        "{ t { f } }") == "Cannot query field \"f\" on type \"T\".")
    }

    @Test func messageWithFewSuggestions() {
        #expect(message("union T = A | B type Query { t: T } type A { f: String } type B { f: String }", "{ t { f } }")
                == "Cannot query field \"f\" on type \"T\". Did you mean to use an inline fragment on \"A\" or \"B\"?")
        #expect(message("type T { y: String z: String } type Query { t: T }", "{ t { f } }")
                == "Cannot query field \"f\" on type \"T\". Did you mean \"y\" or \"z\"?")
    }

    @Test func typeSuggestionsComeBeforeFieldSuggestions() {
        #expect(message("""
        interface T { y: String z: String }
        type Query { t: T }
        type A implements T { f: String y: String z: String }
        type B implements T { f: String y: String z: String }
        """, "{ t { f } }") == "Cannot query field \"f\" on type \"T\". Did you mean to use an inline fragment on \"A\" or \"B\"?")
    }

    @Test func typeSuggestionsPutSupertypesFirst() {
        #expect(message("""
        interface T { bar: String }
        type Query { t: T }
        interface Z implements T { foo: String bar: String }
        interface Y implements Z & T { foo: String bar: String }
        type X implements Y & Z & T { foo: String bar: String }
        """, "{ t { foo } }") == "Cannot query field \"foo\" on type \"T\". Did you mean to use an inline fragment on \"Z\", \"Y\", or \"X\"?")
    }

    @Test func typeSuggestionsPutTheMostCommonFirst() {
        #expect(message("""
        interface Animal { name: String }
        interface Mammal implements Animal { name: String }
        interface Canine implements Animal & Mammal { name: String }
        type Dog implements Animal & Mammal & Canine { name: String }
        interface Feline implements Animal & Mammal { name: String }
        type Cat implements Animal & Mammal & Feline { name: String }
        union CatOrDog = Cat | Dog
        type Query { catOrDog: CatOrDog }
        """, "{ catOrDog { name } }")
                == "Cannot query field \"name\" on type \"CatOrDog\". Did you mean to use an inline fragment on \"Animal\", \"Mammal\", \"Canine\", \"Dog\", or \"Feline\"?")
    }

    @Test func atMostFiveSuggestionsAreShown() {
        #expect(message("""
        union T = A | B | C | D | E | F
        type Query { t: T }
        type A { f: String } type B { f: String } type C { f: String }
        type D { f: String } type E { f: String } type F { f: String }
        """, "{ t { f } }") == "Cannot query field \"f\" on type \"T\". Did you mean to use an inline fragment on \"A\", \"B\", \"C\", \"D\", or \"E\"?")
        #expect(message("type T { u: String v: String w: String x: String y: String z: String } type Query { t: T }", "{ t { f } }")
                == "Cannot query field \"f\" on type \"T\". Did you mean \"u\", \"v\", \"w\", \"x\", or \"y\"?")
    }
}
