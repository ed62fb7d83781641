// The in-memory data and the schema of the execution cases, shared by both engines. This file
// imports neither engine: both resolve from the same Swift structs, generated once.
import Foundation

/// The schema of the execution cases (a) and (c); each engine builds it from this SDL.
let executionSDL = """
    type Query {
      deals(first: Int = 100): [Deal!]!
      items(first: Int = 1000): [Item!]!
    }

    enum DealStage { LEAD QUALIFIED PROPOSAL WON LOST }

    type Deal {
      id: ID!
      title: String!
      amount: Float!
      stage: DealStage!
      client: Client
      tasks(first: Int): [Task!]!
    }

    type Client {
      id: ID!
      name: String!
      inn: String
    }

    type Task {
      id: ID!
      title: String!
      dueAt: String
      done: Boolean!
    }

    type Item {
      id: ID!
      name: String!
      price: Float!
      quantity: Int!
      active: Boolean!
    }
    """

/// Case (a): 100 deals, each with its client and its first 3 tasks.
let dealsQuery = """
    query Deals {
      deals(first: 100) {
        id
        title
        amount
        stage
        client { id name inn }
        tasks(first: 3) { id title dueAt done }
      }
    }
    """

/// Case (c): 1,000 list items of 5 scalar fields each.
let itemsQuery = """
    query Items {
      items(first: 1000) { id name price quantity active }
    }
    """

/// What an execution case runs: the query and the schema (with resolvers) it runs on.
enum ExecutionInput {
    /// Case (a) over `executionSDL` and `BenchData.shared`.
    case deals
    /// Case (c) over `executionSDL` and `BenchData.shared`.
    case items
    /// Case (b): `query` over the schema `sdl`, without resolvers.
    case introspection(sdl: String, query: String)
}

struct ClientRecord: Sendable {
    let id: String
    let name: String
    let inn: String?
}

struct TaskRecord: Sendable {
    let id: String
    let title: String
    let dueAt: String?
    let done: Bool
}

struct DealRecord: Sendable {
    let id: String
    let title: String
    let amount: Double
    /// The name of a `DealStage` value.
    let stage: String
    let clientID: String?
}

struct ItemRecord: Sendable {
    let id: String
    let name: String
    let price: Double
    let quantity: Int
    let active: Bool
}

/// The data both engines resolve from: arrays and dictionaries, built once per run. The
/// dictionaries stand in for the loads a real server would make (clients by id, tasks by deal).
struct BenchData: Sendable {
    let deals: [DealRecord]
    let clientsByID: [String: ClientRecord]
    /// Five tasks per deal; the query asks for the first three.
    let tasksByDeal: [String: [TaskRecord]]
    let items: [ItemRecord]

    static let shared = BenchData()

    private init() {
        let stages = ["LEAD", "QUALIFIED", "PROPOSAL", "WON", "LOST"]
        var clients: [String: ClientRecord] = [:]
        for c in 1...40 {
            let id = "Client:\(c)"
            // Cyrillic names, as in the product's data; a few clients have no INN.
            clients[id] = ClientRecord(id: id, name: "ООО «Ромашка \(c)»",
                                       inn: c % 7 == 0 ? nil : String(7_700_000_000 + c * 1_337))
        }
        var deals: [DealRecord] = []
        var tasks: [String: [TaskRecord]] = [:]
        for d in 1...100 {
            let id = "Deal:\(d)"
            deals.append(DealRecord(id: id, title: "Поставка оборудования №\(d) \"под ключ\"",
                                    amount: Double(d) * 1_250.5, stage: stages[d % stages.count],
                                    clientID: "Client:\((d - 1) % 40 + 1)"))
            tasks[id] = (1...5).map { t in
                TaskRecord(id: "Task:\(d * 10 + t)", title: "Позвонить клиенту, шаг \(t)",
                           dueAt: t == 5 ? nil : "2026-12-\(String(format: "%02d", (d + t) % 28 + 1))T09:30:00Z",
                           done: (d + t) % 3 == 0)
            }
        }
        self.deals = deals
        self.clientsByID = clients
        self.tasksByDeal = tasks
        self.items = (1...1_000).map { i in
            ItemRecord(id: "Item:\(i)", name: "Item \(i)", price: Double(i) * 0.25 + 9.5,
                       quantity: i * 3 % 97, active: i % 4 != 0)
        }
    }
}
