import Dispatch
import Foundation
import GRDB
import Testing
@testable import Storage

@Suite struct DatabaseTests {
    @Test func writerIsInWALModeWithFullSynchronousForeignKeysAndBusyTimeout() throws {
        let database = try Storage.Database.temporary(options: .init(busyTimeout: 7))
        let (journal, synchronous, foreignKeys, busy) = try database.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "PRAGMA synchronous on the writer: 2 is FULL, 1 is NORMAL")
        #expect(foreignKeys == 1)
        #expect(busy == 7000)

        // Inside a write transaction too: the same writer connection.
        let syncInWrite = try database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(syncInWrite == 2)
    }

    /// Why ``Database`` sets `synchronous` after opening (gotcha 17): GRDB alone leaves the writer
    /// of a pool at NORMAL even when `prepareDatabase` asks for FULL, while readers report FULL.
    @Test func grdbAloneOverridesSynchronousOnTheWriter() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("raw-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let pool = try DatabasePool(path: path, configuration: configuration)
        #expect(try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
        #expect(try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
        try pool.close()
    }

    @Test func asyncWriterHasFullSynchronous() async throws {
        let database = try Storage.Database.temporary()
        let synchronous = try await database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2)
    }

    @Test func readersAreWALWithForeignKeys() throws {
        let database = try Storage.Database.temporary()
        let (journal, foreignKeys) = try database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journal == "wal")
        #expect(foreignKeys == 1)
    }

    @Test func foreignKeysAreEnforced() throws {
        let database = try Storage.Database.temporary()
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE parent (id INTEGER PRIMARY KEY);
                CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id));
                """)
        }
        #expect(throws: DatabaseError.self) {
            try database.write { db in try db.execute(sql: "INSERT INTO child (parent_id) VALUES (99)") }
        }
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM child") } == 0)
    }

    @Test func writeRollsBackWhenTheClosureThrows() throws {
        struct Boom: Error {}
        let database = try Storage.Database.temporary()
        try database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        #expect(throws: Boom.self) {
            try database.write { db in
                try db.execute(sql: "INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 0)
    }

    @Test func readsRunWhileAWriteTransactionIsOpen() throws {
        let database = try Storage.Database.temporary()
        try database.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }

        let inserted = DispatchSemaphore(value: 0)
        let readDone = DispatchSemaphore(value: 0)
        let writeDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            do {
                try database.write { db in
                    try db.execute(sql: "INSERT INTO t VALUES (1)")
                    inserted.signal()
                    // Hold the write transaction open until the reader has read.
                    _ = readDone.wait(timeout: .now() + 10)
                }
            } catch {
                Issue.record("write failed: \(error)")
            }
            writeDone.signal()
        }

        #expect(inserted.wait(timeout: .now() + 10) == .success)
        // The writer holds an open transaction with an uncommitted row: a read is not blocked
        // and sees the last committed state.
        let countDuringWrite = try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") }
        readDone.signal()
        #expect(countDuringWrite == 0)
        #expect(writeDone.wait(timeout: .now() + 10) == .success)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 1)
    }

    @Test func concurrentReadsSeeConsistentSnapshotsWhileWriting() async throws {
        let database = try Storage.Database.temporary(options: .init(maximumReaderCount: 4))
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER)")
        }
        let writes = 200
        let inconsistent = try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for i in 0..<writes {
                    // Each transaction adds one row to both tables.
                    try await database.write { db in
                        try db.execute(sql: "INSERT INTO a VALUES (?)", arguments: [i])
                        try db.execute(sql: "INSERT INTO b VALUES (?)", arguments: [i])
                    }
                }
                return 0
            }
            for _ in 0..<8 {
                group.addTask {
                    var mismatches = 0
                    for _ in 0..<100 {
                        let (a, b) = try await database.read { db in
                            (try Int.fetchOne(db, sql: "SELECT count(*) FROM a") ?? -1,
                             try Int.fetchOne(db, sql: "SELECT count(*) FROM b") ?? -2)
                        }
                        if a != b { mismatches += 1 }
                    }
                    return mismatches
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(inconsistent == 0)
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM a") } == writes)
    }

    @Test func dataPersistsAcrossReopen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("db-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        do {
            let database = try Storage.Database(path: path)
            try database.write { db in
                try db.execute(sql: "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')")
            }
            try database.close()
        }
        let database = try Storage.Database(path: path)
        #expect(database.path == path)
        #expect(try database.read { db in try String.fetchOne(db, sql: "SELECT x FROM t") } == "kept")
        #expect(try database.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func temporaryDatabaseFileIsRemovedWhenReleased() throws {
        var database: Storage.Database? = try Storage.Database.temporary()
        let path = try #require(database?.path)
        try database?.write { db in try db.execute(sql: "CREATE TABLE t (x INTEGER)") }
        #expect(FileManager.default.fileExists(atPath: path))
        database = nil
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func unopenablePathIsAClearError() throws {
        let path = "/nonexistent-\(UUID().uuidString)/switchboard.sqlite"
        #expect {
            _ = try Storage.Database(path: path)
        } throws: { error in
            guard case let .cannotOpen(errorPath, _) = error as? StorageError else { return false }
            return errorPath == path && (error as? StorageError)?.description.contains(path) == true
        }
    }

    @Test func notADatabaseIsAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("junk-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 0x42, count: 4096).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try Storage.Database(path: path)
        } throws: { error in
            guard case .cannotOpen = error as? StorageError else { return false }
            return true
        }
    }
}
