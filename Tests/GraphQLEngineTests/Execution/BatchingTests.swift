import Synchronization
import Testing
@testable import GraphQLEngine

/// Level-at-a-time execution with batch resolvers: a field is resolved for every parent of its
/// level in one call, so nested lists cost one load per level, not one per parent (the N+1
/// problem); and how a batch that fails or miscounts is reported.
@Suite struct BatchingTests {
    typealias H = ExecutionHarness

    struct Deal: Sendable { let id: Int; let clientID: Int }
    struct Client: Sendable { let id: Int; let name: String }
    struct Task: Sendable { let id: Int; let dealID: Int; let assigneeID: Int }
    struct Person: Sendable { let id: Int }

    /// What the loaders were asked: one entry per call, with the number of parents.
    final class Loads: Sendable {
        private let calls = Mutex<[(String, Int)]>([])
        func record(_ name: String, _ parents: Int) { calls.withLock { $0.append((name, parents)) } }
        var all: [(String, Int)] { calls.withLock { $0 } }
        func count(_ name: String) -> Int { all.filter { $0.0 == name }.count }
    }

    static let sdl = """
    type Query { deals(count: Int!): [Deal!]! }
    type Deal { id: ID! client: Client tasks: [Task!]! }
    type Client { id: ID! name: String! }
    type Task { id: ID! title: String! assignee: Person }
    type Person { id: ID! }
    """

    static func executable(clientResult: (@Sendable ([Deal]) throws -> [(any Sendable)?])? = nil) throws -> ExecutableSchema<Loads> {
        try H.schema(sdl, context: Loads.self) { b in
            b.object("Query", as: RootValue.self) { t in
                t.batchField("deals") { roots, call in
                    call.context.record("deals", roots.count)
                    let count = call.arguments.int("count") ?? 0
                    return roots.map { _ in (1...max(count, 1)).prefix(count).map { Deal(id: $0, clientID: 1000 + $0 % 7) } }
                }
            }
            b.object("Deal", as: Deal.self) { t in
                t.field("id", \.id)
                t.batchField("client") { deals, call in
                    call.context.record("clients", deals.count)
                    if let clientResult { return try clientResult(deals) }
                    return deals.map { Client(id: $0.clientID, name: "Client \($0.clientID)") }
                }
                t.batchField("tasks") { deals, call in
                    call.context.record("tasks", deals.count)
                    return deals.map { deal in (0..<3).map { Task(id: deal.id * 10 + $0, dealID: deal.id, assigneeID: $0) } }
                }
            }
            b.object("Client", as: Client.self) { t in
                t.field("id", \.id)
                t.field("name", \.name)
            }
            b.object("Task", as: Task.self) { t in
                t.field("id", \.id)
                t.field("title") { task, _ in "Task \(task.id)" }
                t.batchField("assignee") { tasks, call in
                    call.context.record("assignees", tasks.count)
                    return tasks.map { Person(id: $0.assigneeID) }
                }
            }
            b.object("Person", as: Person.self) { t in t.field("id", \.id) }
        }
    }

    @Test func loadsOncePerLevelNotOncePerParent() async throws {
        let loads = Loads()
        let result = try await H.execute(Self.executable(), "{ deals(count: 100) { id client { name } tasks { title } } }", context: loads)
        #expect(result.errors.isEmpty)
        #expect(loads.all.count == 3, "100 deals with their client and 3 tasks each: 3 loads, not 201")
        #expect(loads.all.map(\.0).sorted() == ["clients", "deals", "tasks"])
        #expect(loads.all.first { $0.0 == "clients" }?.1 == 100)
        #expect(loads.all.first { $0.0 == "tasks" }?.1 == 100)
        guard case .array(let deals)? = result.data?.jsonValue["deals"] else {
            Issue.record("no deals")
            return
        }
        #expect(deals.count == 100)
        #expect(deals[0].jsonText == #"{"id":"1","client":{"name":"Client 1001"},"tasks":[{"title":"Task 10"},{"title":"Task 11"},{"title":"Task 12"}]}"#)
        #expect(deals[99].jsonText == #"{"id":"100","client":{"name":"Client 1002"},"tasks":[{"title":"Task 1000"},{"title":"Task 1001"},{"title":"Task 1002"}]}"#)
    }

    @Test func aDeeperLevelIsOneMoreLoadForAllItsParents() async throws {
        let loads = Loads()
        let result = try await H.execute(Self.executable(), "{ deals(count: 100) { client { name } tasks { assignee { id } } } }", context: loads)
        #expect(result.errors.isEmpty)
        #expect(loads.all.count == 4)
        #expect(loads.all.first { $0.0 == "assignees" }?.1 == 300)
    }

