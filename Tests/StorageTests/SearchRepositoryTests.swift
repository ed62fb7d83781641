import CRM
import Foundation
import Secrets
import Storage
import Testing

/// The search index through its triggers: ranking by BM25 up to a number of matches, clients
/// before contacts before deals beyond it, kinds as rowid ranges, visibility, deleted records.
@Suite struct SearchRepositoryTests {
    static func world() async throws -> (Storage.Database, ClientRepository, Int64) {
        let database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        let auth = AuthService(store: IdentityRepository(database: database), hasher: PasswordHasher(iterations: 1_000))
        let owner = try await auth.createUser(name: "Owner", email: "owner@example.com", password: "long enough password", role: .manager,
                                              departmentID: nil, createdBy: nil)
        let clients = ClientRepository(database: database)
        for (i, name) in ["Alpha Beta", "Alpha", "Alpha Gamma Alpha", "Delta"].enumerated() {
            _ = try await clients.insertClient(kind: .organisation, status: .client,
                                               fields: ClientFields(name: name, ownerID: i == 3 ? nil : owner.id), createdBy: nil,
                                               actor: .system, at: Date())
        }
        return (database, clients, owner.id)
    }

    @Test func ranksFewMatchesAndListsManyByKindAndRow() async throws {
        let (database, _, _) = try await Self.world()
        let ranked = try await SearchRepository(database: database).search(SearchText("alpha"), kinds: SearchHit.Kind.allCases,
                                                                           visibility: .all, offset: 0, limit: 10, countsTotal: true)
        #expect(ranked.totalCount == 3 && Set(ranked.items.map(\.rank)).count > 1)
        #expect(ranked.items.map(\.rank) == ranked.items.map(\.rank).sorted(by: >))
        // Above the limit: in creation order, all of equal rank.
        let listed = try await SearchRepository(database: database, rankedAtMost: 2).search(
            SearchText("alpha"), kinds: SearchHit.Kind.allCases, visibility: .all, offset: 0, limit: 10, countsTotal: false)
        #expect(listed.items.map(\.id) == [1, 2, 3] && Set(listed.items.map(\.rank)) == [1])
        #expect(listed.items.allSatisfy { $0.kind == .client && $0.matchedFields == ["name"] })
    }

    @Test func appliesKindsVisibilityAndDeletion() async throws {
        let (database, clients, owner) = try await Self.world()
        let search = SearchRepository(database: database)
        func ids(_ text: String, _ kinds: [SearchHit.Kind] = SearchHit.Kind.allCases, _ visibility: Visibility = .all) async throws -> [Int64] {
            try await search.search(SearchText(text), kinds: kinds, visibility: visibility, offset: 0, limit: 10, countsTotal: true).items.map(\.id).sorted()
        }
        #expect(try await ids("alpha", [.contact, .deal]).isEmpty)
        #expect(try await ids("alpha", [.client]) == [1, 2, 3])
        #expect(try await ids("delta", SearchHit.Kind.allCases, .ownedBy([owner])).isEmpty)
        #expect(try await ids("delta") == [4])
        let gamma = try #require(try await clients.clients(ids: [3], visibility: .all).first)
        _ = try await clients.updateClient(id: 3, expectedVersion: gamma.version, kind: .organisation, status: .client, convertedAt: nil,
                                           fields: gamma.fields, deletedAt: Date(), edits: [], actor: .system, at: Date())
        #expect(try await ids("alpha") == [1, 2])
    }

    @Test func pagesThroughUnrankedMatchesWithTheirTotal() async throws {
        let (database, _, _) = try await Self.world()
        let search = SearchRepository(database: database, rankedAtMost: 1)
        for countsTotal in [true, false] {
            var seen: [Int64] = []
            for offset in 0..<4 {
                let page = try await search.search(SearchText("alpha"), kinds: SearchHit.Kind.allCases, visibility: .all, offset: offset,
                                                   limit: 1, countsTotal: countsTotal)
                seen += page.items.map(\.id)
                #expect(page.hasMore == (offset < 2))
                #expect(page.totalCount == (countsTotal ? 3 : 0))
            }
            #expect(seen == [1, 2, 3])
        }
    }

    @Test func matchesPrefixesOfEveryLengthAndMarksThem() async throws {
        let (database, _, _) = try await Self.world()
        let search = SearchRepository(database: database)
        // Prefixes within the prefix indexes (1–6 characters) and beyond them find the same.
        for text in ["alpha g", "alpha ga", "alpha gamm", "alpha gamma"] {
            let page = try await search.search(SearchText(text), kinds: SearchHit.Kind.allCases, visibility: .all, offset: 0, limit: 10,
                                               countsTotal: true)
            #expect(page.items.map(\.id) == [3] && page.totalCount == 1, "\(text)")
        }
        let marked = try await search.search(SearchText("alpha ga"), kinds: [.client], visibility: .all, offset: 0, limit: 10, countsTotal: false)
        #expect(marked.items.first?.highlight == "<mark>Alpha</mark> <mark>Gamma</mark> <mark>Alpha</mark>")
    }
}
