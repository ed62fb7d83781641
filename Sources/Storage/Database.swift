import CRM
import Foundation
import GRDB
import Synchronization

/// Switchboard's SQLite database: a GRDB `DatabasePool` in WAL mode, with one writer connection
/// and a pool of read-only connections that read concurrently with the writer.
///
/// Every connection has foreign keys on and a busy timeout. The writer runs with
/// `PRAGMA synchronous = FULL`, set after the pool is opened, because GRDB sets `NORMAL` on the
/// writer of a WAL database after `Configuration.prepareDatabase` has run.
///
/// Access goes through ``read(_:)-(Connection)`` and ``write(_:)-(Connection)`` and their async
/// variants; each closure receives GRDB's connection (``Connection``), valid only inside the
/// closure. Accesses are not reentrant: do not call one from inside another. ``onCommit(_:)``
/// tells the process's own listeners (the event dispatcher) that a write committed.
public final class Database: Sendable {
    /// GRDB's database connection, as handed to the closures of ``read(_:)-(Connection)`` and
    /// ``write(_:)-(Connection)``. (Inside the Storage module the bare name `Database` means
    /// this class; GRDB's type is `GRDB.Database`, or this alias.)
    public typealias Connection = GRDB.Database

    /// Tuning of the pool.
    public struct Options: Sendable, Equatable {
        /// The most read-only connections open at once (at least 1).
        public var maximumReaderCount: Int
        /// How long, in seconds, a connection waits for a lock held by another connection or
        /// process before it fails with `SQLITE_BUSY`.
        public var busyTimeout: TimeInterval
        /// A label for the connections' dispatch queues, seen in debuggers and crash reports.
        public var label: String?
        /// Whether every SQL statement executed is counted in ``Database/statementCount`` (tests
        /// and benchmarks prove that a query costs a fixed number of statements).
        public var countsStatements: Bool

        /// Options with 5 readers and a 5-second busy timeout unless told otherwise.
        public init(maximumReaderCount: Int = 5, busyTimeout: TimeInterval = 5, label: String? = nil, countsStatements: Bool = false) {
            self.maximumReaderCount = maximumReaderCount
            self.busyTimeout = busyTimeout
            self.label = label
            self.countsStatements = countsStatements
        }
    }

    /// The path of the database file.
    public let path: String

    /// The underlying pool, for Storage code that needs GRDB features not wrapped here.
    let pool: DatabasePool

    /// SQL statements executed so far on any connection, when the options count them.
    public var statementCount: Int { statements.count.withLock { $0 } }
    private let statements: StatementCounter

    private final class StatementCounter: Sendable {
        let count = Mutex(0)
    }

    /// Called after write accesses that returned (their transactions committed): all of them,
    /// or those that changed one of the handler's tables.
    private let commitHandlers = Mutex<[(tables: Set<String>?, handler: @Sendable () -> Void)]>([])
    /// The tables changed by committed transactions and not yet told to the handlers.
    private let changes = ChangedTables()

    /// Calls `handler` after each committed write from now on — with `tables`, only after those
    /// that changed a row of one of them (rows written by triggers count; SQLite does not report
    /// changes of `WITHOUT ROWID` tables, so those cannot be named) — on the writing thread: it
    /// must only signal (wake the event dispatcher or the alarm queue).
    public func onCommit(changing tables: Set<String>? = nil, _ handler: @escaping @Sendable () -> Void) {
        commitHandlers.withLock { $0.append((tables, handler)) }
    }

    private func committed<T>(_ value: T) -> T {
        let changed = changes.takeCommitted()
        for (tables, handler) in commitHandlers.withLock({ $0 }) where tables.map({ !$0.isDisjoint(with: changed) }) ?? true {
            handler()
        }
        return value
    }

    /// Collects the tables whose rows a transaction changed, and hands them over once it commits.
    /// (A write that returns may also take over those of a write that committed just before it;
    /// handlers only signal, so telling them early is harmless.)
    private final class ChangedTables: TransactionObserver, Sendable {
        private let inTransaction = Mutex(Set<String>())
        private let committed = Mutex(Set<String>())

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }

        func databaseDidChange(with event: DatabaseEvent) {
            let table = event.tableName
            inTransaction.withLock { _ = $0.insert(table) }
        }

        func databaseDidCommit(_ db: GRDB.Database) {
            let tables = inTransaction.withLock { tables in
                defer { tables = [] }
                return tables
            }
            if !tables.isEmpty { committed.withLock { $0.formUnion(tables) } }
        }

        func databaseDidRollback(_ db: GRDB.Database) {
            inTransaction.withLock { $0 = [] }
        }

