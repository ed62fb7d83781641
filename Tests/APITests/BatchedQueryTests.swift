import API
import CRM
import Foundation
import GraphQLEngine
import Secrets
import Storage
import Testing

/// Nested selections cost a fixed number of SQL statements, whatever the number of parents: the
/// batch resolvers load each level in one go (DESIGN.md: "one SQL statement per level, not N").
@Suite struct BatchedQueryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A migrated database with one admin and `deals` deals, each with a client, a contact and
    /// four tasks; the services over it; the admin viewer.
    static func world(deals count: Int) async throws -> (Storage.Database, Services, Viewer) {
        let database = try Storage.Database.temporary(options: .init(countsStatements: true))
        _ = try await MigrationRunner(database: database, directory: root.appendingPathComponent("Migrations")).migrate()
        let services = Services(stores: .sqlite(database), hasher: PasswordHasher(iterations: 1_000), secrets: try SecretBox(key: SecretBox.newKey()))
        let admin = try await services.auth.createUser(name: "Admin", email: "admin@example.com", password: "long enough password",
                                                       role: .admin, departmentID: nil, createdBy: nil)
        let viewer = Viewer.user(admin, sessionID: 0)
        let pipeline = try await services.pipelines.create(viewer, NewPipeline(name: "Sales", stages: [StageFields(name: "New")]),
                                                           projectTemplateOnWin: nil)
        #expect(pipeline.userErrors.isEmpty)
        for i in 0..<count {
            var client = ClientInput()
            client.name = .set("Client \(i)")
            let clientID = try #require(try await services.clients.create(viewer, kind: .organisation, status: .client, input: client).client?.id)
            var contact = ContactInput()
            contact.firstName = .set("Person \(i)")
            contact.clientID = .set(clientID)
            let contactID = try #require(try await services.contacts.create(viewer, input: contact).contact?.id)
            var deal = DealInput()
            deal.title = .set("Deal \(i)")
            deal.clientID = .set(clientID)
            deal.contactID = .set(contactID)
            deal.amount = .set("\(1000 + i)")
            let dealID = try #require(try await services.deals.create(viewer, pipelineID: nil, stageID: nil, inquiryID: nil, input: deal).deal?.id)
            for t in 0..<4 {
                var task = TaskInput()
                task.title = .set("Task \(t) of deal \(i)")
                task.dealID = .set(dealID)
                _ = try #require(try await services.tasks.create(viewer, input: task).task)
            }
        }
        return (database, services, viewer)
    }

    static let query = """
    { deals(first: 100) { totalCount edges { node { title amount client { name } owner { name } contact { name }
        stage { name } tasks(first: 3) { totalCount edges { node { title assignee { name } } } } } } } }
    """

    /// Runs the query and returns the statements it executed and the number of deals answered.
    static func statements(deals count: Int) async throws -> (statements: Int, deals: Int) {
        let (database, services, viewer) = try await world(deals: count)
        let sdl = try String(contentsOf: root.appendingPathComponent("schema.graphql"), encoding: .utf8)
        let executable = try SwitchboardAPI.executableSchema(try Schema.build(sdl: sdl))
        let document = try Parser.parse(query)
        let before = database.statementCount
        let result = await executable.execute(document, context: RequestContext(viewer: viewer, services: services))
        let used = database.statementCount - before
        #expect(result.errors.isEmpty, "\(result.errors)")
        guard case .array(let edges)? = result.jsonValue["data"]?["deals"]?["edges"] else { return (used, 0) }
        for edge in edges {
            guard case .array(let tasks)? = edge["node"]?["tasks"]?["edges"] else { Issue.record("no tasks"); continue }
            #expect(tasks.count == 3)
            #expect(edge["node"]?["contact"]?["name"] != .null && edge["node"]?["client"]?["name"] != .null)
        }
        return (used, edges.count)
    }

    @Test func hundredDealsWithClientOwnerContactAndTasksCostTheSameStatementsAsFive() async throws {
        let few = try await Self.statements(deals: 5)
        let many = try await Self.statements(deals: 100)
        #expect(few.deals == 5 && many.deals == 100)
        #expect(many.statements == few.statements, "5 deals: \(few.statements) statements; 100 deals: \(many.statements)")
        // deals and their count, owners, clients, contacts, stages, tasks and their counts, assignees.
        #expect(many.statements == 9, "\(many.statements) statements")
    }
}
