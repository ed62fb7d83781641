// The store under load: the demo scaled to many clients and deals, and the queries a console
// sends most — search, a client's timeline page, the 100-deal board — timed at the server (the
// executable schema over the real SQLite store, no HTTP). The peer in the same run is the
// substring scan (`clients(filter: {query:})`) that search replaces.
//
//     swift run -c release --package-path Benchmarks StoreBenchmarks [--clients 100000]
//         [--deals-per-client 3] [--runs 200] [--database PATH] [--only TEXT]
//
// With --database, an existing file filled by an earlier run is reused (filling 100,000
// clients takes a few minutes).
import API
import CRM
import Foundation
import GraphQLEngine
import Secrets
import Storage

struct Options {
    var clients = 100_000
    var dealsPerClient = 3
    var runs = 200
    var databasePath: String?
    /// Only the cases whose name contains this text (for profiling one).
    var only: String?

    init(_ arguments: [String]) {
        var i = 1
        while i < arguments.count {
            let value = i + 1 < arguments.count ? arguments[i + 1] : ""
            switch arguments[i] {
            case "--clients": clients = Int(value) ?? clients
            case "--deals-per-client": dealsPerClient = Int(value) ?? dealsPerClient
            case "--runs": runs = Int(value) ?? runs
            case "--database": databasePath = value
            case "--only": only = value
            default: fatalError("unknown option \(arguments[i])")
            }
            i += 2
        }
    }
}

let options = Options(CommandLine.arguments)
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let database = try options.databasePath.map { try Database(path: $0) } ?? Database.temporary()
_ = try await MigrationRunner(database: database, directory: root.appendingPathComponent("Migrations")).migrate()
let identity = IdentityRepository(database: database)
let services = Services(stores: .sqlite(database), hasher: PasswordHasher(iterations: 1_000), secrets: try SecretBox(key: SecretBox.newKey()))

// Fill once: the demo team, the sales pipeline, then the bulk clients and deals.
if try await identity.users(departmentID: nil).isEmpty {
    _ = try await DemoIdentity.seed(services.auth)
    let pipeline = try await services.pipelineStore.insertPipeline(DemoSales.pipelines[0], createdBy: nil, at: Date())
    let stages = try await services.pipelineStore.stages(pipelineIDs: [pipeline.id], includeDeleted: false).map(\.id)
    let owners = try await identity.users(departmentID: nil).filter { $0.role == .manager || $0.role == .supervisor }.map(\.id)
    let start = ContinuousClock.now
    let counts = try BulkLoad.fill(database, clients: options.clients, dealsPerClient: options.dealsPerClient, owners: owners,
                                   pipelineID: pipeline.id, stages: stages, now: Date())
    try database.write { db in try db.execute(sql: "ANALYZE") }
    print("Filled \(counts.clients) clients and \(counts.deals) deals in \(ContinuousClock.now - start).")
}
let counts = try database.read { db in
    try ["clients", "contacts", "deals", "deal_stage_changes", "tasks", "notes"].map { table in
        "\(table) \(try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)"
    }
}
print("Database: " + counts.joined(separator: ", "))

let users = try await identity.users(departmentID: nil)
guard let admin = users.first(where: { $0.role == .admin }), let manager = users.first(where: { $0.role == .manager }) else {
    fatalError("the demo team is missing")
}
let sdl = try String(contentsOf: root.appendingPathComponent("schema.graphql"), encoding: .utf8)
let executable = try SwitchboardAPI.executableSchema(try Schema.build(sdl: sdl))
let busiest = try database.read { db in
    try Int64.fetchOne(db, sql: "SELECT client_id FROM deals WHERE owner_id = ? GROUP BY client_id ORDER BY count(*) DESC LIMIT 1",
                       arguments: [manager.id]) ?? 1
}
let clientID = GlobalID.encode("Client", busiest)

struct Case {
    let name: String
    let query: String
    let viewer: User
    /// Fewer runs for a case that takes long (the peer's scan).
    var runs: Int? = nil
}

let boardQuery = """
{ deals(first: 100) { edges { node { title amount client { name } owner { name } contact { name } stage { name }
    tasks(first: 3) { edges { node { title dueAt } } } } } } }
"""
let timelineQuery = """
{ node(id: "\(clientID)") { ... on Client { timeline(first: 20) { totalCount edges { node { kind action occurredAt summary
    actor { name } record { __typename } } } } } } }
"""
func search(_ text: String) -> String {
    #"{ search(query: "\#(text)") { totalCount edges { rank matchedFields highlight node { __typename } } } }"#
}
// A client in the middle of the bulk data, to look up by what a caller or a manager would type.
let sample = options.clients / 2
let cases = [
    Case(name: "search a name «ромашка групп №\(sample)», manager", query: search("ромашка групп №\(sample)"), viewer: manager),
    Case(name: "search an INN, admin", query: search(String(format: "%010d", 1_000_000_000 + sample - 1)), viewer: admin),
    Case(name: "search an e-mail, admin", query: search("info@bulk\(sample - 1).example.ru"), viewer: admin),
    Case(name: "search a phone prefix «8 912 3», admin", query: search("8 912 3"), viewer: admin),
    Case(name: "search a common pair «ромашка групп» (3,000+ matches), admin", query: search("ромашка групп"), viewer: admin),
    Case(name: "search a common pair «ромашка групп», manager", query: search("ромашка групп"), viewer: manager),
    Case(name: "peer: substring scan clients(query: «ромашка групп»), admin",
         query: #"{ clients(filter: {query: "ромашка групп"}) { totalCount edges { node { name } } } }"#, viewer: admin, runs: 15),
    Case(name: "timeline page (20) of a busy client, manager", query: timelineQuery, viewer: manager),
    Case(name: "100 deals with client, owner, contact, stage, 3 tasks, admin", query: boardQuery, viewer: admin),
    Case(name: "100 deals with client, owner, contact, stage, 3 tasks, manager", query: boardQuery, viewer: manager),
]

func percentile(_ sorted: [Double], _ p: Double) -> Double { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }

print("\n| Case | median ms | p90 ms | runs |")
print("|---|---:|---:|---:|")
for c in cases where options.only.map({ c.name.contains($0) }) ?? true {
    let document = try Parser.parse(c.query)
    let context = RequestContext(viewer: .user(c.viewer, sessionID: 0), services: services)
    var times: [Double] = []
    let runs = c.runs ?? options.runs
    for run in 0..<(runs + 5) {
        let start = ContinuousClock.now
        let result = await executable.execute(document, context: context)
        let elapsed = ContinuousClock.now - start
        if !result.errors.isEmpty { fatalError("\(c.name): \(result.errors)") }
        if run >= 5 { times.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000) }
    }
    times.sort()
    print("| \(c.name) | \(String(format: "%.2f", percentile(times, 0.5))) | \(String(format: "%.2f", percentile(times, 0.9))) | \(times.count) |")
}
