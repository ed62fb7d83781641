import Testing
@testable import GraphQLEngine

/// Interfaces and unions (spec §6.4.3 ResolveAbstractType, §6.3.2 DoesFragmentTypeApply;
/// graphql-js `union-interface-test` and `abstract-test`): fragments on abstract types,
/// `__typename` through them, and every way a value tells its object type — its Swift type, a
/// `resolveType` closure, ``GraphQLTyped``, or a JSON `__typename`.
@Suite struct AbstractTypesTests {
    typealias H = ExecutionHarness

    // MARK: - The pets schema of graphql-js's union-interface tests

    static let petsSDL = """
    interface Named { name: String }
    interface Mammal { progeny: [Mammal] mother: Mammal father: Mammal }
    interface Life { progeny: [Life] }
    type Dog implements Mammal & Life & Named { name: String barks: Boolean progeny: [Dog] mother: Dog father: Dog }
    type Cat implements Mammal & Life & Named { name: String meows: Boolean progeny: [Cat] mother: Cat father: Cat }
    union Pet = Dog | Cat
    type Person implements Named & Mammal & Life { name: String pets: [Pet] friends: [Named] progeny: [Person] mother: Person father: Person }
    schema { query: Person }
    """

    /// Families with cycles (a mother's progeny holds her child): set up once, then only read.
    final class Dog: @unchecked Sendable {
        let name: String
        let barks: Bool
        var mother: Dog?
        var progeny: [Dog] = []
        init(_ name: String, barks: Bool) { self.name = name; self.barks = barks }
    }

    final class Cat: @unchecked Sendable {
        let name: String
        let meows: Bool
        var mother: Cat?
        var progeny: [Cat] = []
        init(_ name: String, meows: Bool) { self.name = name; self.meows = meows }
    }

    final class Person: @unchecked Sendable {
        let name: String
        let pets: [any Sendable]
        let friends: [any Sendable]
        init(_ name: String, pets: [any Sendable] = [], friends: [any Sendable] = []) {
            self.name = name; self.pets = pets; self.friends = friends
        }
    }

    static let john: Person = {
        let garfield = Cat("Garfield", meows: false)
        garfield.mother = Cat("Garfield's Mom", meows: false)
        garfield.mother?.progeny = [garfield]
        let odie = Dog("Odie", barks: true)
        odie.mother = Dog("Odie's Mom", barks: true)
        odie.mother?.progeny = [odie]
        let liz = Person("Liz")
        return Person("John", pets: [garfield, odie], friends: [liz, odie])
    }()

    static func pets() throws -> ExecutableSchema<NoContext> {
        try ExecutableSchema<NoContext>(schema: Schema.build(sdl: petsSDL), strict: true) { b in
            b.object("Dog", as: Dog.self) { t in
                t.field("name", \.name)
                t.field("barks", \.barks)
                t.field("mother", \.mother)
                t.field("father") { _, _ in nil }
                t.field("progeny", \.progeny)
            }
            b.object("Cat", as: Cat.self) { t in
                t.field("name", \.name)
                t.field("meows", \.meows)
                t.field("mother", \.mother)
                t.field("father") { _, _ in nil }
                t.field("progeny", \.progeny)
            }
            b.object("Person", as: Person.self) { t in
                t.field("name", \.name)
                t.field("pets", \.pets)
                t.field("friends", \.friends)
                t.field("progeny") { _, _ in [Person]() }
                t.field("mother") { _, _ in nil }
                t.field("father") { _, _ in nil }
            }
        }
    }

    func run(_ query: String, validate: Bool = true) async throws -> String {
        try await H.run(Self.pets(), query, rootValue: Self.john, validate: validate)
    }

