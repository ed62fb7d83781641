import ArgumentParser
import Storage

/// `switchboard migrate`: applies pending migrations and lists them.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() async throws {
        let database: Database
        do {
            database = try Database(path: databaseOptions.databasePath)
        } catch {
            throw CommandFailure("Cannot open the database at \(databaseOptions.databasePath): \(error)")
        }
        let runner = MigrationRunner(database: database, directory: databaseOptions.migrationsDirectory)
        do {
            let applied = try await runner.migrate()
            print(applied.isEmpty ? "The database is up to date." : "Applied migrations: \(applied.map(String.init).joined(separator: ", ")).")
        } catch {
            throw CommandFailure("Migration failed: \(error)")
        }
    }
}
