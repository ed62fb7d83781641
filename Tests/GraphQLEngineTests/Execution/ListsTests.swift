import Testing
@testable import GraphQLEngine

/// List completion and nullability (spec §6.4.3 CompleteValue on lists; graphql-js `lists-test`):
/// each item is completed with its index in the path; a null or failed item in a `[T!]` nulls the
/// list, and a null list in a `[T]!` position nulls the parent — one error per failed position.
@Suite struct ListsTests {
    typealias H = ExecutionHarness

    /// What every list field of `Nest` returns: `value`, or an error thrown when `fails`.
    struct Payload: Sendable {
        let value: (any Sendable)?
        var fails = false
    }

    struct Item: Sendable {
        let id: Int?
        let name: String
    }

    static func executable() throws -> ExecutableSchema<NoContext> {
        try H.schema("""
        type Query { nest: Nest }
        type Nest {
          list: [Int]
          nnList: [Int]!
          listNN: [Int!]
          nnListNN: [Int!]!
          nested: [[Int!]]!
          strings: [String]
          objects: [Item]
          objectsNN: [Item!]
          nnObjectsNN: [Item!]!
        }
        type Item { id: Int! name: String }
        """) { b in
            b.object("Query", as: Payload.self) { t in t.field("nest") { p, _ in p } }
            b.object("Nest", as: Payload.self) { t in
                for name in ["list", "nnList", "listNN", "nnListNN", "nested", "strings", "objects", "objectsNN", "nnObjectsNN"] {
                    t.field(name) { p, _ in
                        if p.fails { throw ResolverError("bad") }
                        return p.value
                    }
                }
            }
            b.object("Item", as: Item.self) { t in
                t.field("id", \.id)
                t.field("name", \.name)
            }
        }
    }

    func run(_ field: String, _ payload: Payload) async throws -> String {
        try await H.runSorted(Self.executable(), "{ nest { \(field) } }", rootValue: payload)
    }

    func error(_ message: String, _ path: String, column: Int = 10) -> String {
        #"{"message":"\#(message)","locations":[{"line":1,"column":\#(column)}],"path":[\#(path)]}"#
    }

    // MARK: - The nullability matrix

    @Test(arguments: ["list", "nnList", "listNN", "nnListNN"])
    func aListOfValuesIsReturnedWhateverItsNullability(field: String) async throws {
        #expect(try await run(field, Payload(value: [1, 2])) == #"{"data":{"nest":{"\#(field)":[1,2]}}}"#)
        #expect(try await run(field, Payload(value: [Int]())) == #"{"data":{"nest":{"\#(field)":[]}}}"#)
    }

    @Test func aNullItem() async throws {
        let items = Payload(value: [1, nil, 2] as [Int?])
        #expect(try await run("list", items) == #"{"data":{"nest":{"list":[1,null,2]}}}"#)
        #expect(try await run("nnList", items) == #"{"data":{"nest":{"nnList":[1,null,2]}}}"#)
        #expect(try await run("listNN", items)
                == #"{"errors":[\#(error("Cannot return null for non-nullable field Nest.listNN.", #""nest","listNN",1"#))],"data":{"nest":{"listNN":null}}}"#)
        #expect(try await run("nnListNN", items)
                == #"{"errors":[\#(error("Cannot return null for non-nullable field Nest.nnListNN.", #""nest","nnListNN",1"#))],"data":{"nest":null}}"#)
    }

    @Test func aNullList() async throws {
        let null = Payload(value: nil)
        #expect(try await run("list", null) == #"{"data":{"nest":{"list":null}}}"#)
        #expect(try await run("nnList", null)
                == #"{"errors":[\#(error("Cannot return null for non-nullable field Nest.nnList.", #""nest","nnList""#))],"data":{"nest":null}}"#)
        #expect(try await run("listNN", null) == #"{"data":{"nest":{"listNN":null}}}"#)
        #expect(try await run("nnListNN", null)
                == #"{"errors":[\#(error("Cannot return null for non-nullable field Nest.nnListNN.", #""nest","nnListNN""#))],"data":{"nest":null}}"#)
    }

    @Test func aThrowingListResolver() async throws {
        let failing = Payload(value: nil, fails: true)
        #expect(try await run("list", failing) == #"{"errors":[\#(error("bad", #""nest","list""#))],"data":{"nest":{"list":null}}}"#)
        #expect(try await run("nnList", failing) == #"{"errors":[\#(error("bad", #""nest","nnList""#))],"data":{"nest":null}}"#)
        #expect(try await run("listNN", failing) == #"{"errors":[\#(error("bad", #""nest","listNN""#))],"data":{"nest":{"listNN":null}}}"#)
        #expect(try await run("nnListNN", failing) == #"{"errors":[\#(error("bad", #""nest","nnListNN""#))],"data":{"nest":null}}"#)
    }

    @Test func anErrorReturnedAsAnItem() async throws {
        let items = Payload(value: [1, ResolverError("bad"), 2] as [any Sendable])
        #expect(try await run("list", items) == #"{"errors":[\#(error("bad", #""nest","list",1"#))],"data":{"nest":{"list":[1,null,2]}}}"#)
        #expect(try await run("nnList", items) == #"{"errors":[\#(error("bad", #""nest","nnList",1"#))],"data":{"nest":{"nnList":[1,null,2]}}}"#)
        #expect(try await run("listNN", items) == #"{"errors":[\#(error("bad", #""nest","listNN",1"#))],"data":{"nest":{"listNN":null}}}"#)
        #expect(try await run("nnListNN", items) == #"{"errors":[\#(error("bad", #""nest","nnListNN",1"#))],"data":{"nest":null}}"#)
    }

