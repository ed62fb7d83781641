import CRM
import Foundation
import GRDB
import Secrets
import Storage
import Testing

/// The demo sales data: two pipelines, 800 deals spread over the stages with a consistent stage
/// history in the past, tasks and notes, all owned by the sales team — seeded once.
@Suite struct DemoSalesTests {
    @Test func seedsDealsWithTheirHistoryTasksAndNotesOnce() async throws {
        let database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        let identity = IdentityRepository(database: database)
        let clients = ClientRepository(database: database), contacts = ContactRepository(database: database)
        let pipelines = PipelineRepository(database: database), deals = DealRepository(database: database)
        let tasks = TaskRepository(database: database), notes = NoteRepository(database: database)
        _ = try await DemoIdentity.seed(AuthService(store: identity, hasher: PasswordHasher(iterations: 1_000)))
        _ = try await DemoClients.seed(clients: clients, contacts: contacts, identity: identity, clock: SystemClock())
        let seeded = try await DemoSales.seed(pipelines: pipelines, deals: deals, tasks: tasks, notes: notes, clients: clients,
                                              contacts: contacts, clock: SystemClock())
        #expect(seeded.deals == 800 && seeded.tasks > 100 && seeded.notes > 200)
        let again = try await DemoSales.seed(pipelines: pipelines, deals: deals, tasks: tasks, notes: notes, clients: clients,
                                             contacts: contacts, clock: SystemClock())
        #expect(again.deals == 0)
        #expect(try await pipelines.pipelines(text: nil, deleted: .exclude).map(\.isDefault) == [true, false])
        try await database.read { db in
            // Every deal starts its history with its creation and ends in its current stage and status.
            let inconsistent = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM deals AS d WHERE
                    (SELECT count(*) FROM deal_stage_changes AS c WHERE c.deal_id = d.id AND c.from_status IS NULL) != 1
                    OR (SELECT to_stage_id || to_status FROM deal_stage_changes AS c WHERE c.deal_id = d.id ORDER BY id DESC LIMIT 1)
                       != d.stage_id || d.status
                    OR d.created_at > (SELECT min(changed_at) FROM deal_stage_changes AS c WHERE c.deal_id = d.id)
                """)
            #expect(inconsistent == 0)
            let statuses = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM deals GROUP BY status")
                .map { ($0["status"] as String, $0["n"] as Int) })
            #expect((statuses["open"] ?? 0) > 200 && (statuses["won"] ?? 0) > 30 && (statuses["lost"] ?? 0) > 30)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM deals WHERE status = 'lost' AND loss_reason IS NULL") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM deals WHERE owner_id IS NULL OR client_id IS NULL") == 0)
            // Every deal is on its client's timeline and in the search index.
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM search_index WHERE kind = 'deal'") == 800)
        }
    }
}