    @Test func introspectsUnionAndInterfaceTypes() async throws {
        let fields = "kind name fields { name } interfaces { name } possibleTypes { name } enumValues { name } inputFields { name }"
        let json = try await run(#"{ Named: __type(name: "Named") { \#(fields) } Mammal: __type(name: "Mammal") { \#(fields) } Pet: __type(name: "Pet") { \#(fields) } }"#)
        #expect(json == #"{"data":{"Named":{"kind":"INTERFACE","name":"Named","fields":[{"name":"name"}],"interfaces":[],"possibleTypes":[{"name":"Dog"},{"name":"Cat"},{"name":"Person"}],"enumValues":null,"inputFields":null},"Mammal":{"kind":"INTERFACE","name":"Mammal","fields":[{"name":"progeny"},{"name":"mother"},{"name":"father"}],"interfaces":[],"possibleTypes":[{"name":"Dog"},{"name":"Cat"},{"name":"Person"}],"enumValues":null,"inputFields":null},"Pet":{"kind":"UNION","name":"Pet","fields":null,"interfaces":null,"possibleTypes":[{"name":"Dog"},{"name":"Cat"}],"enumValues":null,"inputFields":null}}}"#)
    }

    @Test func executesUnionFieldsOnTheRuntimeType() async throws {
        // Not valid (`name` is not a field of the union), but execution picks what the runtime type has.
        let json = try await run("{ __typename name pets { __typename name barks meows } }", validate: false)
        #expect(json == #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false},{"__typename":"Dog","name":"Odie","barks":true}]}}"#)
    }

    @Test func executesUnionsWithInlineFragments() async throws {
        let json = try await run("{ __typename name pets { __typename ... on Dog { name barks } ... on Cat { name meows } } }")
        #expect(json == #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false},{"__typename":"Dog","name":"Odie","barks":true}]}}"#)
    }

    @Test func executesInterfaceFieldsOnTheRuntimeType() async throws {
        let json = try await run("{ __typename name friends { __typename name barks meows } }", validate: false)
        #expect(json == #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#)
    }

    @Test func executesInterfacesWithInlineFragments() async throws {
        let json = try await run("{ __typename name friends { __typename name ... on Dog { barks } ... on Cat { meows } ... on Mammal { mother { __typename ... on Dog { name barks } ... on Cat { name meows } } } } }")
        #expect(json == #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz","mother":null},{"__typename":"Dog","name":"Odie","barks":true,"mother":{"__typename":"Dog","name":"Odie's Mom","barks":true}}]}}"#)
    }

    @Test func executesInterfacesWithNamedFragments() async throws {
        let json = try await run("{ __typename name friends { __typename name ...DogBarks ...CatMeows } } fragment DogBarks on Dog { barks } fragment CatMeows on Cat { meows }")
        #expect(json == #"{"data":{"__typename":"Person","name":"John","friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#)
    }

    @Test func fragmentConditionsMayBeAbstractTypes() async throws {
        let query = """
        { __typename name pets { ...PetFields ...on Mammal { mother { ...ProgenyFields } } } friends { ...FriendFields } }
        fragment PetFields on Pet { __typename ... on Dog { name barks } ... on Cat { name meows } }
        fragment FriendFields on Named { __typename name ... on Dog { barks } ... on Cat { meows } }
        fragment ProgenyFields on Life { progeny { __typename } }
        """
        let json = try await run(query)
        #expect(json == #"{"data":{"__typename":"Person","name":"John","pets":[{"__typename":"Cat","name":"Garfield","meows":false,"mother":{"progeny":[{"__typename":"Cat"}]}},{"__typename":"Dog","name":"Odie","barks":true,"mother":{"progeny":[{"__typename":"Dog"}]}}],"friends":[{"__typename":"Person","name":"Liz"},{"__typename":"Dog","name":"Odie","barks":true}]}}"#)
    }

    @Test func typenameAloneThroughUnionsAndInterfaces() async throws {
        let json = try await run("{ pets { __typename } friends { __typename ... on Life { __typename } } }")
        #expect(json == #"{"data":{"pets":[{"__typename":"Cat"},{"__typename":"Dog"}],"friends":[{"__typename":"Person"},{"__typename":"Dog"}]}}"#)
    }

    // MARK: - Ways to resolve the runtime type

    static let animalsSDL = """
    interface Pet { name: String }
    type Dog implements Pet { name: String woofs: Boolean }
    type Cat implements Pet { name: String meows: Boolean }
    type Human { name: String }
    union CatOrDog = Cat | Dog
    type Query { pets: [Pet] pet: Pet! catOrDog: [CatOrDog] }
    """

    /// One Swift type for both kinds of animal; which one it is lives in the value.
    struct Animal: Sendable, GraphQLTyped {
        let kind: String
        let name: String
        var graphQLTypeName: String { kind }
    }

    struct Human: Sendable { let name: String }

    static func animals(pets: [any Sendable], resolveType: (@Sendable (any Sendable) -> String?)? = nil) throws -> ExecutableSchema<NoContext> {
        try H.schema(animalsSDL) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("pets") { _, _ in pets }
                t.field("pet") { _, _ in pets.first }
                t.field("catOrDog") { _, _ in pets }
            }
            b.mapObject("Dog")
            b.mapObject("Cat")
            b.mapObject("Human")
            if let resolveType {
                b.resolveType("Pet", resolveType)
                b.resolveType("CatOrDog", resolveType)
            }
        }
    }

    static let petsQuery = "{ pets { __typename name ... on Dog { woofs } ... on Cat { meows } } }"

    @Test func resolvesTheTypeFromAJSONTypename() async throws {
        let exe = try Self.animals(pets: [
            ["__typename": "Dog", "name": "Odie", "woofs": true] as JSONValue,
            ["__typename": "Cat", "name": "Garfield", "meows": false] as JSONValue,
        ])
        #expect(try await H.run(exe, Self.petsQuery) == #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#)
    }

    @Test func resolvesTheTypeWithAResolveTypeClosure() async throws {
        let exe = try Self.animals(pets: [
            ["name": "Odie", "woofs": true] as [String: any Sendable],
            ["name": "Garfield", "meows": false] as [String: any Sendable],
        ]) { value in
            guard let map = value as? [String: any Sendable] else { return nil }
            return map["woofs"] != nil ? "Dog" : "Cat"
        }
        #expect(try await H.run(exe, Self.petsQuery) == #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#)
        #expect(try await H.run(exe, "{ catOrDog { __typename ... on Cat { name } } }") == #"{"data":{"catOrDog":[{"__typename":"Dog"},{"__typename":"Cat","name":"Garfield"}]}}"#)
    }

    @Test func aResolveTypeClosureIsAskedBeforeTheSwiftTypeAndGraphQLTyped() async throws {
        // By its Swift type and by GraphQLTyped, Tom is a Dog; the closure says Cat, and wins.
        let tom = Animal(kind: "Dog", name: "Tom")
        let exe = try H.schema(Self.animalsSDL) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("pets") { _, _ in [tom] }
                t.field("pet") { _, _ in tom }
                t.field("catOrDog") { _, _ in [tom] }
            }
            b.object("Dog", as: Animal.self) { t in
                t.field("name", \.name)
                t.field("woofs") { _, _ in true }
            }
            b.object("Cat", as: (any Sendable).self) { t in
                t.field("name") { value, _ in (value as? Animal)?.name }
                t.field("meows") { _, _ in true }
            }
            b.mapObject("Human")
            b.resolveType("Pet") { _ in "Cat" }
        }
        #expect(try await H.run(exe, "{ pets { __typename name ... on Cat { meows } } }") == #"{"data":{"pets":[{"__typename":"Cat","name":"Tom","meows":true}]}}"#)
        #expect(try await H.run(exe, "{ catOrDog { __typename } }") == #"{"data":{"catOrDog":[{"__typename":"Dog"}]}}"#)
    }

    @Test func resolvesTheTypeFromGraphQLTypedWhenOneSwiftTypeServesSeveralObjectTypes() async throws {
        let animals: [any Sendable] = [Animal(kind: "Dog", name: "Odie"), Animal(kind: "Cat", name: "Garfield")]
        let exe = try H.schema(Self.animalsSDL) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("pets") { _, _ in animals }
                t.field("pet") { _, _ in animals[0] }
                t.field("catOrDog") { _, _ in animals }
            }
            b.object("Dog", as: Animal.self) { t in
                t.field("name", \.name)
                t.field("woofs") { _, _ in true }
            }
            b.object("Cat", as: Animal.self) { t in
                t.field("name", \.name)
                t.field("meows") { _, _ in false }
            }
            b.mapObject("Human")
        }
        let json = try await H.run(exe, Self.petsQuery)
        #expect(json == #"{"data":{"pets":[{"__typename":"Dog","name":"Odie","woofs":true},{"__typename":"Cat","name":"Garfield","meows":false}]}}"#)
    }

    /// A value type that names its object type; bound through a protocol, so its Swift type alone
    /// says nothing.
    protocol PetValue: GraphQLTyped, Sendable { var name: String { get } }
    struct DogValue: PetValue { let name: String; var graphQLTypeName: String { "Dog" } }
    struct CatValue: PetValue { let name: String; var graphQLTypeName: String { "Cat" } }

    @Test func resolvesTheTypeFromGraphQLTypedValuesBoundThroughAProtocol() async throws {
        let animals: [any Sendable] = [CatValue(name: "Garfield"), DogValue(name: "Odie")]
        let exe = try H.schema(Self.animalsSDL) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("pets") { _, _ in animals }
                t.field("pet") { _, _ in animals[0] }
                t.field("catOrDog") { _, _ in animals }
            }
            b.object("Dog", as: (any PetValue).self) { t in
                t.field("name") { p, _ in p.name }
                t.field("woofs") { _, _ in true }
            }
            b.object("Cat", as: (any PetValue).self) { t in
                t.field("name") { p, _ in p.name }
                t.field("meows") { _, _ in false }
            }
            b.mapObject("Human")
        }
        #expect(try await H.run(exe, Self.petsQuery) == #"{"data":{"pets":[{"__typename":"Cat","name":"Garfield","meows":false},{"__typename":"Dog","name":"Odie","woofs":true}]}}"#)
    }

    @Test func keepsListOrderAcrossRuntimeTypes() async throws {
        let pets: [any Sendable] = (0..<6).map { i in
            (i % 3 == 0 ? ["__typename": "Cat", "name": .string("c\(i)")] : ["__typename": "Dog", "name": .string("d\(i)")]) as JSONValue
        }
        let exe = try Self.animals(pets: pets)
        #expect(try await H.run(exe, "{ catOrDog { ... on Dog { name } ... on Cat { name } } }")
                == #"{"data":{"catOrDog":[{"name":"c0"},{"name":"d1"},{"name":"d2"},{"name":"c3"},{"name":"d4"},{"name":"d5"}]}}"#)
    }

    // MARK: - Values of no possible type

    @Test func aValueOfAnImpossibleTypeIsAFieldError() async throws {
        let exe = try Self.animals(pets: [
            ["__typename": "Dog", "name": "Odie"] as JSONValue,
            ["__typename": "Human", "name": "Jon"] as JSONValue,
        ])
        let result = try await H.execute(exe, "{ pets { name } }")
        #expect(H.dataJSON(result) == #"{"pets":[{"name":"Odie"},null]}"#)
        #expect(result.errors.map(\.message) == [#"Runtime Object type "Human" is not a possible type for "Pet"."#])
        #expect(result.errors.first?.locations.map(\.column) == [3])
        #expect(result.errors.first?.path == [.key("pets"), .index(1)])
    }

    @Test func aValueWithoutAResolvableTypeIsAFieldError() async throws {
        let exe = try Self.animals(pets: [
            ["__typename": "Dog", "name": "Odie"] as JSONValue,
            ["name": "Mystery"] as JSONValue,
        ])
        let result = try await H.execute(exe, "{ pets { name } }")
        #expect(H.dataJSON(result) == #"{"pets":[{"name":"Odie"},null]}"#)
        #expect(result.errors.map(\.message) == [#"Abstract type "Pet" must resolve to an Object type at runtime for field "Query.pets". Either the "Pet" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function."#])
        #expect(result.errors.first?.path == [.key("pets"), .index(1)])
    }

    @Test func anUnresolvableValueInANonNullPositionPropagates() async throws {
        let exe = try Self.animals(pets: [["name": "Mystery"] as JSONValue])
        let result = try await H.execute(exe, "{ pet { name } }")
        #expect(H.dataJSON(result) == "null")
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.path == [.key("pet")])
    }
}
