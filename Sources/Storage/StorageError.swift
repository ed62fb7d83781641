import Foundation

/// Errors of the storage layer that an operator can act on: the database cannot be opened, or the
/// migrations in the binary's directory and those recorded in the database do not agree.
///
/// Every case's ``description`` is a complete sentence that names the file (or path) involved, so
/// start-up can print it as is and stop.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The SQLite database at `path` could not be opened or configured.
    case cannotOpen(path: String, reason: String)
    /// The migrations directory does not exist or cannot be listed.
    case migrationsDirectoryUnreadable(path: String, reason: String)
    /// A `.sql` file in the migrations directory is not named `NNNN_name.sql` (four digits, an
    /// underscore, a name of letters, digits, `_` or `-`), or cannot be read.
    case malformedMigrationName(file: String)
    /// Two or more migration files share one version number.
    case duplicateMigrationVersion(version: Int, files: [String])
    /// A migration file could not be read.
    case migrationFileUnreadable(file: String, reason: String)
    /// A migration already applied to the database has been edited since: its file's SHA-256 no
    /// longer matches the checksum recorded when it was applied.
    case appliedMigrationChanged(file: String, recordedChecksum: String, currentChecksum: String)
    /// A migration already applied to the database now has another file name for its number.
    case appliedMigrationRenamed(version: Int, recordedFile: String, currentFile: String)
    /// The database has an applied migration that the binary's migrations directory does not
    /// have: the database is newer than the binary.
    case appliedMigrationMissing(file: String, directory: String)
    /// A pending migration has a lower number than one already applied (for example after two
    /// branches were merged); migrations are applied strictly in order.
    case migrationOutOfOrder(file: String, latestApplied: String)
    /// A migration failed; its transaction was rolled back and nothing of it was recorded.
    case migrationFailed(file: String, message: String)

    public var description: String {
        switch self {
        case let .cannotOpen(path, reason):
            return "Cannot open the database at \(path): \(reason)"
        case let .migrationsDirectoryUnreadable(path, reason):
            return "Cannot read the migrations directory \(path): \(reason)"
        case let .malformedMigrationName(file):
            return "Migration file \(file) is misnamed: migrations must be named NNNN_name.sql "
                + "(four digits, an underscore, then letters, digits, '_' or '-')"
        case let .duplicateMigrationVersion(version, files):
            return "Migration number \(MigrationFile.pad(version)) is used by more than one file: "
                + files.joined(separator: ", ")
        case let .migrationFileUnreadable(file, reason):
            return "Cannot read migration file \(file): \(reason)"
        case let .appliedMigrationChanged(file, recorded, current):
            return "Refusing to start: migration \(file) was changed after it was applied to this database "
                + "(recorded SHA-256 \(recorded), file now \(current)). An applied migration must never be "
                + "edited; restore the file and add a new migration instead."
        case let .appliedMigrationRenamed(version, recorded, current):
            return "Refusing to start: migration \(MigrationFile.pad(version)) was applied as \(recorded) "
                + "but the file is now named \(current). An applied migration must never be renamed."
        case let .appliedMigrationMissing(file, directory):
            return "Refusing to start: the database has migration \(file) applied, but \(directory) does "
                + "not contain it. The database is newer than this binary; run a newer version."
        case let .migrationOutOfOrder(file, latest):
            return "Refusing to start: migration \(file) is pending but the database already has the later "
                + "migration \(latest) applied. Migrations are applied in order; renumber \(file) after \(latest)."
        case let .migrationFailed(file, message):
            return "Migration \(file) failed and was rolled back (nothing of it was applied): \(message)"
        }
    }

    public var errorDescription: String? { description }
}
