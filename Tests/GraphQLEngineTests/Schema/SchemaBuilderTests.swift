import Testing
@testable import GraphQLEngine

/// Building schemas from SDL, and the spec's type-system rules with graphql-js's messages.
@Suite struct SchemaBuilderTests {
    /// The messages and "line:column" locations of the errors building `sdl` reports.
    func schemaErrors(_ sdl: String) -> [ReportedError] {
        do {
            _ = try Schema.build(sdl: sdl)
            return []
        } catch {
            return error.errors.map { ReportedError($0.message, $0.locations.map(\.description)) }
        }
    }

    @Test func buildsEveryKindOfType() throws {
        let schema = try Schema.build(sdl: """
        schema { query: Root mutation: Change }
        "The root" type Root implements Node { id: ID! search(text: String = "x", limit: Int): [Result!]! }
        type Change { touch(input: TouchInput!): Int }
        interface Node { id: ID! }
        interface Named implements Node { id: ID! name: String }
        type Person implements Named & Node { id: ID! name: String age: Int @deprecated(reason: "Use birthDate") }
        union Result = Person | Root
        enum Color { RED GREEN @deprecated }
        input TouchInput @oneOf { id: ID color: Color }
        scalar DateTime @specifiedBy(url: "https://www.rfc-editor.org/rfc/rfc3339")
        directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT
        """)
        #expect(schema.queryType?.name == "Root" && schema.mutationType?.name == "Change" && schema.subscriptionType == nil)
        let root = try #require(schema.type(named: "Root") as? ObjectType)
        #expect(root.description == "The root" && root.interfaces.map(\.name) == ["Node"])
        let search = try #require(root.fields["search"])
        #expect(search.type.description == "[Result!]!")
        #expect(search.arguments.elements.map(\.name) == ["text", "limit"])
        #expect(search.arguments["text"]?.defaultValue.map(Printer.print) == "\"x\"")
        let person = try #require(schema.type(named: "Person") as? ObjectType)
        #expect(person.fields["age"]?.deprecationReason == "Use birthDate")
        #expect((schema.type(named: "Color") as? EnumType)?.values["GREEN"]?.deprecationReason == "No longer supported")
        #expect((schema.type(named: "TouchInput") as? InputObjectType)?.isOneOf == true)
        #expect((schema.type(named: "DateTime") as? ScalarType)?.specifiedByURL == "https://www.rfc-editor.org/rfc/rfc3339")
        let named = try #require(schema.type(named: "Named") as? InterfaceType)
        let node = try #require(schema.type(named: "Node") as? InterfaceType)
        #expect(schema.possibleTypes(of: node).map(\.name).sorted() == ["Person", "Root"])
        #expect(schema.possibleTypes(of: named).map(\.name) == ["Person"])
        #expect(schema.interfaces(implementing: node).map(\.name) == ["Named"])
        #expect(schema.isSubType(node, named))
        #expect(schema.possibleTypes(of: try #require(schema.type(named: "Result"))).map(\.name) == ["Person", "Root"])
        #expect(schema.directive(named: "cached")?.isRepeatable == true)
        for builtIn in ["skip", "include", "deprecated", "specifiedBy", "oneOf"] {
            #expect(schema.directive(named: builtIn) != nil)
        }
        for introspection in ["__Schema", "__Type", "__Field", "__InputValue", "__EnumValue", "__Directive", "__TypeKind", "__DirectiveLocation"] {
            #expect(schema.type(named: introspection) != nil)
        }
        #expect(schema.fieldDefinition(root, "__schema") === schema.schemaMetaField)
        #expect(schema.fieldDefinition(person, "__schema") == nil)
        #expect(schema.fieldDefinition(person, "__typename") === schema.typeNameMetaField)
    }

    @Test func defaultRootNamesAndExtensions() throws {
        let schema = try Schema.build(sources: [
            Source("type Query { a: Int } type Mutation { b: Int } enum E { X }", name: "a.graphql"),
            Source("extend type Query { c: String } extend enum E { Y } extend type Mutation @deprecatedLike", name: "b.graphql"),
            Source("directive @deprecatedLike on OBJECT", name: "c.graphql"),
        ])
        #expect(schema.queryType?.fields.elements.map(\.name) == ["a", "c"])
        #expect(schema.mutationType?.name == "Mutation")
        #expect((schema.type(named: "E") as? EnumType)?.values.elements.map(\.name) == ["X", "Y"])
    }

