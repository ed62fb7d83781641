import ArgumentParser

/// The `switchboard` command: the CRM server and its tools.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Switchboard: a CRM server with a GraphQL API.",
        subcommands: [ServeCommand.self, MigrateCommand.self, SeedCommand.self, UserCommand.self, TokenCommand.self,
                      SchemaCommand.self, ValidateCommand.self]
    )
}
