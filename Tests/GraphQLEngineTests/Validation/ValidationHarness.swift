import Testing
@testable import GraphQLEngine

/// The schema validation rule tests run against: pets, humans and aliens, arguments of every input
/// type, and directives at every location — the same shape as graphql-js's validation harness, so
/// its documented cases can be checked here.
enum ValidationHarness {
    static let sdl = """
    interface Mammal { mother: Mammal father: Mammal }
    interface Pet { name(surname: Boolean): String }
    interface Canine implements Mammal { name(surname: Boolean): String mother: Canine father: Canine }
    enum DogCommand { SIT HEEL DOWN }
    type Dog implements Pet & Mammal & Canine {
      name(surname: Boolean): String
      nickname: String
      barkVolume: Int
      barks: Boolean
      doesKnowCommand(dogCommand: DogCommand): Boolean
      isHouseTrained(atOtherHomes: Boolean = true): Boolean
      isAtLocation(x: Int, y: Int): Boolean
      mother: Dog
      father: Dog
    }
    type Cat implements Pet {
      name(surname: Boolean): String
      nickname: String
      meows: Boolean
      meowsVolume: Int
      furColor: FurColor
    }
    union CatOrDog = Cat | Dog
    interface Intelligent { iq: Int }
    interface Being { name(surname: Boolean): String }
    type Human implements Being & Intelligent {
      name(surname: Boolean): String
      pets: [Pet]
      relatives: [Human]!
      iq: Int
    }
    type Alien implements Being & Intelligent {
      name(surname: Boolean): String
      numEyes: Int
      iq: Int
    }
    union DogOrHuman = Dog | Human
    union HumanOrAlien = Human | Alien
    enum FurColor { BROWN BLACK TAN SPOTTED NO_FUR UNKNOWN }
    input ComplexInput {
      requiredField: Boolean!
      nonNullField: Boolean! = false
      intField: Int
      stringField: String
      booleanField: Boolean
      stringListField: [String]
    }
    input OneOfInput @oneOf { stringField: String intField: Int }
    type ComplicatedArgs {
      intArgField(intArg: Int): String
      nonNullIntArgField(nonNullIntArg: Int!): String
      stringArgField(stringArg: String): String
      booleanArgField(booleanArg: Boolean): String
      enumArgField(enumArg: FurColor): String
      floatArgField(floatArg: Float): String
      idArgField(idArg: ID): String
      stringListArgField(stringListArg: [String]): String
      stringListNonNullArgField(stringListNonNullArg: [String!]): String
      complexArgField(complexArg: ComplexInput): String
      oneOfArgField(oneOfArg: OneOfInput): String
      multipleReqs(req1: Int!, req2: Int!): String
      nonNullFieldWithDefault(arg: Int! = 0): String
      multipleOpts(opt1: Int = 0, opt2: Int = 0): String
      multipleOptAndReq(req1: Int!, req2: Int!, opt1: Int = 0, opt2: Int = 0): String
    }
    type QueryRoot {
      human(id: ID): Human
      alien: Alien
      dog: Dog
      cat: Cat
      pet: Pet
      catOrDog: CatOrDog
      dogOrHuman: DogOrHuman
      humanOrAlien: HumanOrAlien
      complicatedArgs: ComplicatedArgs
    }
    type MutationRoot { renameDog(name: String): Dog }
    type Message { body: String sender: String }
    type SubscriptionRoot {
      newMessage: Message
      importantEmails: [String]
      disallowedSecondRootField: Boolean
    }
    schema { query: QueryRoot mutation: MutationRoot subscription: SubscriptionRoot }
    directive @onQuery on QUERY
    directive @onMutation on MUTATION
    directive @onSubscription on SUBSCRIPTION
    directive @onField on FIELD
    directive @onFragmentDefinition on FRAGMENT_DEFINITION
    directive @onFragmentSpread on FRAGMENT_SPREAD
    directive @onInlineFragment on INLINE_FRAGMENT
    directive @onVariableDefinition on VARIABLE_DEFINITION
    directive @repeatable repeatable on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
    directive @directiveA on FIELD
    directive @directiveB on FIELD
    directive @withArgs(arg: String, required: Int!, flag: Boolean = false) on FIELD
    """

    /// The harness schema, built once.
    static let schema: Schema = {
        do {
            return try Schema.build(sdl: sdl, name: "harness.graphql")
        } catch {
            fatalError("harness schema does not build: \(error)")
        }
    }()

    /// A query-only schema (no mutation or subscription root), for operation-type rules.
    static let queryOnlySchema: Schema = {
        do {
            return try Schema.build(sdl: "type Query { a: String b: Int }")
        } catch {
            fatalError("\(error)")
        }
    }()

    /// The errors `rule` alone reports on `query`, as (message, ["line:column", ...]).
    static func errors(_ rule: @escaping ValidationRuleFactory, _ query: String,
                       schema: Schema = ValidationHarness.schema) -> [ReportedError] {
        let source = Source(query)
        let document: DocumentNode
        do {
            document = try Parser.parse(source)
        } catch {
            Issue.record("does not parse: \(error)")
            return []
        }
        return Validator.validate(document, schema: schema, source: source, rules: [rule])
            .map { ReportedError($0.message, $0.locations.map(\.description)) }
    }
}

/// An error as tests compare it: its message and its "line:column" locations.
struct ReportedError: Equatable, CustomStringConvertible {
    let message: String
    let locations: [String]

    init(_ message: String, _ locations: [String]) {
        self.message = message
        self.locations = locations
    }

    var description: String { "\(message) @ \(locations.joined(separator: ", "))" }
}

/// Expects `rule` to accept `query`.
func expectValid(_ rule: @escaping ValidationRuleFactory, _ query: String, schema: Schema = ValidationHarness.schema,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let errors = ValidationHarness.errors(rule, query, schema: schema)
    #expect(errors.isEmpty, "unexpected errors: \(errors)", sourceLocation: sourceLocation)
}

/// Expects `rule` to report exactly `expected` on `query`.
func expectErrors(_ rule: @escaping ValidationRuleFactory, _ query: String, _ expected: [ReportedError],
                  schema: Schema = ValidationHarness.schema, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let errors = ValidationHarness.errors(rule, query, schema: schema)
    #expect(errors == expected, sourceLocation: sourceLocation)
}
