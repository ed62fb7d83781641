import ArgumentParser
import Foundation
import GraphQLEngine

/// `switchboard validate FILE...`: checks operation documents against the schema, for client
/// teams' CI. Prints each error as one JSON object per line and exits 1 when any document is
/// invalid.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate GraphQL operation documents against the schema.",
        discussion: """
        Each error is printed on its own line as a JSON object: {"file", "message", "locations"}. \
        The exit status is 0 when every document is valid, 1 when any is invalid, 2 when a file \
        cannot be read.
        """
    )

    @OptionGroup var schemaOptions: SchemaOptions

    @Argument(help: "Operation documents (.graphql files) to validate.")
    var files: [String]

    func run() throws {
        let schema = try schemaOptions.load()
        var invalid = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("Cannot read \(file)\n".utf8))
                throw ExitCode(2)
            }
            let source = Source(bytes: [UInt8](data), name: file)
            let errors: [GraphQLError]
            do {
                let document = try Parser.parse(source, options: ParseOptions(maxTokens: nil))
                errors = Validator.validate(document, schema: schema, source: source)
            } catch {
                errors = [error]
            }
            if !errors.isEmpty { invalid += 1 }
            for error in errors {
                var members = [JSONMember("file", .string(file))]
                if case .object(let rest) = error.jsonValue { members += rest }
                print(JSONValue.object(members).jsonText)
            }
        }
        if invalid > 0 { throw ExitCode(1) }
    }
}
