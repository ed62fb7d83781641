import CRM
import Foundation
import Secrets
import Storage
import Testing

/// The record pattern on departments: versioned updates refused when stale, soft delete and
/// restore, and every change in the history with who made it.
@Suite struct DepartmentServiceTests {
    let store: IdentityRepository
    let auth: AuthService
    let service: DepartmentService
    let database: Storage.Database

    init() async throws {
        database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        store = IdentityRepository(database: database)
        auth = AuthService(store: store, hasher: PasswordHasher(iterations: 1_000))
        service = DepartmentService(store: store)
    }

    func viewer(_ role: Role, _ email: String) async throws -> Viewer {
        _ = try await auth.createUser(name: email, email: email, password: "long enough", role: role, departmentID: nil, createdBy: nil)
        return await auth.authenticate(try await auth.signIn(email: email, password: "long enough", deviceName: nil).token)
    }

    @Test func updatesRecordHistoryAndRefuseStaleVersions() async throws {
        let admin = try await viewer(.admin, "admin@example.com")
        let sales = try await store.insertDepartment(name: "Sales", headID: nil, createdBy: nil, at: Date())
        #expect(sales.version == 1)
        let renamed = try await service.update(admin, id: sales.id, version: 1, name: " Sales & Marketing ", headID: .some(admin.user?.id))
        #expect(renamed.userErrors.isEmpty && renamed.department?.name == "Sales & Marketing" && renamed.department?.version == 2)
        // A client that read version 1 is refused and gets the current record; nothing changes.
        let stale = try await service.update(admin, id: sales.id, version: 1, name: "Other", headID: nil)
        #expect(stale.userErrors.map(\.code) == ["CONFLICT"] && stale.department?.name == "Sales & Marketing")
        #expect(try await store.departments(ids: [sales.id]).first?.version == 2)
        let history = try await store.history(entity: "Department", id: sales.id)
        #expect(history.map(\.field).sorted() == ["headId", "name"])
        #expect(history.first { $0.field == "name" }.map { ($0.oldValue, $0.newValue) }! == ("\"Sales\"", "\"Sales & Marketing\""))
        #expect(history.allSatisfy { $0.version == 2 && $0.actor == .user(admin.user!.id) })
    }

    @Test func softDeleteAndRestoreAreRecorded() async throws {
        let admin = try await viewer(.admin, "admin@example.com")
        let support = try await store.insertDepartment(name: "Support", headID: nil, createdBy: nil, at: Date())
        let deleted = try await service.delete(admin, id: support.id, version: 1)
        #expect(deleted.department?.deletedAt != nil && deleted.department?.version == 2)
        #expect(try await store.departments().isEmpty)
        let restored = try await service.restore(admin, id: support.id, version: nil)
        #expect(restored.department?.deletedAt == nil && restored.department?.version == 3)
        #expect(try await store.history(entity: "Department", id: support.id).map(\.field) == ["deletedAt", "deletedAt"])
    }

    @Test func onlyAdminsChangeDepartmentsAndInputIsChecked() async throws {
        let admin = try await viewer(.admin, "admin@example.com")
        let manager = try await viewer(.manager, "manager@example.com")
        let a = try await store.insertDepartment(name: "A", headID: nil, createdBy: nil, at: Date())
        _ = try await store.insertDepartment(name: "B", headID: nil, createdBy: nil, at: Date())
        await #expect(throws: DomainError.forbidden("Only admins change departments.")) {
            _ = try await service.update(manager, id: a.id, version: 1, name: "X", headID: nil)
        }
        await #expect(throws: DomainError.unauthenticated("Sign in to do this.")) {
            _ = try await service.delete(.anonymous, id: a.id, version: nil)
        }
        let taken = try await service.update(admin, id: a.id, version: 1, name: "B", headID: .some(999))
        #expect(taken.userErrors.map(\.code) == ["TAKEN", "NOT_FOUND"])
        await #expect(throws: DomainError.notFound("No such department.")) {
            _ = try await service.update(admin, id: 12345, version: 1, name: "X", headID: nil)
        }
        #expect(try await store.history(entity: "Department", id: a.id).isEmpty)
    }
}

/// The demo client set: 500 clients with valid INNs and contacts, owned by the sales team, seeded once.
@Suite struct DemoClientsTests {
    @Test func seedsFiveHundredValidClientsOnce() async throws {
        let database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        let identity = IdentityRepository(database: database)
        let clients = ClientRepository(database: database)
        let contacts = ContactRepository(database: database)
        let auth = AuthService(store: identity, hasher: PasswordHasher(iterations: 1_000))
        _ = try await DemoIdentity.seed(auth)
        #expect(try await DemoClients.seed(clients: clients, contacts: contacts, identity: identity, clock: SystemClock()) == 500)
        #expect(try await DemoClients.seed(clients: clients, contacts: contacts, identity: identity, clock: SystemClock()) == 0)
        let allContacts = try await contacts.contacts(ContactQuery(), visibility: .all)
        #expect(allContacts.totalCount >= 400 && allContacts.items.allSatisfy { $0.fields.clientID != nil })
        var query = ClientQuery()
        query.page.limit = 100
        let page = try await clients.clients(query, visibility: .all)
        #expect(page.totalCount == 500)
        for client in page.items {
            #expect(throws: Never.self) { _ = try TaxID(client.fields.inn ?? "") }
            #expect(client.fields.ownerID != nil && client.fields.phones.count == 1)
        }
        // Every client is reachable through its phone in any format.
        let first = try #require(page.items.first?.fields.phones.first?.number)
        #expect(try await clients.client(lookup: .phoneDigits(String(first.dropFirst())), visibility: .all) != nil)
    }
}
