import ArgumentParser
import Foundation
import GraphQLEngine

/// Where the schema SDL is read from: `--schema`, else `$SWITCHBOARD_SCHEMA`, else
/// `schema.graphql` in the working directory, else the one beside the package's sources.
struct SchemaOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the schema SDL (default: $SWITCHBOARD_SCHEMA or ./schema.graphql).")
    var schema: String?

    func resolvedPath() -> String {
        if let schema { return schema }
        if let env = ProcessInfo.processInfo.environment["SWITCHBOARD_SCHEMA"], !env.isEmpty { return env }
        if FileManager.default.fileExists(atPath: "schema.graphql") { return "schema.graphql" }
        return PackageLocation.root.appendingPathComponent("schema.graphql").path
    }

    /// Reads and builds the schema, or fails with the schema's errors.
    func load() throws -> Schema {
        let path = resolvedPath()
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CommandFailure("Cannot read the schema at \(path).")
        }
        do {
            return try Schema.build(sdl: text, name: path)
        } catch {
            throw CommandFailure("The schema at \(path) is invalid:\n\(error)")
        }
    }
}

/// A failure to report on standard error without the usage text.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