    @Test func mergedSelectionsOfOneResponseKeyShareTheLoad() async throws {
        let loads = Loads()
        let json = try await H.run(Self.executable(), "{ deals(count: 2) { client { id } ... on Deal { client { name } } } }", context: loads)
        #expect(json == #"{"data":{"deals":[{"client":{"id":"1001","name":"Client 1001"}},{"client":{"id":"1002","name":"Client 1002"}}]}}"#)
        #expect(loads.count("clients") == 1)
    }

    @Test func anEmptyLevelLoadsNothing() async throws {
        let loads = Loads()
        let json = try await H.run(Self.executable(), "{ deals(count: 0) { client { name } tasks { title } } }", context: loads)
        #expect(json == #"{"data":{"deals":[]}}"#)
        #expect(loads.all.map(\.0) == ["deals"])
    }

    // MARK: - Failing batches

    @Test func aBatchThatReturnsTheWrongCountFailsEveryParent() async throws {
        let exe = try Self.executable { deals in deals.dropLast().map { Client(id: $0.clientID, name: "x") } }
        let json = try await H.run(exe, "{ deals(count: 3) { id client { name } } }", context: Loads())
        let error = #""message":"The batch resolver of Deal.client returned 2 values for 3 parents.","locations":[{"line":1,"column":24}]"#
        #expect(json == #"{"errors":[{\#(error),"path":["deals",0,"client"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{\#(error),"path":["deals",1,"client"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}},{\#(error),"path":["deals",2,"client"],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}],"data":{"deals":[{"id":"1","client":null},{"id":"2","client":null},{"id":"3","client":null}]}}"#)
    }

    @Test func aThrowingBatchFailsEveryParent() async throws {
        let exe = try Self.executable { _ in throw ResolverError("Clients are unavailable", code: "UNAVAILABLE") }
        let json = try await H.run(exe, "{ deals(count: 2) { client { name } } }", context: Loads())
        #expect(json == #"{"errors":[{"message":"Clients are unavailable","locations":[{"line":1,"column":21}],"path":["deals",0,"client"],"extensions":{"code":"UNAVAILABLE"}},{"message":"Clients are unavailable","locations":[{"line":1,"column":21}],"path":["deals",1,"client"],"extensions":{"code":"UNAVAILABLE"}}],"data":{"deals":[{"client":null},{"client":null}]}}"#)
    }

    @Test func aBatchCanFailOneParentByReturningAnError() async throws {
        let exe = try Self.executable { deals in
            deals.map { deal -> (any Sendable)? in
                deal.id == 2 ? ResolverError("Client \(deal.clientID) is hidden", code: "FORBIDDEN") : Client(id: deal.clientID, name: "ok")
            }
        }
        let json = try await H.run(exe, "{ deals(count: 3) { client { name } } }", context: Loads())
        #expect(json == #"{"errors":[{"message":"Client 1002 is hidden","locations":[{"line":1,"column":21}],"path":["deals",1,"client"],"extensions":{"code":"FORBIDDEN"}}],"data":{"deals":[{"client":{"name":"ok"}},{"client":null},{"client":{"name":"ok"}}]}}"#)
    }

    // MARK: - Per-parent async resolvers

    final class InFlight: Sendable {
        private let state = Mutex((now: 0, max: 0))
        func enter() { state.withLock { $0.now += 1; $0.max = Swift.max($0.max, $0.now) } }
        func leave() { state.withLock { $0.now -= 1 } }
        var maximum: Int { state.withLock { $0.max } }
    }

    @Test func asyncResolversOfOneLevelRunSideBySide() async throws {
        let inFlight = InFlight()
        let exe = try H.schema("type Query { items: [Item] } type Item { slow: Int }") { b in
            b.object("Query", as: RootValue.self) { t in t.field("items") { _, _ in Array(0..<10) } }
            b.object("Item", as: Int.self) { t in
                t.asyncField("slow") { n, _ in
                    inFlight.enter()
                    defer { inFlight.leave() }
                    try await _Concurrency.Task.sleep(for: .milliseconds(20))
                    return n
                }
            }
        }
        let json = try await H.run(exe, "{ items { slow } }")
        #expect(json == #"{"data":{"items":[{"slow":0},{"slow":1},{"slow":2},{"slow":3},{"slow":4},{"slow":5},{"slow":6},{"slow":7},{"slow":8},{"slow":9}]}}"#)
        #expect(inFlight.maximum > 1)
    }
}
