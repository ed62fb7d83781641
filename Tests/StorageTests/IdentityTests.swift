import CRM
import Foundation
import Secrets
import Storage
import Synchronization
import Testing

/// Sign-in, sessions, API tokens and user creation over the real SQLite store and migrations.
@Suite struct IdentityTests {
    /// A clock the test moves by hand.
    final class TestClock: WallClock {
        let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    let clock = TestClock()
    let auth: AuthService
    let store: IdentityRepository
    let database: Storage.Database

    init() async throws {
        database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        store = IdentityRepository(database: database)
        auth = AuthService(store: store, clock: clock, hasher: PasswordHasher(iterations: 1_000), sessionLifetime: 3600)
    }

    func admin() async throws -> User {
        try await auth.createUser(name: "Анна Смирнова", email: " Anna@Example.COM ", password: "long enough", role: .admin,
                                  departmentID: nil, createdBy: nil)
    }

    @Test func createsUsersWithNormalisedEmailsAndHashedPasswords() async throws {
        let user = try await admin()
        #expect(user.email == "anna@example.com" && user.role == .admin && user.version == 1)
        #expect(user.passwordHash.hasPrefix("pbkdf2-sha256$1000$") && !user.passwordHash.contains("long enough"))
        #expect(try await store.user(email: "anna@example.com")?.id == user.id)
    }

    @Test func refusesBadUserInputAndStoresNothing() async throws {
        _ = try await admin()
        do {
            _ = try await auth.createUser(name: " ", email: "anna@example.com", password: "short", role: .manager,
                                          departmentID: 999, phone: "call me", createdBy: nil)
            Issue.record("expected userErrors")
        } catch let DomainError.invalid(errors) {
            #expect(errors.map(\.code).sorted() == ["INVALID", "INVALID_PHONE", "NOT_FOUND", "REQUIRED", "TAKEN"])
            #expect(errors.first { $0.code == "TAKEN" }?.field == ["input", "email"])
        }
        do {
            _ = try await auth.createUser(name: "X", email: "not an email", password: "long enough", role: .manager,
                                          departmentID: nil, createdBy: nil)
            Issue.record("expected userErrors")
        } catch let DomainError.invalid(errors) {
            #expect(errors.map(\.code) == ["INVALID_EMAIL"])
        }
        #expect(try await store.users(departmentID: nil).count == 1)
    }

    @Test func signInIssuesASessionTokenStoredOnlyAsAHash() async throws {
        let user = try await admin()
        let signedIn = try await auth.signIn(email: "ANNA@example.com", password: "long enough", deviceName: "laptop")
        #expect(signedIn.token.hasPrefix("sbs_") && signedIn.user.id == user.id)
        #expect(signedIn.session.tokenHash == Digest.sha256Hex(signedIn.token))
        let stored = try await database.read { db in try String.fetchAll(db, sql: "SELECT token_hash FROM sessions") }
        #expect(!stored.contains(signedIn.token))
        #expect(await auth.authenticate("Bearer \(signedIn.token)") == .user(user, sessionID: signedIn.session.id))
    }

    @Test func wrongCredentialsFailAlikeAndTokensExpireAndRevoke() async throws {
        _ = try await admin()
        for (email, password) in [("anna@example.com", "wrong password"), ("nobody@example.com", "long enough")] {
            do {
                _ = try await auth.signIn(email: email, password: password, deviceName: nil)
                Issue.record("expected a failure")
            } catch let DomainError.invalid(errors) {
                #expect(errors.map(\.code) == ["INVALID_CREDENTIALS"] && errors[0].message == "Wrong e-mail or password.")
            }
        }
        let first = try await auth.signIn(email: "anna@example.com", password: "long enough", deviceName: nil)
        let second = try await auth.signIn(email: "anna@example.com", password: "long enough", deviceName: nil)
        clock.advance(3601)
        #expect(await auth.authenticate("Bearer \(first.token)") == .anonymous)
        let third = try await auth.signIn(email: "anna@example.com", password: "long enough", deviceName: nil)
        let viewer = await auth.authenticate("Bearer \(third.token)")
        #expect(try await auth.signOut(viewer, everywhere: false) == 1)
        #expect(await auth.authenticate("Bearer \(third.token)") == .anonymous)
        _ = second
        #expect(await auth.authenticate("Bearer sbs_forged") == .anonymous)
        #expect(await auth.authenticate(nil) == .anonymous)
    }

