import Testing
@testable import GraphQLEngine

@Suite struct PossibleFragmentSpreadsRuleTests {
    let rule: ValidationRuleFactory = { PossibleFragmentSpreadsRule() }

    /// graphql-js's schema for this rule: `Pet` itself implements `Being`.
    static let schema = try! Schema.build(sdl: """
    interface Being { name: String }
    interface Pet implements Being { name: String }
    type Dog implements Being & Pet { name: String barkVolume: Int }
    type Cat implements Being & Pet { name: String meowVolume: Int }
    union CatOrDog = Cat | Dog
    interface Intelligent { iq: Int }
    type Human implements Being & Intelligent { name: String pets: [Pet] iq: Int }
    type Alien implements Being & Intelligent { name: String iq: Int }
    union DogOrHuman = Dog | Human
    union HumanOrAlien = Human | Alien
    type Query { catOrDog: CatOrDog dogOrHuman: DogOrHuman humanOrAlien: HumanOrAlien }
    """)

    func valid(_ query: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectValid(rule, query, schema: Self.schema, sourceLocation: sourceLocation)
    }

    func errors(_ query: String, _ expected: [ReportedError], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        expectErrors(rule, query, expected, schema: Self.schema, sourceLocation: sourceLocation)
    }

    @Test func overlappingTypesAreValid() {
        valid("fragment objectWithinObject on Dog { ...dogFragment } fragment dogFragment on Dog { barkVolume }")
        valid("fragment objectWithinObjectAnon on Dog { ... on Dog { barkVolume } }")
        valid("fragment objectWithinInterface on Pet { ...dogFragment } fragment dogFragment on Dog { barkVolume }")
        valid("fragment objectWithinUnion on CatOrDog { ...dogFragment } fragment dogFragment on Dog { barkVolume }")
        valid("fragment unionWithinObject on Dog { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }")
        valid("fragment unionWithinInterface on Pet { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }")
        valid("fragment unionWithinUnion on DogOrHuman { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }")
        valid("fragment interfaceWithinObject on Dog { ...petFragment } fragment petFragment on Pet { name }")
        valid("fragment interfaceWithinInterface on Pet { ...beingFragment } fragment beingFragment on Being { name }")
        valid("fragment interfaceWithinInterface on Pet { ... on Being { name } }")
        valid("fragment interfaceWithinUnion on CatOrDog { ...petFragment } fragment petFragment on Pet { name }")
        valid("fragment untyped on Dog { ... { name } }")
    }

    @Test func unknownOrNonCompositeFragmentsAreLeftToOtherRules() {
        valid("fragment petFragment on Pet { ...badInADifferentWay } fragment badInADifferentWay on String { name }")
        valid("fragment petFragment on Pet { ...UnknownFragment }")
        valid("fragment petFragment on Pet { ... on Unknown { name } ... on String { name } }")
    }

    @Test func objectIntoAnotherObjectIsReported() {
        errors("fragment invalidObjectWithinObject on Cat { ...dogFragment } fragment dogFragment on Dog { barkVolume }", [
            ReportedError("Fragment \"dogFragment\" cannot be spread here as objects of type \"Cat\" can never be of type \"Dog\".",
                          ["1:45"]),
        ])
        errors("""
        fragment invalidObjectWithinObjectAnon on Cat {
          ... on Dog { barkVolume }
        }
        """, [ReportedError("Fragment cannot be spread here as objects of type \"Cat\" can never be of type \"Dog\".", ["2:3"])])
    }

    @Test func objectOutsideAnAbstractTypeIsReported() {
        errors("fragment invalidObjectWithinInterface on Pet { ...humanFragment } fragment humanFragment on Human { pets { name } }", [
            ReportedError("Fragment \"humanFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Human\".",
                          ["1:48"]),
        ])
        errors("fragment invalidObjectWithinUnion on CatOrDog { ...humanFragment } fragment humanFragment on Human { pets { name } }", [
            ReportedError("Fragment \"humanFragment\" cannot be spread here as objects of type \"CatOrDog\" can never be of type \"Human\".",
                          ["1:49"]),
        ])
    }

    @Test func unionsWithoutCommonObjectsAreReported() {
        errors("fragment invalidUnionWithinObject on Human { ...catOrDogFragment } fragment catOrDogFragment on CatOrDog { __typename }", [
            ReportedError("Fragment \"catOrDogFragment\" cannot be spread here as objects of type \"Human\" can never be of type \"CatOrDog\".",
                          ["1:46"]),
        ])
        errors("fragment invalidUnionWithinInterface on Pet { ...humanOrAlienFragment } fragment humanOrAlienFragment on HumanOrAlien { __typename }", [
            ReportedError("Fragment \"humanOrAlienFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"HumanOrAlien\".",
                          ["1:47"]),
        ])
        errors("fragment invalidUnionWithinUnion on CatOrDog { ...humanOrAlienFragment } fragment humanOrAlienFragment on HumanOrAlien { __typename }", [
            ReportedError("Fragment \"humanOrAlienFragment\" cannot be spread here as objects of type \"CatOrDog\" can never be of type \"HumanOrAlien\".",
                          ["1:48"]),
        ])
    }

    @Test func interfacesWithoutCommonObjectsAreReported() {
        errors("fragment invalidInterfaceWithinObject on Cat { ...intelligentFragment } fragment intelligentFragment on Intelligent { iq }", [
            ReportedError("Fragment \"intelligentFragment\" cannot be spread here as objects of type \"Cat\" can never be of type \"Intelligent\".",
                          ["1:48"]),
        ])
        errors("""
        fragment invalidInterfaceWithinInterface on Pet {
          ...intelligentFragment
        }
        fragment intelligentFragment on Intelligent { iq }
        """, [
            ReportedError("Fragment \"intelligentFragment\" cannot be spread here as objects of type \"Pet\" can never be of type \"Intelligent\".",
                          ["2:3"]),
        ])
        errors("""
        fragment invalidInterfaceWithinInterfaceAnon on Pet {
          ...on Intelligent { iq }
        }
        """, [ReportedError("Fragment cannot be spread here as objects of type \"Pet\" can never be of type \"Intelligent\".", ["2:3"])])
        errors("fragment invalidInterfaceWithinUnion on HumanOrAlien { ...petFragment } fragment petFragment on Pet { name }", [
            ReportedError("Fragment \"petFragment\" cannot be spread here as objects of type \"HumanOrAlien\" can never be of type \"Pet\".",
                          ["1:56"]),
        ])
    }

    @Test func everyImpossibleSpreadOfAFragmentIsReported() {
        errors("""
        { catOrDog { ... on Cat { ...dogFragment } } dogOrHuman { ... on Human { ...dogFragment } } }
        fragment dogFragment on Dog { barkVolume }
        """, [
            ReportedError("Fragment \"dogFragment\" cannot be spread here as objects of type \"Cat\" can never be of type \"Dog\".",
                          ["1:27"]),
            ReportedError("Fragment \"dogFragment\" cannot be spread here as objects of type \"Human\" can never be of type \"Dog\".",
                          ["1:74"]),
        ])
    }
}
