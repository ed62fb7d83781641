import API
import ArgumentParser
import CRM
import Foundation
import Secrets
import Storage

/// Where the database and the migrations are: flags first, then environment variables, then
/// defaults (`./switchboard.sqlite`; `Migrations/` in the working directory or beside the sources).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file (default: $SWITCHBOARD_DATABASE or ./switchboard.sqlite).")
    var database: String?

    @Option(name: .long, help: "Directory of NNNN_name.sql migrations (default: $SWITCHBOARD_MIGRATIONS or ./Migrations).")
    var migrations: String?

    var databasePath: String {
        database ?? ProcessInfo.processInfo.environment["SWITCHBOARD_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "switchboard.sqlite"
    }

    var migrationsDirectory: URL {
        if let migrations { return URL(fileURLWithPath: migrations) }
        if let env = ProcessInfo.processInfo.environment["SWITCHBOARD_MIGRATIONS"], !env.isEmpty { return URL(fileURLWithPath: env) }
        if FileManager.default.fileExists(atPath: "Migrations") { return URL(fileURLWithPath: "Migrations") }
        return PackageLocation.root.appendingPathComponent("Migrations")
    }

    /// Opens the database and applies pending migrations; refuses a database the migrations do
    /// not match (a changed migration, or a database newer than this binary).
    func openMigrated() throws -> Database {
        let database: Database
        do {
            database = try Database(path: databasePath)
        } catch {
            throw CommandFailure("Cannot open the database at \(databasePath): \(error)")
        }
        do {
            _ = try MigrationRunner(database: database, directory: migrationsDirectory).migrate()
        } catch {
            throw CommandFailure("The database at \(databasePath) cannot be migrated: \(error)")
        }
        return database
    }
}

/// The repository's root, found from this file's path (for running from a checkout).
enum PackageLocation {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

/// The domain services over a database.
func makeServices(_ database: Database, passwordIterations: Int? = nil, maximumFileSize: Int = 25 << 20) -> Services {
    let identity = IdentityRepository(database: database)
    let hasher = passwordIterations.map { PasswordHasher(iterations: $0) } ?? PasswordHasher()
    return Services(auth: AuthService(store: identity, hasher: hasher), identity: identity,
                    clients: ClientRepository(database: database), contacts: ContactRepository(database: database),
                    pipelines: PipelineRepository(database: database), deals: DealRepository(database: database),
                    tasks: TaskRepository(database: database), search: SearchRepository(database: database),
                    notes: NoteRepository(database: database), timeline: TimelineRepository(database: database),
                    files: FileRepository(database: database),
                    support: SupportRepository(database: database),
                    timeEntries: TimeEntryRepository(database: database), maximumFileSize: maximumFileSize)
}
