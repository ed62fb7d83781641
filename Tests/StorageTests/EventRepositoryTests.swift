import CRM
import Foundation
import Storage
import Testing

/// The outbox log: events read in commit order, the retention window, the mark below which
/// resuming is refused, and the commit signal that wakes the dispatcher.
@Suite struct EventRepositoryTests {
    static func migrated() async throws -> Storage.Database {
        let database = try Storage.Database.temporary()
        let migrations = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Migrations")
        _ = try await MigrationRunner(database: database, directory: migrations).migrate()
        return database
    }

    static func add(_ database: Storage.Database, at date: String) async throws {
        try await database.write { db in
            try db.execute(sql: "INSERT INTO events (kind, record_id, detail, occurred_at) VALUES ('deal_changed', 1, '{}', ?)", arguments: [date])
        }
    }

    @Test func theRetentionWindowMarksWhatCanNoLongerBeResumed() async throws {
        let database = try await Self.migrated()
        let events = EventRepository(database: database)
        #expect(try await events.expiredThrough() == 0)
        for date in ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-20T00:00:00.000Z"] {
            try await Self.add(database, at: date)
        }
        #expect(try await events.events(after: 0, limit: 10).map(\.id) == [1, 2, 3])
        #expect(try await events.expiredThrough() == 0)
        try await events.deleteEvents(before: RFC3339.parse("2026-11-10T00:00:00Z")!)
        #expect(try await events.events(after: 0, limit: 10).map(\.id) == [3])
        #expect(try await events.expiredThrough() == 2)
        try await events.deleteEvents(before: RFC3339.parse("2026-11-30T00:00:00Z")!)
        #expect(try await events.expiredThrough() == 3)  // all gone: the counter still knows
        try await Self.add(database, at: "2026-11-29T00:00:00.000Z")
        #expect(try await events.latestEventID() == 4)
        #expect(try await events.expiredThrough() == 3)
    }

    @Test func eachCommitThatAddsEventsSignals() async throws {
        let database = try await Self.migrated()
        let count = Counter(), any = Counter()
        EventRepository(database: database).onCommit { count.add() }
        database.onCommit { any.add() }
        try await Self.add(database, at: "2026-11-29T00:00:00.000Z")
        _ = try? await database.write { db in
            try db.execute(sql: "INSERT INTO events (kind, record_id, detail, occurred_at) VALUES ('deal_changed', 1, '{}', '2026')")
            throw CancellationError()  // rolled back: no signal
        }
        // A write of other tables wakes only those who listen to every commit.
        try await database.write { db in
            try db.execute(sql: "CREATE TABLE scratch (x)")
            try db.execute(sql: "INSERT INTO scratch VALUES (1)")
        }
        #expect(count.value == 1)
        #expect(any.value == 2)
    }
}

/// A thread-safe count for callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
