import API
import ArgumentParser
import CRM
import Storage

/// `switchboard user add`: creates a user from the command line (for the first admin).
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user.")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "Full name.") var name: String
        @Option(help: "E-mail, used to sign in.") var email: String
        @Option(help: "admin, supervisor, manager or operator.") var role: String
        @Option(help: "Department name (created when missing).") var department: String?
        @Option(help: "Password (at least 10 characters).") var password: String

        func run() async throws {
            guard let role = Role(rawValue: role.lowercased()) else {
                throw CommandFailure("Unknown role \"\(role)\": use admin, supervisor, manager or operator.")
            }
            let services = makeServices(try databaseOptions.openMigrated(), secrets: try databaseOptions.secretBox())
            var departmentID: Int64?
            if let department {
                if let existing = try await services.identity.department(name: department) {
                    departmentID = existing.id
                } else {
                    departmentID = try await services.identity.insertDepartment(name: department, headID: nil, createdBy: nil,
                                                                                at: services.auth.clock.now()).id
                }
            }
            do {
                let user = try await services.auth.createUser(name: name, email: email, password: password, role: role,
                                                              departmentID: departmentID, createdBy: nil)
                print("Created \(user.role.rawValue) \(user.name) <\(user.email)> (id \(GlobalID.encode("User", user.id))).")
            } catch let error as DomainError {
                throw CommandFailure(error.message)
            }
        }
    }
}

/// `switchboard token create`: issues an API token for an integration; the token alone is on
/// the last line, so scripts can capture it.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage API tokens.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token and print it (on the last line).")

        @OptionGroup var databaseOptions: DatabaseOptions
        @Option(help: "A name telling what the token is for.") var name: String
        @Option(help: "Comma-separated scopes: read, write, webhooks.") var scopes: String = "read"
        @Option(help: "E-mail of the user the token acts as (it sees what that user sees).") var actsAs: String?

        func run() async throws {
            var parsed: Set<TokenScope> = []
            for item in scopes.split(separator: ",") {
                guard let scope = TokenScope(rawValue: item.trimmingCharacters(in: .whitespaces).lowercased()) else {
                    throw CommandFailure("Unknown scope \"\(item)\": use read, write or webhooks.")
                }
                parsed.insert(scope)
            }
            let services = makeServices(try databaseOptions.openMigrated(), secrets: try databaseOptions.secretBox())
            var actsAsID: Int64?
            if let actsAs {
                guard let user = try await services.identity.user(email: actsAs.lowercased()) else {
                    throw CommandFailure("No user with the e-mail \(actsAs).")
                }
                actsAsID = user.id
            }
            do {
                let (token, apiToken) = try await services.auth.issueApiToken(name: name, scopes: parsed, actsAsUserID: actsAsID,
                                                                              expiresAt: nil, createdBy: nil)
                print("Created API token \"\(apiToken.name)\" with scopes \(scopes). It is shown only now:")
                print(token)
            } catch let error as DomainError {
                throw CommandFailure(error.message)
            }
        }
    }
}
