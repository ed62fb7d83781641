import Foundation
import GRDB
import Secrets

/// One migration file, `NNNN_name.sql`, as read from the migrations directory.
public struct MigrationFile: Sendable, Hashable {
    /// The four-digit number, as an integer (`0002_deals.sql` → 2).
    public let version: Int
    /// The part of the file name between the number and `.sql` (`0002_deals.sql` → `deals`).
    public let name: String
    /// The file's SQL text (one or more statements).
    public let sql: String
    /// The SHA-256 of the file's bytes, as lowercase hex.
    public let checksum: String

    /// The file name, `NNNN_name.sql`.
    public var fileName: String { Self.fileName(version: version, name: name) }

    /// Creates a migration from its parts; `checksum` is computed from `bytes`.
    public init(version: Int, name: String, bytes: [UInt8]) {
        self.version = version
        self.name = name
        self.sql = String(decoding: bytes, as: UTF8.self)
        self.checksum = Encoding.hex(Digest.sha256(bytes))
    }

    static func fileName(version: Int, name: String) -> String { "\(pad(version))_\(name).sql" }

    static func pad(_ version: Int) -> String {
        let digits = String(version)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// Splits `NNNN_name.sql` into its number and name, or nil when the name is malformed.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        let chars = Array(fileName.utf8)
        guard fileName.hasSuffix(".sql"), chars.count > 9 else { return nil }
        let digits = chars[0..<4]
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), chars[4] == UInt8(ascii: "_") else { return nil }
        let nameBytes = chars[5..<(chars.count - 4)]
        let allowed: (UInt8) -> Bool = { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
        guard !nameBytes.isEmpty, nameBytes.allSatisfy(allowed),
              let version = Int(String(decoding: digits, as: UTF8.self))
        else { return nil }
        return (version, String(decoding: nameBytes, as: UTF8.self))
    }
}

/// Where one migration stands, as reported by ``MigrationRunner/status()``.
public struct MigrationStatus: Sendable, Hashable {
    /// The state of a migration relative to the database.
    public enum State: String, Sendable, Hashable {
        /// Applied, and the file is unchanged.
        case applied
        /// In the directory, not yet applied.
        case pending
        /// Applied, but the file has changed since (``MigrationRunner/migrate()`` refuses).
        case changed
        /// Applied, but the file is now named differently (``MigrationRunner/migrate()`` refuses).
        case renamed
        /// Applied, but not in the directory: the database is newer than the binary
        /// (``MigrationRunner/migrate()`` refuses).
        case missingFile
    }

    /// The migration's number.
    public let version: Int
    /// The file name: the directory's for pending migrations, the recorded one otherwise.
    public let fileName: String
    /// Where it stands.
    public let state: State
    /// When it was applied (nil when pending).
    public let appliedAt: Date?
}

/// Applies the `NNNN_name.sql` files of a directory to a ``Database``, in order of their number,
/// each in its own transaction, and records each in the table `schema_migrations` (version, name,
/// SHA-256 checksum of the file's bytes, applied-at time in RFC 3339 UTC).
///
/// ``migrate()`` refuses — throwing a ``StorageError`` that names the file — a database
/// - whose applied migration's file has changed (checksum mismatch) or been renamed,
/// - that has an applied migration the directory lacks (the database is newer than the binary),
/// - that has a later migration applied than one still pending (out of order),
/// and stops at a migration that fails, whose transaction is rolled back and which is not recorded.
///
/// Files of the directory that do not end in `.sql`, and hidden files, are ignored; a `.sql` file
/// whose name is not `NNNN_name.sql`, or two files with one number, are errors.
///
/// Each migration runs as SQLite recommends for schema changes: foreign keys are switched off
/// around its transaction, and `PRAGMA foreign_key_check` must find no violation before it commits.
/// A migration must not contain `BEGIN`/`COMMIT` of its own.
public struct MigrationRunner: Sendable {
    /// The name of the table that records applied migrations.
    public static let tableName = "schema_migrations"

    /// The database migrated.
    public let database: Database
    /// The directory holding the `NNNN_name.sql` files.
    public let directory: URL
    private let clock: @Sendable () -> Date