        func takeCommitted() -> Set<String> {
            committed.withLock { tables in
                defer { tables = [] }
                return tables
            }
        }
    }

    /// Whether the file (and its `-wal` and `-shm` companions) is deleted when this object goes.
    private let isTemporary: Bool

    /// Opens (creating if needed) the database file at `path` in WAL mode.
    ///
    /// - Throws: ``StorageError/cannotOpen(path:reason:)`` when the file cannot be opened, is not
    ///   a database, or cannot be put in WAL mode.
    public convenience init(path: String, options: Options = Options()) throws {
        try self.init(path: path, options: options, isTemporary: false)
    }

    /// Opens a new, empty database in a fresh file of the system's temporary directory. The file
    /// is deleted when the returned object is deinitialised. For tests and throw-away runs: a
    /// `DatabasePool` needs a file, since WAL is not available to in-memory databases.
    public static func temporary(options: Options = Options()) throws -> Database {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("switchboard-\(UUID().uuidString).sqlite")
        return try Database(path: url.path, options: options, isTemporary: true)
    }

    private init(path: String, options: Options, isTemporary: Bool) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(options.busyTimeout)
        configuration.maximumReaderCount = max(1, options.maximumReaderCount)
        configuration.label = options.label ?? "Switchboard.Database"
        let statements = StatementCounter()
        let counting = options.countsStatements
        configuration.prepareDatabase { db in
            db.add(function: Self.fold)
            db.add(function: Self.stems)
            // Only the statements of the application count, not a new connection's set-up
            // (pragmas, GRDB's schema check) or the transactions GRDB opens around reads.
            if counting {
                db.trace(options: .statement) { event in
                    guard case .statement(let statement) = event else { return }
                    let sql = statement.sql.drop(while: \.isWhitespace).prefix(6).uppercased()
                    if ["SELECT", "INSERT", "UPDATE", "DELETE"].contains(sql), !statement.sql.contains("sqlite_master") {
                        statements.count.withLock { $0 += 1 }
                    }
                }
            }
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // Gotcha 17: GRDB sets `synchronous = NORMAL` on the writer after prepareDatabase;
            // override it on the writer itself, and check that it took.
            let synchronous = try pool.writeWithoutTransaction { db -> Int? in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                return try Int.fetchOne(cached: db, sql: "PRAGMA synchronous")
            }
            guard synchronous == 2 else {
                throw StorageError.cannotOpen(path: path, reason: "PRAGMA synchronous = FULL did not take effect")
            }
            pool.add(transactionObserver: changes, extent: .databaseLifetime)
            self.pool = pool
        } catch let error as StorageError {
            if isTemporary { Self.removeFiles(at: path) }
            throw error
        } catch let error as DatabaseError {
            if isTemporary { Self.removeFiles(at: path) }
            throw StorageError.cannotOpen(path: path, reason: error.message ?? error.description)
        } catch {
            if isTemporary { Self.removeFiles(at: path) }
            throw StorageError.cannotOpen(path: path, reason: "\(error)")
        }
        self.path = path
        self.isTemporary = isTemporary
        self.statements = statements
    }

    /// `sb_fold(text)`: text lowercased with full Unicode rules (SQLite's own `lower` and `LIKE`
    /// fold ASCII only), so a search for "ромашка" finds "ООО «Ромашка»".
    static let fold = DatabaseFunction("sb_fold", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return nil }
        return text.lowercased()
    }

    /// `sb_stems(text)`: the word stems of `text` (``WordStemmer``), which the knowledge base's
    /// full-text index holds (0014_knowledge_search.sql).
    static let stems = DatabaseFunction("sb_stems", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(WordStemmer.stems)
    }

    deinit {
        if isTemporary {
            try? pool.close()
            Self.removeFiles(at: path)
        }
    }

    private static func removeFiles(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Closes all connections. Any later access fails. Throws if an access is still running.
    public func close() throws {
        try pool.close()
    }

    // MARK: - Reading

    /// Runs `body` on a read-only connection, inside a transaction, so it sees one consistent
    /// snapshot of the database; reads do not wait for the writer. Blocks the calling thread.
    @_disfavoredOverload
    public func read<T>(_ body: (Connection) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Runs `body` on a read-only connection, inside a transaction, so it sees one consistent
    /// snapshot of the database; reads do not wait for the writer.
    public func read<T: Sendable>(_ body: @Sendable (Connection) throws -> T) async throws -> T {
        try await pool.read(body)
    }

    // MARK: - Writing

    /// Runs `body` on the writer connection inside a transaction, committed when `body` returns
    /// and rolled back when it throws. Writes are serialised. Blocks the calling thread.
    @_disfavoredOverload
    public func write<T>(_ body: (Connection) throws -> T) throws -> T {
        committed(try pool.write(body))
    }

    /// Runs `body` on the writer connection inside a transaction, committed when `body` returns
    /// and rolled back when it throws. Writes are serialised.
    public func write<T: Sendable>(_ body: @Sendable (Connection) throws -> T) async throws -> T {
        committed(try await pool.write(body))
    }

    /// Runs `body` on the writer connection outside of any transaction (for pragmas, `VACUUM`,
    /// or code that manages its own transactions). Blocks the calling thread.
    @_disfavoredOverload
    public func writeWithoutTransaction<T>(_ body: (Connection) throws -> T) throws -> T {
        committed(try pool.writeWithoutTransaction(body))
    }

    /// Runs `body` on the writer connection outside of any transaction (for pragmas, `VACUUM`,
    /// or code that manages its own transactions).
    public func writeWithoutTransaction<T: Sendable>(
        _ body: @Sendable (Connection) throws -> T
    ) async throws -> T {
        committed(try await pool.writeWithoutTransaction(body))
    }
}