    @Test func apiTokensHaveScopesAndCanActAsAUser() async throws {
        let admin = try await admin()
        let manager = try await auth.createUser(name: "Виктория", email: "v@example.com", password: "long enough", role: .manager,
                                                departmentID: nil, createdBy: admin.id)
        let session = try await auth.signIn(email: "anna@example.com", password: "long enough", deviceName: nil)
        let adminViewer = await auth.authenticate(session.token)
        let (token, apiToken) = try await auth.createApiToken(adminViewer, name: "Telephony", scopes: [.read, .webhooks],
                                                              actsAsUserID: manager.id, expiresAt: nil)
        #expect(token.hasPrefix("sbt_") && apiToken.prefix == String(token.prefix(10)) && apiToken.scopes == [.read, .webhooks])
        let viewer = await auth.authenticate("Bearer \(token)")
        #expect(viewer.canRead && !viewer.canWrite && viewer.user?.id == manager.id)
        // Only admins create tokens.
        let managerSession = try await auth.signIn(email: "v@example.com", password: "long enough", deviceName: nil)
        await #expect(throws: DomainError.self) {
            _ = try await auth.createApiToken(await auth.authenticate(managerSession.token), name: "x", scopes: [.read],
                                              actsAsUserID: nil, expiresAt: nil)
        }
        try await store.revokeApiToken(id: apiToken.id, at: clock.now())
        #expect(await auth.authenticate("Bearer \(token)") == .anonymous)
        do {
            _ = try await auth.issueApiToken(name: "", scopes: [], actsAsUserID: 999, expiresAt: clock.now(), createdBy: nil)
            Issue.record("expected userErrors")
        } catch let DomainError.invalid(errors) {
            #expect(errors.map(\.code) == ["REQUIRED", "REQUIRED", "OUT_OF_RANGE", "NOT_FOUND"])
        }
    }

    @Test func demoIdentitySeedsOnceWithDepartmentHeads() async throws {
        let created = try await DemoIdentity.seed(auth)
        #expect(created.count == 10 && created.filter { $0.role == .admin }.count == 1)
        #expect(try await DemoIdentity.seed(auth).isEmpty)
        let departments = try await store.departments()
        #expect(departments.count == 3 && departments.allSatisfy { $0.headID != nil })
        _ = try await auth.signIn(email: "anna.smirnova@switchboard.test", password: DemoIdentity.password, deviceName: nil)
    }

    @Test func presenceIsWrittenOnlyWhenAUserComesOnlineOrGoesOffline() async throws {
        let database = try Storage.Database.temporary(options: Storage.Database.Options(countsStatements: true))
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        let store = IdentityRepository(database: database)
        let user = try await AuthService(store: store, clock: clock, hasher: PasswordHasher(iterations: 1_000))
            .createUser(name: "Оператор", email: "operator@example.com", password: "long enough", role: .operator, departmentID: nil, createdBy: nil)
        let presence = PresenceService(store: store, clock: clock)
        func online() async throws -> Bool { try #require(try await store.user(id: user.id)).online }
        func presenceEvents() throws -> Int {
            try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'presence_changed'") ?? 0 }
        }
        await presence.connected(userID: user.id)
        #expect(try await online() && (try presenceEvents()) == 1)
        // A second console, and one of two closing, execute no SQL at all.
        let statements = database.statementCount
        await presence.connected(userID: user.id)
        await presence.disconnected(userID: user.id)
        #expect(database.statementCount == statements)
        #expect(try await online() && (try presenceEvents()) == 1)
        await presence.disconnected(userID: user.id)
        #expect(try await !online() && (try presenceEvents()) == 2)
        // Consoles opening and closing at once: the stored state is the last one.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask {
                    await presence.connected(userID: user.id)
                    await presence.disconnected(userID: user.id)
                }
            }
        }
        #expect(try await !online())
        await presence.connected(userID: user.id)
        #expect(try await online())
        await presence.disconnected(userID: user.id)
        #expect(try await !online())
    }
}
