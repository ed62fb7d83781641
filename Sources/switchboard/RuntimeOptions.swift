import API
import ArgumentParser
import CRM
import Foundation
import Integrations
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

    @Option(name: .long, help: "File of the key that seals stored secrets, created when missing (default: $SWITCHBOARD_SECRETS_KEY_FILE or the database path + .key).")
    var secretsKeyFile: String?

    /// The box that seals channel and PBX credentials. Its 32-byte key comes from
    /// `$SWITCHBOARD_SECRETS_KEY` (64 hex digits) or a key file beside the database, created with
    /// a random key (mode 0600) on first use.
    func secretBox() throws -> SecretBox {
        let env = ProcessInfo.processInfo.environment
        if let hex = env["SWITCHBOARD_SECRETS_KEY"], !hex.isEmpty {
            guard let key = Encoding.fromHex(hex), key.count == 32 else {
                throw CommandFailure("SWITCHBOARD_SECRETS_KEY must be 64 hex digits (32 bytes).")
            }
            return try SecretBox(key: key)
        }
        let path = secretsKeyFile ?? env["SWITCHBOARD_SECRETS_KEY_FILE"].flatMap { $0.isEmpty ? nil : $0 } ?? databasePath + ".key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let key = Encoding.fromHex(text.trimmingCharacters(in: .whitespacesAndNewlines)), key.count == 32 else {
                throw CommandFailure("The secrets key file \(path) does not hold 64 hex digits.")
            }
            return try SecretBox(key: key)
        }
        let key = SecretBox.newKey()
        guard FileManager.default.createFile(atPath: path, contents: Data((Encoding.hex(key) + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure("Cannot create the secrets key file \(path).")
        }
        return try SecretBox(key: key)
    }
}

/// The repository's root, found from this file's path (for running from a checkout).
enum PackageLocation {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

/// The domain services over a database.
func makeServices(_ database: Database, secrets: SecretBox, publicURL: String = "http://localhost:8080",
                  maximumFileSize: Int = 25 << 20) -> Services {
    Services(stores: .sqlite(database), secrets: secrets, publicURL: publicURL, maximumFileSize: maximumFileSize, pbx: PBXAPI())
}