    @Test func rejectsDuplicatesAndUnknownNames() {
        #expect(schemaErrors("type Query { a: Int } type Query { b: Int }")
                == [ReportedError("There can be only one type named \"Query\".", ["1:6", "1:28"])])
        #expect(schemaErrors("type Query { a: Int a: String }")
                == [ReportedError("Field \"Query.a\" can only be defined once.", ["1:14", "1:21"])])
        #expect(schemaErrors("type Query { a(x: Int, x: Int): Int }")
                == [ReportedError("Argument \"Query.a(x:)\" can only be defined once.", ["1:16", "1:24"])])
        #expect(schemaErrors("type Query { a: E } enum E { A A }")
                == [ReportedError("Enum value \"E.A\" can only be defined once.", ["1:30", "1:32"])])
        #expect(schemaErrors("type Query { a: Strin }")
                == [ReportedError("Unknown type \"Strin\". Did you mean \"String\"?", ["1:17"])])
        #expect(schemaErrors("type Query { a: Int } extend type Foo { b: Int }")
                == [ReportedError("Cannot extend type \"Foo\" because it is not defined.", ["1:35"])])
        #expect(schemaErrors("type Query { a: Int } scalar S extend type S @d directive @d on SCALAR | OBJECT")
                == [ReportedError("Cannot extend non-object type \"S\".", ["1:30", "1:44"])])
        #expect(schemaErrors("type Query { a: Int @nope }")
                == [ReportedError("Unknown directive \"@nope\".", ["1:21"])])
        #expect(schemaErrors("type Query { a: Int @specifiedBy(url: \"x\") }")
                == [ReportedError("Directive \"@specifiedBy\" may not be used on FIELD_DEFINITION.", ["1:21"])])
        #expect(schemaErrors("type Query { a: Int @deprecated @deprecated }")
                == [ReportedError("The directive \"@deprecated\" can only be used once at this location.", ["1:21", "1:33"])])
        #expect(schemaErrors("directive @skip(if: Boolean!) on FIELD type Query { a: Int }")
                == [ReportedError("Directive \"@skip\" already exists in the schema. It cannot be redefined.", ["1:12"])])
        #expect(schemaErrors("scalar S @specifiedBy type Query { a: S }")
                == [ReportedError("Directive \"@specifiedBy\" argument \"url\" of type \"String!\" is required, but it was not provided.", ["1:10"])])
        #expect(schemaErrors("schema { query: Q } schema { query: Q } type Q { a: Int }")
                == [ReportedError("Must provide only one schema definition.", ["1:21"])])
        #expect(schemaErrors("schema { query: Q query: Q } type Q { a: Int }")
                == [ReportedError("There can be only one query type in schema.", ["1:10", "1:19"])])
        #expect(schemaErrors("type Foo { a: Int }")
                == [ReportedError("Query root type must be provided.", [])])
        #expect(schemaErrors("schema { query: I } interface I { a: Int }")
                == [ReportedError("Query root type must be Object type, it cannot be I.", ["1:10"])])
        #expect(schemaErrors("query { a }") .first?.message == "A schema document may only contain type-system definitions; found an operation.")
    }

    @Test func checksTypeSystemRules() {
        #expect(schemaErrors("type Query { __a: Int }")
                == [ReportedError("Name \"__a\" must not begin with \"__\", which is reserved by GraphQL introspection.", ["1:14"])])
        #expect(schemaErrors("type Query { a: In } input In { b: Int }")
                == [ReportedError("The type of Query.a must be Output Type but got: In.", ["1:14"])])
        #expect(schemaErrors("type Query { a(x: Query): Int }")
                == [ReportedError("The type of Query.a(x:) must be Input Type but got: Query.", ["1:16"])])
        #expect(schemaErrors("type Query { a: U } union U")
                == [ReportedError("Union type U must define one or more member types.", ["1:27"])])
        #expect(schemaErrors("type Query { a: U } union U = Query | I interface I { b: Int }")
                == [ReportedError("Union type U can only include Object types, it cannot include I.", ["1:39"])])
        #expect(schemaErrors("type Query { a: Int } type Empty")
                == [ReportedError("Type Empty must define one or more fields.", ["1:28"])])
        #expect(schemaErrors("type Query implements I { b: Int } interface I { a: String }")
                == [ReportedError("Interface field I.a expected but Query does not provide it.", ["1:50", "1:6"])])
        #expect(schemaErrors("type Query implements I { a: Int } interface I { a: String }")
                == [ReportedError("Interface field I.a expects type String but Query.a is type Int.", ["1:50", "1:27"])])
        #expect(schemaErrors("type Query implements I { a: String } interface I { a(x: Int): String }")
                == [ReportedError("Interface field argument I.a(x:) expected but Query.a does not provide it.", ["1:55", "1:27"])])
        #expect(schemaErrors("type Query implements I { a(x: String): String } interface I { a(x: Int): String }")
                == [ReportedError("Interface field argument I.a(x:) expects type Int but Query.a(x:) is type String.", ["1:66", "1:29"])])
        #expect(schemaErrors("type Query implements I { a(y: Int!): String } interface I { a: String }")
                == [ReportedError("Argument \"Query.a(y:)\" must not be required type \"Int!\" if not provided by the Interface field \"I.a\".", ["1:29", "1:62"])])
        #expect(schemaErrors("type Query implements J { a: Int } interface I { a: Int } interface J implements I { a: Int }")
                == [ReportedError("Type Query must implement I because it is implemented by J.", ["1:6", "1:69"])])
        #expect(schemaErrors("type Query implements I { a: Int } interface I implements I { a: Int }")
                == [ReportedError("Type I cannot implement itself because it would create a circular reference.", ["1:46"])])
        #expect(schemaErrors("type Query { a(x: In): Int } input In { self: In! b: Int }")
                == [ReportedError("Cannot reference Input Object \"In\" within itself through a series of non-null fields: \"self\".", ["1:41"])])
        #expect(schemaErrors("type Query { a(x: A): Int } input A { b: B! } input B { a: A! }")
                == [ReportedError("Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\".", ["1:39", "1:57"])])
        #expect(schemaErrors("type Query { a(x: O): Int } input O @oneOf { a: Int! b: String = \"x\" }")
                == [ReportedError("OneOf input field O.a must be nullable.", ["1:46"]),
                    ReportedError("OneOf input field O.b cannot have a default value.", ["1:54"])])
        #expect(schemaErrors("type Query { a(x: Int! @deprecated): Int }")
                == [ReportedError("Required argument Query.a(x:) cannot be deprecated.", ["1:16"])])
        #expect(schemaErrors("type Query { a: E } enum E")
                == [ReportedError("Enum type E must define one or more values.", ["1:26"])])
        // Covariant field types and nullable lists of implementations are allowed.
        #expect(schemaErrors("""
        type Query implements I { a: Obj!, list: [Obj!]! }
        interface I { a: I2, list: [I2] }
        interface I2 { b: Int }
        type Obj implements I2 { b: Int }
        """) == [])
    }

    @Test func typeOrderFollowsGraphQLJS() throws {
        let schema = try Schema.build(sdl: "type B { c: C } type C { a: Int } type Query { b: B } type Lonely { x: String }")
        let names = schema.types.elements.map(\.name).filter { !$0.hasPrefix("__") }
        #expect(names == ["B", "C", "Int", "Query", "Lonely", "String", "Boolean"])
    }

    @Test func printsCanonicalSDL() throws {
        let sdl = """
        schema {
          query: Root
        }

        "A directive"
        directive @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT

        \"""The root type\"""
        type Root {
          \"""Searches everything\"""
          search(
            \"""Words to look for\"""
            text: String = "x"
            limit: Int
          ): [Result!]! @deprecated(reason: "Use find")
          old: Int @deprecated
        }

        union Result = Root | Person

        type Person {
          name: String
        }

        enum Color {
          RED

          \"""Not red\"""
          GREEN @deprecated
        }

        input Filter @oneOf {
          color: Color
          \"""Multi
        line\"""
          text: String
        }
        """
        let schema = try Schema.build(sdl: sdl)
        let printed = schema.printed()
        #expect(printed.contains("\"\"\"Searches everything\"\"\"\n  search(\n    \"\"\"Words to look for\"\"\"\n    text: String = \"x\"\n    limit: Int\n  ): [Result!]! @deprecated(reason: \"Use find\")"))
        #expect(printed.hasPrefix("schema {\n  query: Root\n}\n\n\"\"\"A directive\"\"\"\ndirective @cached(ttl: Int = 60) repeatable on FIELD_DEFINITION | OBJECT"))
        // Printing is a fixed point: the printed schema builds and prints the same.
        #expect(try Schema.build(sdl: printed).printed() == printed)
    }
}
