import Foundation
import GRDB
import Secrets
import Testing
@testable import Storage

/// A temporary migrations directory and database file, removed at the end.
private final class Fixture {
    let directory: URL
    let databasePath: String
    private(set) var database: Storage.Database

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("storage-tests-\(UUID().uuidString)")
        directory = root.appendingPathComponent("Migrations")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        databasePath = root.appendingPathComponent("test.sqlite").path
        database = try Storage.Database(path: databasePath)
    }

    deinit {
        try? database.close()
        try? FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    func add(_ fileName: String, _ sql: String) throws {
        try Data(sql.utf8).write(to: directory.appendingPathComponent(fileName))
    }

    func remove(_ fileName: String) throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent(fileName))
    }

    func runner(clock: @escaping @Sendable () -> Date = { Date() }) -> MigrationRunner {
        MigrationRunner(database: database, directory: directory, clock: clock)
    }

    /// Closes and reopens the database file, as a restart of the server would.
    func reopen() throws {
        try database.close()
        database = try Storage.Database(path: databasePath)
    }

    func tableExists(_ name: String) throws -> Bool {
        try database.read { db in try db.tableExists(name) }
    }

    func recorded() throws -> [Row] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
        }
    }
}

private let initSQL = """
    CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
    CREATE TABLE clients (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        owner_id INTEGER NOT NULL REFERENCES users(id)
    );
    INSERT INTO users (id, email) VALUES (1, 'admin@example.com');
    """

private let dealsSQL = """
    -- deals, with a comment line and several statements
    CREATE TABLE deals (id INTEGER PRIMARY KEY, client_id INTEGER NOT NULL REFERENCES clients(id), amount TEXT);
    CREATE INDEX deals_client ON deals(client_id);
    """

private let tasksSQL = "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"

private func thrownStorageError(_ body: () throws -> Void) -> StorageError? {
    do {
        try body()
        return nil
    } catch let error as StorageError {
        return error
    } catch {
        Issue.record("expected a StorageError, got \(error)")
        return nil
    }
}

@Suite struct MigrationRunnerTests {
    @Test func freshDatabaseMigratesAllInOrder() throws {
        let fixture = try Fixture()
        try fixture.add("0002_deals.sql", dealsSQL)
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0003_tasks.sql", tasksSQL)
        let now = Date(timeIntervalSince1970: 1_750_000_000.25)

        let applied = try fixture.runner(clock: { now }).migrate()

        #expect(applied == [1, 2, 3])
        for table in ["users", "clients", "deals", "tasks"] {
            #expect(try fixture.tableExists(table), "table \(table)")
        }
        #expect(try fixture.database.read { db -> [String] in try db.indexes(on: "deals").map(\.name) } == ["deals_client"])
        let rows = try fixture.recorded()
        #expect(rows.map { $0["version"] as Int } == [1, 2, 3])
        #expect(rows.map { $0["name"] as String } == ["init", "deals", "tasks"])
        #expect(rows[0]["checksum"] as String == Encoding.hex(Digest.sha256(Array(initSQL.utf8))))
        #expect(rows[1]["checksum"] as String == Encoding.hex(Digest.sha256(Array(dealsSQL.utf8))))
        #expect(rows[0]["applied_at"] as String == "2025-06-15T15:06:40.250Z")
        #expect(try fixture.runner().status().map(\.appliedAt) == [now, now, now])
    }

    @Test func rerunAppliesNothing() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", dealsSQL)
        #expect(try fixture.runner().migrate() == [1, 2])
        let before = try fixture.recorded()

