import API
import ArgumentParser
import GraphQLEngine

/// `switchboard schema print`: the schema as canonical SDL.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Work with the GraphQL schema.",
        subcommands: [Print.self, Introspect.self, Unimplemented.self]
    )

    struct Print: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the schema as canonical SDL.")

        @OptionGroup var schemaOptions: SchemaOptions

        func run() throws {
            print(try schemaOptions.load().printed())
        }
    }

    struct Introspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the result of the standard introspection query (as GraphiQL sends it) as JSON.")

        @OptionGroup var schemaOptions: SchemaOptions

        func run() async throws {
            let schema = try schemaOptions.load()
            let executable = try ExecutableSchema<Void>(schema: schema) { _ in }
            let source = Source(IntrospectionQuery.full)
            let document = try Parser.parse(source)
            let result = await executable.execute(document, source: source, context: ())
            print(String(decoding: result.jsonBytes(), as: UTF8.self))
            if !result.errors.isEmpty { throw ExitCode(1) }
        }
    }

    struct Unimplemented: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the schema's fields that have no resolver yet (they answer NOT_IMPLEMENTED).")

        @OptionGroup var schemaOptions: SchemaOptions

        func run() throws {
            let executable = try SwitchboardAPI.executableSchema(try schemaOptions.load())
            for field in executable.unboundFields { print(field) }
        }
    }
}
