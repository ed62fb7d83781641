import ArgumentParser

/// The `switchboard` command: the CRM server and its tools.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Switchboard: a CRM server with a GraphQL API.",
        subcommands: [SchemaCommand.self, ValidateCommand.self]
    )
}
