import ArgumentParser
import GraphQLEngine

/// `switchboard schema print`: the schema as canonical SDL.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with the GraphQL schema.",
        subcommands: [Print.self]
    )

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the schema as canonical SDL.")

        @OptionGroup var schemaOptions: SchemaOptions

        func run() throws {
            print(try schemaOptions.load().printed())
        }
    }
}