    /// A runner for the migrations in `directory`; `clock` gives the applied-at time recorded.
    public init(database: Database, directory: URL, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.directory = directory
        self.clock = clock
    }

    /// The migration files of the directory, sorted by number.
    ///
    /// - Throws: ``StorageError`` when the directory cannot be read, a `.sql` file is misnamed or
    ///   unreadable, or two files share a number.
    public func migrationFiles() throws -> [MigrationFile] {
        let fileManager = FileManager.default
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw StorageError.migrationsDirectoryUnreadable(path: directory.path, reason: Self.reason(error))
        }
        var byVersion: [Int: [MigrationFile]] = [:]
        for fileName in names.sorted() where !fileName.hasPrefix(".") && fileName.hasSuffix(".sql") {
            let url = directory.appendingPathComponent(fileName)
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                continue
            }
            guard let (version, name) = MigrationFile.parse(fileName: fileName) else {
                throw StorageError.malformedMigrationName(file: fileName)
            }
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw StorageError.migrationFileUnreadable(file: fileName, reason: Self.reason(error))
            }
            byVersion[version, default: []].append(MigrationFile(version: version, name: name, bytes: [UInt8](data)))
        }
        if let (version, files) = byVersion.filter({ $0.value.count > 1 }).min(by: { $0.key < $1.key }) {
            throw StorageError.duplicateMigrationVersion(version: version, files: files.map(\.fileName).sorted())
        }
        return byVersion.values.map { $0[0] }.sorted { $0.version < $1.version }
    }

    /// Applies the pending migrations in order, each in its own transaction, after checking that
    /// the applied ones agree with the directory. Blocks the calling thread.
    ///
    /// - Returns: The versions newly applied, in order (empty when the database was up to date).
    /// - Throws: ``StorageError`` (see the type's documentation); the database keeps every
    ///   migration applied before a failing one, and nothing of the failing one.
    @_disfavoredOverload
    public func migrate() throws -> [Int] {
        let files = try migrationFiles()
        return try database.writeWithoutTransaction { db in try apply(files, db) }
    }

    /// Applies the pending migrations in order, each in its own transaction, after checking that
    /// the applied ones agree with the directory.
    ///
    /// - Returns: The versions newly applied, in order (empty when the database was up to date).
    /// - Throws: ``StorageError`` (see the type's documentation); the database keeps every
    ///   migration applied before a failing one, and nothing of the failing one.
    public func migrate() async throws -> [Int] {
        let files = try migrationFiles()
        return try await database.writeWithoutTransaction { db in try apply(files, db) }
    }

    /// Every migration, applied or pending, sorted by number, without changing the database.
    /// Problems that ``migrate()`` refuses show as the states `changed`, `renamed` and
    /// `missingFile` rather than as errors.
    ///
    /// - Throws: ``StorageError`` when the directory cannot be read or holds misnamed or
    ///   duplicate files.
    public func status() throws -> [MigrationStatus] {
        let files = try migrationFiles()
        let applied = try database.read { db in try Self.appliedMigrations(db) }
        let filesByVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        let appliedByVersion = Dictionary(uniqueKeysWithValues: applied.map { ($0.version, $0) })
        var result: [MigrationStatus] = []
        for record in applied {
            let state: MigrationStatus.State
            if let file = filesByVersion[record.version] {
                state = file.name != record.name ? .renamed : file.checksum != record.checksum ? .changed : .applied
            } else {
                state = .missingFile
            }
            result.append(MigrationStatus(version: record.version, fileName: record.fileName, state: state,
                                          appliedAt: record.appliedAt))
        }
        for file in files where appliedByVersion[file.version] == nil {
            result.append(MigrationStatus(version: file.version, fileName: file.fileName, state: .pending, appliedAt: nil))
        }
        return result.sorted { $0.version < $1.version }
    }

    // MARK: - Internals

    /// One row of `schema_migrations`.
    struct AppliedMigration {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: Date?
        var fileName: String { MigrationFile.fileName(version: version, name: name) }
    }

    static func appliedMigrations(_ db: Database.Connection) throws -> [AppliedMigration] {
        guard try db.tableExists(tableName) else { return [] }
        return try Row.fetchAll(cached: db, sql: "SELECT version, name, checksum, applied_at FROM \(tableName) ORDER BY version")
            .map { row in
                let appliedAt: String? = row["applied_at"]
                return AppliedMigration(version: row["version"], name: row["name"], checksum: row["checksum"],
                                        appliedAt: appliedAt.flatMap(parseTimestamp))
            }
    }

    private static func createTable(_ db: Database.Connection) throws {
        try db.execute(sql: """
            CREATE TABLE IF NOT EXISTS \(tableName) (
                version INTEGER PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                checksum TEXT NOT NULL,
                applied_at TEXT NOT NULL
            )
            """)
    }

    /// Checks the applied migrations against `files` and returns those pending, in order.
    private static func pending(_ files: [MigrationFile], applied: [AppliedMigration], directory: URL) throws -> [MigrationFile] {
        let filesByVersion = Dictionary(uniqueKeysWithValues: files.map { ($0.version, $0) })
        for record in applied {
            guard let file = filesByVersion[record.version] else {
                throw StorageError.appliedMigrationMissing(file: record.fileName, directory: directory.path)
            }
            if file.name != record.name {
                throw StorageError.appliedMigrationRenamed(version: record.version, recordedFile: record.fileName,
                                                           currentFile: file.fileName)
            }
            if file.checksum != record.checksum {
                throw StorageError.appliedMigrationChanged(file: file.fileName, recordedChecksum: record.checksum,
                                                           currentChecksum: file.checksum)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = files.filter { !appliedVersions.contains($0.version) }
        if let latest = applied.last, let first = pending.first, first.version < latest.version {
            throw StorageError.migrationOutOfOrder(file: first.fileName, latestApplied: latest.fileName)
        }
        return pending
    }

    /// Runs on the writer, outside of any transaction.
    private func apply(_ files: [MigrationFile], _ db: Database.Connection) throws -> [Int] {
        try Self.createTable(db)
        let pending = try Self.pending(files, applied: try Self.appliedMigrations(db), directory: directory)
        var applied: [Int] = []
        for file in pending {
            if try apply(file, db) { applied.append(file.version) }
        }
        return applied
    }

    /// Applies one migration in its own transaction; false when another process applied it first.
    private func apply(_ file: MigrationFile, _ db: Database.Connection) throws -> Bool {
        let foreignKeysWereOn = try Bool.fetchOne(cached: db, sql: "PRAGMA foreign_keys") ?? false
        if foreignKeysWereOn { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
        defer { if foreignKeysWereOn { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }

        var didApply = false
        do {
            try db.inTransaction(.immediate) {
                // Another process may have applied it since we looked: the immediate transaction
                // holds the write lock, so this check is final.
                let recorded = try String.fetchOne(
                    db, sql: "SELECT checksum FROM \(Self.tableName) WHERE version = ?", arguments: [file.version])
                if let recorded {
                    guard recorded == file.checksum else {
                        throw StorageError.appliedMigrationChanged(file: file.fileName, recordedChecksum: recorded,
                                                                   currentChecksum: file.checksum)
                    }
                    return .rollback
                }
                try db.execute(sql: file.sql)
                if foreignKeysWereOn { try db.checkForeignKeys() }
                try db.execute(
                    sql: "INSERT INTO \(Self.tableName) (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    arguments: [file.version, file.name, file.checksum, Self.formatTimestamp(clock())])
                didApply = true
                return .commit
            }
        } catch let error as StorageError {
            throw error
        } catch let error as DatabaseError {
            var message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
            if let sql = error.sql {
                message += " (while executing `\(sql.trimmingCharacters(in: .whitespacesAndNewlines))`)"
            }
            throw StorageError.migrationFailed(file: file.fileName, message: message)
        } catch {
            throw StorageError.migrationFailed(file: file.fileName, message: Self.reason(error))
        }
        return didApply
    }

    private static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func formatTimestamp(_ date: Date) -> String { date.formatted(timestampStyle) }

    static func parseTimestamp(_ text: String) -> Date? { try? timestampStyle.parse(text) }
}