        #expect(try fixture.runner().migrate() == [])
        try fixture.reopen()
        #expect(try fixture.runner().migrate() == [])
        #expect(try fixture.recorded() == before)
    }

    @Test func upgradeAppliesOnlyTheNewMigration() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        #expect(try fixture.runner().migrate() == [1])
        #expect(try !fixture.tableExists("deals"))

        try fixture.add("0002_deals.sql", dealsSQL)
        try fixture.reopen()
        #expect(try fixture.runner().status().map(\.state) == [.applied, .pending])
        #expect(try fixture.runner().migrate() == [2])

        #expect(try fixture.tableExists("deals"))
        // 0001 was not run again: its seed row would have violated the UNIQUE e-mail.
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM users") } == 1)
        #expect(try fixture.recorded().map { $0["version"] as Int } == [1, 2])
    }

    @Test func asyncMigrate() async throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", dealsSQL)
        #expect(try await fixture.runner().migrate() == [1, 2])
        #expect(try await fixture.runner().migrate() == [])
    }

    @Test func changedAppliedFileIsRefused() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        #expect(try fixture.runner().migrate() == [1])

        try fixture.add("0001_init.sql", initSQL + "\nCREATE TABLE sneaky (id INTEGER);")
        try fixture.add("0002_deals.sql", dealsSQL)
        let error = thrownStorageError { _ = try fixture.runner().migrate() }

        guard case let .appliedMigrationChanged(file, recorded, current) = error else {
            Issue.record("expected appliedMigrationChanged, got \(String(describing: error))")
            return
        }
        #expect(file == "0001_init.sql")
        #expect(recorded != current)
        #expect(error?.description.contains("0001_init.sql") == true)
        #expect(error?.description.contains("changed") == true)
        // Nothing else was applied.
        #expect(try !fixture.tableExists("deals"))
        #expect(try !fixture.tableExists("sneaky"))
        #expect(try fixture.recorded().count == 1)
        #expect(try fixture.runner().status().map(\.state) == [.changed, .pending])
    }

    @Test func renamedAppliedFileIsRefused() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        _ = try fixture.runner().migrate()
        try fixture.remove("0001_init.sql")
        try fixture.add("0001_initial.sql", initSQL)

        let error = thrownStorageError { _ = try fixture.runner().migrate() }
        #expect(error == .appliedMigrationRenamed(version: 1, recordedFile: "0001_init.sql", currentFile: "0001_initial.sql"))
        #expect(try fixture.runner().status().map(\.state) == [.renamed])
    }

    @Test func missingAppliedFileMeansDatabaseIsNewerAndIsRefused() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", dealsSQL)
        _ = try fixture.runner().migrate()

        try fixture.remove("0002_deals.sql")
        let error = thrownStorageError { _ = try fixture.runner().migrate() }

        #expect(error == .appliedMigrationMissing(file: "0002_deals.sql", directory: fixture.directory.path))
        #expect(error?.description.contains("0002_deals.sql") == true)
        #expect(error?.description.contains("newer") == true)
        #expect(try fixture.runner().status().map(\.state) == [.applied, .missingFile])
    }

    @Test func failingMigrationRollsBackCompletelyAndIsNotRecorded() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", """
            CREATE TABLE deals (id INTEGER PRIMARY KEY, title TEXT);
            INSERT INTO deals (title) VALUES ('half-way');
            ALTER TABLE clients ADD COLUMN inn TEXT;
            INSERT INTO no_such_table VALUES (1);
            """)
        try fixture.add("0003_tasks.sql", tasksSQL)

        let error = thrownStorageError { _ = try fixture.runner().migrate() }

        guard case let .migrationFailed(file, message) = error else {
            Issue.record("expected migrationFailed, got \(String(describing: error))")
            return
        }
        #expect(file == "0002_deals.sql")
        #expect(message.contains("no such table: no_such_table"))
        #expect(error?.description.contains("0002_deals.sql") == true)
        // 0001 stays; nothing of 0002 does; 0003 was not attempted.
        #expect(try fixture.recorded().map { $0["version"] as Int } == [1])
        #expect(try fixture.tableExists("clients"))
        #expect(try !fixture.tableExists("deals"))
        #expect(try !fixture.tableExists("tasks"))
        let clientColumns = try fixture.database.read { db -> [String] in try db.columns(in: "clients").map(\.name) }
        #expect(!clientColumns.contains("inn"))
        // Foreign keys are back on after the failure.
        #expect(try fixture.database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)

        // Once the (never applied) file is fixed, the next start applies it and the rest.
        try fixture.add("0002_deals.sql", dealsSQL)
        #expect(try fixture.runner().migrate() == [2, 3])
    }

    @Test func migrationThatBreaksForeignKeysIsRolledBack() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_orphan.sql", "INSERT INTO clients (name, owner_id) VALUES ('Orphan', 42);")

        let error = thrownStorageError { _ = try fixture.runner().migrate() }

        guard case let .migrationFailed(file, _) = error else {
            Issue.record("expected migrationFailed, got \(String(describing: error))")
            return
        }
        #expect(file == "0002_orphan.sql")
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM clients") } == 0)
        #expect(try fixture.recorded().count == 1)
    }

    @Test func tableRebuildWithForeignKeysWorks() throws {
        // The rebuild SQLite recommends for changes ALTER TABLE cannot make: it drops a table
        // others refer to, which needs foreign keys off during the migration.
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL + "\nINSERT INTO clients (id, name, owner_id) VALUES (1, 'Acme', 1);")
        try fixture.add("0002_rebuild_users.sql", """
            CREATE TABLE users_new (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL DEFAULT '');
            INSERT INTO users_new (id, email) SELECT id, email FROM users;
            DROP TABLE users;
            ALTER TABLE users_new RENAME TO users;
            """)
        #expect(try fixture.runner().migrate() == [1, 2])
        #expect(try fixture.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM clients") } == 1)
    }

    @Test func malformedNameIsAnError() throws {
        for bad in ["1_init.sql", "0001init.sql", "0001_.sql", "abcd_init.sql", "0001_in it.sql", "00001_init.sql"] {
            let fixture = try Fixture()
            try fixture.add("0001_init.sql", initSQL)
            try fixture.add(bad, "SELECT 1;")
            let error = thrownStorageError { _ = try fixture.runner().migrate() }
            #expect(error == .malformedMigrationName(file: bad), "\(bad)")
            #expect(error?.description.contains(bad) == true)
            #expect(try !fixture.tableExists("users"))
        }
    }

    @Test func duplicateNumberIsAnError() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", dealsSQL)
        try fixture.add("0002_tasks.sql", tasksSQL)
        let error = thrownStorageError { _ = try fixture.runner().migrate() }
        #expect(error == .duplicateMigrationVersion(version: 2, files: ["0002_deals.sql", "0002_tasks.sql"]))
        #expect(error?.description.contains("0002_deals.sql, 0002_tasks.sql") == true)
        #expect(try !fixture.tableExists("users"))
    }

    @Test func otherFilesAreIgnored() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("README.md", "# migrations")
        try fixture.add(".0002_hidden.sql", "garbage")
        try fixture.add("0002_deals.sql.orig", "garbage")
        #expect(try fixture.runner().migrationFiles().map(\.fileName) == ["0001_init.sql"])
        #expect(try fixture.runner().migrate() == [1])
    }

    @Test func pendingMigrationBeforeAnAppliedOneIsRefused() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0003_tasks.sql", tasksSQL)
        _ = try fixture.runner().migrate()
        try fixture.add("0002_deals.sql", dealsSQL)

        let error = thrownStorageError { _ = try fixture.runner().migrate() }
        #expect(error == .migrationOutOfOrder(file: "0002_deals.sql", latestApplied: "0003_tasks.sql"))
        #expect(try !fixture.tableExists("deals"))
    }

    @Test func missingDirectoryIsAnError() throws {
        let fixture = try Fixture()
        let runner = MigrationRunner(database: fixture.database, directory: fixture.directory.appendingPathComponent("nope"))
        let error = thrownStorageError { _ = try runner.migrate() }
        guard case let .migrationsDirectoryUnreadable(path, _) = error else {
            Issue.record("expected migrationsDirectoryUnreadable, got \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("/nope"))
    }

    @Test func statusOfAFreshDatabaseDoesNotWriteIt() throws {
        let fixture = try Fixture()
        try fixture.add("0001_init.sql", initSQL)
        try fixture.add("0002_deals.sql", dealsSQL)
        let status = try fixture.runner().status()
        #expect(status.map(\.fileName) == ["0001_init.sql", "0002_deals.sql"])
        #expect(status.map(\.state) == [.pending, .pending])
        #expect(status.allSatisfy { $0.appliedAt == nil })
        #expect(try !fixture.tableExists("schema_migrations"))
    }

    @Test func emptyDirectoryMigratesNothing() throws {
        let fixture = try Fixture()
        #expect(try fixture.runner().migrate() == [])
        #expect(try fixture.runner().status().isEmpty)
        #expect(try fixture.tableExists("schema_migrations"))
    }

    /// The repository's own Migrations/ apply to a fresh database, twice without change.
    @Test func repositoryMigrationsApplyToAFreshDatabase() throws {
        let directory = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Migrations")
        let database = try Storage.Database.temporary()
        let runner = MigrationRunner(database: database, directory: directory)
        let files = try runner.migrationFiles()
        #expect(try runner.migrate() == files.map(\.version))
        #expect(try runner.migrate() == [])
        #expect(try runner.status().allSatisfy { $0.state == .applied })
    }

    @Test func fileNameParsing() {
        let first = MigrationFile.parse(fileName: "0001_init.sql")
        #expect(first?.version == 1 && first?.name == "init")
        let second = MigrationFile.parse(fileName: "0420_add-deal_stages2.sql")
        #expect(second?.version == 420 && second?.name == "add-deal_stages2")
        #expect(MigrationFile.parse(fileName: "0001_init.SQL") == nil)
        #expect(MigrationFile.parse(fileName: "0001_привет.sql") == nil)
        #expect(MigrationFile.fileName(version: 7, name: "x") == "0007_x.sql")
    }
}