    @Test func everyFailedItemHasItsOwnErrorAndTheNulledListNone() async throws {
        let result = try await H.execute(Self.executable(), "{ nest { listNN } }", rootValue: Payload(value: [nil, 1, nil, ResolverError("bad")] as [(any Sendable)?]))
        #expect(H.dataJSON(result) == #"{"nest":{"listNN":null}}"#)
        #expect(H.errorSummary(result) == [
            "nest.listNN.0 @1:10 Cannot return null for non-nullable field Nest.listNN.",
            "nest.listNN.2 @1:10 Cannot return null for non-nullable field Nest.listNN.",
            "nest.listNN.3 @1:10 bad",
        ])
    }

    // MARK: - Nested lists and lists of objects

    @Test func nestedListsCarryEveryIndexInThePath() async throws {
        let json = try await run("nested", Payload(value: [[1, 2], [3, nil], [4]] as [[Int?]]))
        #expect(json == #"{"errors":[\#(error("Cannot return null for non-nullable field Nest.nested.", #""nest","nested",1,1"#))],"data":{"nest":{"nested":[[1,2],null,[4]]}}}"#)
        let nullInner = try await run("nested", Payload(value: [[1], nil] as [[Int]?]))
        #expect(nullInner == #"{"data":{"nest":{"nested":[[1],null]}}}"#)
    }

    static let items: [Item] = [Item(id: 1, name: "one"), Item(id: nil, name: "two"), Item(id: 3, name: "three"), Item(id: nil, name: "four")]

    @Test func anItemObjectWithAFailedNonNullFieldIsNull() async throws {
        let json = try await H.runSorted(Self.executable(), "{ nest { objects { id name } } }", rootValue: Payload(value: Self.items))
        #expect(json == #"{"errors":[\#(error("Cannot return null for non-nullable field Item.id.", #""nest","objects",1,"id""#, column: 20)),\#(error("Cannot return null for non-nullable field Item.id.", #""nest","objects",3,"id""#, column: 20))],"data":{"nest":{"objects":[{"id":1,"name":"one"},null,{"id":3,"name":"three"},null]}}}"#)
    }

    @Test func anItemObjectWithAFailedNonNullFieldNullsANonNullItemList() async throws {
        let payload = Payload(value: Array(Self.items.prefix(2)))
        let json = try await H.run(Self.executable(), "{ nest { objectsNN { id } } }", rootValue: payload)
        #expect(json == #"{"errors":[\#(error("Cannot return null for non-nullable field Item.id.", #""nest","objectsNN",1,"id""#, column: 22))],"data":{"nest":{"objectsNN":null}}}"#)
        let nonNull = try await H.run(Self.executable(), "{ nest { nnObjectsNN { id } } }", rootValue: payload)
        #expect(nonNull == #"{"errors":[\#(error("Cannot return null for non-nullable field Item.id.", #""nest","nnObjectsNN",1,"id""#, column: 24))],"data":{"nest":null}}"#)
    }

    @Test func aLongListReportsTheIndexOfItsFailedItem() async throws {
        var values: [Int?] = Array(0..<1000)
        values[737] = nil
        let result = try await H.execute(Self.executable(), "{ nest { listNN } }", rootValue: Payload(value: values))
        #expect(H.dataJSON(result) == #"{"nest":{"listNN":null}}"#)
        #expect(result.errors.map(\.path) == [[.key("nest"), .key("listNN"), .index(737)]])
    }

    // MARK: - What counts as a list

    @Test func acceptsArraysOfAnyElementTypeAndJSONArrays() async throws {
        #expect(try await run("list", Payload(value: [Int32(1), Int32(2)])) == #"{"data":{"nest":{"list":[1,2]}}}"#)
        #expect(try await run("list", Payload(value: [1, 2] as [any Sendable])) == #"{"data":{"nest":{"list":[1,2]}}}"#)
        #expect(try await run("list", Payload(value: JSONValue.array([1, .null, 2]))) == #"{"data":{"nest":{"list":[1,null,2]}}}"#)
        #expect(try await run("strings", Payload(value: ["a", "b"])) == #"{"data":{"nest":{"strings":["a","b"]}}}"#)
    }

    @Test func acceptsAnySwiftCollectionAsAListValue() async throws {
        let numbers = [1, 2, 3, 4]
        let slice = try await run("list", Payload(value: numbers[1...2]))
        let contiguous = try await run("list", Payload(value: ContiguousArray(numbers)))
        let set = try await run("list", Payload(value: Set([7])))
        #expect(slice == #"{"data":{"nest":{"list":[2,3]}}}"#)
        #expect(contiguous == #"{"data":{"nest":{"list":[1,2,3,4]}}}"#)
        #expect(set == #"{"data":{"nest":{"list":[7]}}}"#)
    }

    @Test func aStringIsNotAList() async throws {
        let json = try await run("strings", Payload(value: "ABC"))
        #expect(json == #"{"errors":[\#(error(#"Expected Iterable, but did not find one for field \"Nest.strings\"."#, #""nest","strings""#))],"data":{"nest":{"strings":null}}}"#)
    }

    @Test func aScalarOrDictionaryIsNotAList() async throws {
        let scalar = try await run("nnList", Payload(value: 3))
        #expect(scalar == #"{"errors":[\#(error(#"Expected Iterable, but did not find one for field \"Nest.nnList\"."#, #""nest","nnList""#))],"data":{"nest":null}}"#)
        let object = try await run("list", Payload(value: JSONValue.object([JSONMember("a", 1)])))
        #expect(object == #"{"errors":[\#(error(#"Expected Iterable, but did not find one for field \"Nest.list\"."#, #""nest","list""#))],"data":{"nest":{"list":null}}}"#)
    }
}
