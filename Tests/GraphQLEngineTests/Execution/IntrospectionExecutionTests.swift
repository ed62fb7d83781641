import Testing
@testable import GraphQLEngine

/// Introspection executed as queries (spec §4 Introspection, §4.5 Schema Introspection; graphql-js
/// `introspection-test`): the meta-fields, `includeDeprecated` on every list that takes it,
/// default values printed as literals, `isOneOf`, `specifiedByURL`, type wrappers — and
/// introspection switched off.
@Suite struct IntrospectionExecutionTests {
    typealias H = ExecutionHarness

    static let sdl = #"""
    """The schema of the introspection tests"""
    schema { query: Query mutation: Mutation }
    """A date"""
    scalar Date @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")
    enum Color { RED GREEN @deprecated(reason: "Use RED") BLUE @deprecated }
    input Filter { text: String = "a \"quoted\" text" legacy: Int @deprecated(reason: "gone") color: Color = RED }
    input Choice @oneOf { id: ID name: String }
    interface Node { id: ID! }
    interface Entity implements Node { id: ID! }
    type Query {
      "The items"
      items(first: Int = 10, filter: Filter = {text: "x", color: BLUE}, tags: [String] = ["a", "b"], old: Boolean @deprecated(reason: "no"), when: Date, none: String = null): [Item!]!
      oldItems: [Item] @deprecated(reason: "Use items")
      legacy: String @deprecated
      choose(choice: Choice): String
    }
    type Item implements Entity & Node { id: ID! when: Date }
    type Mutation { noop: Boolean }
    """#

    static func executable(introspection: Bool = true) throws -> ExecutableSchema<NoContext> {
        try H.schema(sdl, introspection: introspection) { b in
            b.object("Query", as: RootValue.self) { t in
                t.field("items") { _, _ in [Int]() }
                t.field("oldItems") { _, _ in nil }
                t.field("legacy") { _, _ in nil }
                t.field("choose") { _, _ in nil }
            }
            b.mapObject("Item")
            b.object("Mutation", as: RootValue.self) { t in t.field("noop") { _, _ in true } }
        }
    }

    func run(_ query: String) async throws -> String {
        try await H.run(Self.executable(), query)
    }

    @Test func describesTheSchemaAndItsRootTypes() async throws {
        let json = try await run("{ __schema { description queryType { name } mutationType { name } subscriptionType { name } } }")
        #expect(json == #"{"data":{"__schema":{"description":"The schema of the introspection tests","queryType":{"name":"Query"},"mutationType":{"name":"Mutation"},"subscriptionType":null}}}"#)
    }

    @Test func typenameWorksOnIntrospectionTypesAndAnUnknownTypeIsNull() async throws {
        let json = try await run(#"{ __schema { __typename queryType { __typename fields { __typename type { __typename } } } } missing: __type(name: "Missing") { name } }"#)
        #expect(json == #"{"data":{"__schema":{"__typename":"__Schema","queryType":{"__typename":"__Type","fields":[{"__typename":"__Field","type":{"__typename":"__Type"}},{"__typename":"__Field","type":{"__typename":"__Type"}}]}},"missing":null}}"#)
    }

    @Test func introspectionIsOnlyAskedOnTheQueryRootButTypenameEverywhere() async throws {
        let json = try await run(#"query { __type(name: "Item") { name kind } }"#)
        #expect(json == #"{"data":{"__type":{"name":"Item","kind":"OBJECT"}}}"#)
        let mutation = try await H.run(Self.executable(), "mutation { __typename noop }")
        #expect(mutation == #"{"data":{"__typename":"Mutation","noop":true}}"#)
    }

    // MARK: - includeDeprecated

    @Test func fieldsHideDeprecatedOnesUnlessAsked() async throws {
        let json = try await run(#"{ __type(name: "Query") { fields { name } all: fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }"#)
        #expect(json == #"{"data":{"__type":{"fields":[{"name":"items"},{"name":"choose"}],"all":[{"name":"items","isDeprecated":false,"deprecationReason":null},{"name":"oldItems","isDeprecated":true,"deprecationReason":"Use items"},{"name":"legacy","isDeprecated":true,"deprecationReason":"No longer supported"},{"name":"choose","isDeprecated":false,"deprecationReason":null}]}}}"#)
    }

    @Test func argumentsHideDeprecatedOnesUnlessAsked() async throws {
        let json = try await run(#"{ __type(name: "Query") { fields(includeDeprecated: true) { name args { name } allArgs: args(includeDeprecated: true) { name isDeprecated deprecationReason } } } }"#)
        #expect(json == #"{"data":{"__type":{"fields":[{"name":"items","args":[{"name":"first"},{"name":"filter"},{"name":"tags"},{"name":"when"},{"name":"none"}],"allArgs":[{"name":"first","isDeprecated":false,"deprecationReason":null},{"name":"filter","isDeprecated":false,"deprecationReason":null},{"name":"tags","isDeprecated":false,"deprecationReason":null},{"name":"old","isDeprecated":true,"deprecationReason":"no"},{"name":"when","isDeprecated":false,"deprecationReason":null},{"name":"none","isDeprecated":false,"deprecationReason":null}]},{"name":"oldItems","args":[],"allArgs":[]},{"name":"legacy","args":[],"allArgs":[]},{"name":"choose","args":[{"name":"choice"}],"allArgs":[{"name":"choice","isDeprecated":false,"deprecationReason":null}]}]}}}"#)
    }

    @Test func enumValuesHideDeprecatedOnesUnlessAsked() async throws {
        let json = try await run(#"{ __type(name: "Color") { enumValues { name } all: enumValues(includeDeprecated: true) { name isDeprecated deprecationReason } } }"#)
        #expect(json == #"{"data":{"__type":{"enumValues":[{"name":"RED"}],"all":[{"name":"RED","isDeprecated":false,"deprecationReason":null},{"name":"GREEN","isDeprecated":true,"deprecationReason":"Use RED"},{"name":"BLUE","isDeprecated":true,"deprecationReason":"No longer supported"}]}}}"#)
    }

    @Test func inputFieldsHideDeprecatedOnesUnlessAsked() async throws {
        let json = try await run(#"{ __type(name: "Filter") { inputFields { name } all: inputFields(includeDeprecated: true) { name isDeprecated deprecationReason } } }"#)
        #expect(json == #"{"data":{"__type":{"inputFields":[{"name":"text"},{"name":"color"}],"all":[{"name":"text","isDeprecated":false,"deprecationReason":null},{"name":"legacy","isDeprecated":true,"deprecationReason":"gone"},{"name":"color","isDeprecated":false,"deprecationReason":null}]}}}"#)
    }

    // MARK: - Values and wrappers

    @Test func printsDefaultValuesAsGraphQLLiterals() async throws {
        let json = try await run(#"{ query: __type(name: "Query") { fields { args { name defaultValue } } } filter: __type(name: "Filter") { inputFields(includeDeprecated: true) { name defaultValue } } }"#)
        #expect(json == #"{"data":{"query":{"fields":[{"args":[{"name":"first","defaultValue":"10"},{"name":"filter","defaultValue":"{text: \"x\", color: BLUE}"},{"name":"tags","defaultValue":"[\"a\", \"b\"]"},{"name":"when","defaultValue":null},{"name":"none","defaultValue":"null"}]},{"args":[{"name":"choice","defaultValue":null}]}]},"filter":{"inputFields":[{"name":"text","defaultValue":"\"a \\\"quoted\\\" text\""},{"name":"legacy","defaultValue":null},{"name":"color","defaultValue":"RED"}]}}}"#)
    }

    @Test func tellsOneOfInputObjects() async throws {
        let json = try await run(#"{ choice: __type(name: "Choice") { isOneOf } filter: __type(name: "Filter") { isOneOf } query: __type(name: "Query") { isOneOf } }"#)
        #expect(json == #"{"data":{"choice":{"isOneOf":true},"filter":{"isOneOf":false},"query":{"isOneOf":null}}}"#)
    }

    @Test func givesScalarSpecificationsAndInterfaceHierarchies() async throws {
        let json = try await run(#"{ date: __type(name: "Date") { kind description specifiedByURL } int: __type(name: "Int") { specifiedByURL } item: __type(name: "Item") { specifiedByURL interfaces { name } } entity: __type(name: "Entity") { interfaces { name } possibleTypes { name } } }"#)
        #expect(json == #"{"data":{"date":{"kind":"SCALAR","description":"A date","specifiedByURL":"https://tools.ietf.org/html/rfc3339"},"int":{"specifiedByURL":null},"item":{"specifiedByURL":null,"interfaces":[{"name":"Entity"},{"name":"Node"}]},"entity":{"interfaces":[{"name":"Node"}],"possibleTypes":[{"name":"Item"}]}}}"#)
    }

    @Test func unwrapsNonNullAndListTypesThroughOfType() async throws {
        let json = try await run(#"{ __type(name: "Query") { fields { name description type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { name } } } } } } } }"#)
        #expect(json == #"{"data":{"__type":{"fields":[{"name":"items","description":"The items","type":{"kind":"NON_NULL","name":null,"ofType":{"kind":"LIST","name":null,"ofType":{"kind":"NON_NULL","name":null,"ofType":{"kind":"OBJECT","name":"Item","ofType":null}}}}},{"name":"choose","description":null,"type":{"kind":"SCALAR","name":"String","ofType":null}}]}}}"#)
    }

    @Test func listsTheSpecifiedDirectives() async throws {
        let result = try await H.execute(Self.executable(), "{ __schema { directives { name isRepeatable locations args { name defaultValue type { kind name ofType { name } } } } } }")
        #expect(result.errors.isEmpty)
        let directives = try #require(result.data?.jsonValue["__schema"]?["directives"])
        guard case .array(let list) = directives else { Issue.record("directives is not a list"); return }
        let byName = Dictionary(uniqueKeysWithValues: list.compactMap { d -> (String, JSONValue)? in
            guard case .string(let name)? = d["name"] else { return nil }
            return (name, d)
        })
        #expect(Set(byName.keys).isSuperset(of: ["include", "skip", "deprecated", "specifiedBy", "oneOf"]))
        let condition = #"{"isRepeatable":false,"locations":["FIELD","FRAGMENT_SPREAD","INLINE_FRAGMENT"],"args":[{"name":"if","defaultValue":null,"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"Boolean"}}}]}"#
        #expect(byName["include"].map(Self.withoutName) == condition)
        #expect(byName["skip"].map(Self.withoutName) == condition)
        #expect(byName["specifiedBy"].map(Self.withoutName) == #"{"isRepeatable":false,"locations":["SCALAR"],"args":[{"name":"url","defaultValue":null,"type":{"kind":"NON_NULL","name":null,"ofType":{"name":"String"}}}]}"#)
        #expect(byName["oneOf"].map(Self.withoutName) == #"{"isRepeatable":false,"locations":["INPUT_OBJECT"],"args":[]}"#)
        #expect(byName["deprecated"]?["args"].map(\.jsonText)?.contains(#""defaultValue":"\"No longer supported\"""#) == true)
    }

    static func withoutName(_ value: JSONValue) -> String {
        guard case .object(let members) = value else { return value.jsonText }
        return JSONValue.object(members.filter { $0.key != "name" }).jsonText
    }

    @Test func listsEveryReachableTypeAndTheIntrospectionTypes() async throws {
        let result = try await H.execute(Self.executable(), "{ __schema { types { name } } }")
        guard case .array(let types)? = result.data?.jsonValue["__schema"]?["types"] else {
            Issue.record("no types")
            return
        }
        let names = Set(types.compactMap { t -> String? in
            if case .string(let s)? = t["name"] { return s }
            return nil
        })
        #expect(names.isSuperset(of: ["Date", "Color", "Filter", "String", "Int", "Choice", "ID", "Node", "Entity", "Query", "Boolean", "Item",
                                      "Mutation", "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
                                      "__Directive", "__DirectiveLocation"]))
        #expect(names.count == types.count, "no type is listed twice")
    }

    @Test func answersTheStandardIntrospectionQuery() async throws {
        let result = try await H.execute(Self.executable(), IntrospectionQuery.full)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.message))")
        #expect(result.data?.jsonValue["__schema"]?["queryType"]?["name"] == "Query")
    }

    // MARK: - Switched off

    @Test func withIntrospectionOffSchemaAndTypeAreNotFound() async throws {
        let exe = try Self.executable(introspection: false)
        #expect(!exe.introspectionEnabled)
        let json = try await H.run(exe, #"{ __typename __schema { queryType { name } } __type(name: "Query") { name } }"#)
        #expect(json == #"{"data":{"__typename":"Query"}}"#)
        #expect(try await H.run(exe, "{ choose }") == #"{"data":{"choose":null}}"#)
        // Validated with the schema's own rules, such a query is refused with a clear error.
        let errors = Validator.validate(#"{ __typename __schema { queryType { name } } __type(name: "Query") { name } }"#,
                                        schema: exe.schema, rules: exe.validationRules)
        #expect(errors.map(\.message) == [
            "GraphQL introspection has been disabled, but the requested query contained the field \"__schema\".",
            "GraphQL introspection has been disabled, but the requested query contained the field \"__type\".",
        ])
        #expect(Validator.validate("{ __typename }", schema: exe.schema, rules: exe.validationRules).isEmpty)
    }
}
