// Our engine's side of each case. This file imports only GraphQLEngine: both engines export
// `Source`, `GraphQLError` and `specifiedRules`, so each engine lives in its own file.
import GraphQLEngine

enum Ours {
    static let name = "GraphQLEngine (ours)"

    /// How many rules `Validator.validate` runs by default.
    static var specifiedRuleCount: Int { specifiedRules.count }

    /// Parses `text` from a `String` to a document on every call: the work a request costs.
    /// `sdl` lifts the token limit that guards requests (`ParseOptions.schema`), as the server
    /// does for its own schema.
    static func parse(_ text: String, sdl: Bool) throws -> Operation {
        let options: ParseOptions = sdl ? .schema : .init()
        let check = try Parser.parse(text, options: options)
        guard !check.definitions.isEmpty else { throw BenchError("ours: parsed no definitions") }
        return { try Parser.parse(text, options: options).definitions.count }
    }

    /// Validates an already parsed `query` against the schema built from `sdl`, with the
    /// specified rules; throws when the query is not valid.
    static func validate(sdl: String, query: String) throws -> Operation {
        let schema: Schema
        do { schema = try Schema.build(sdl: sdl) } catch { throw BenchError("ours: schema: \(error)") }
        let source = Source(query, name: "query")
        let document = try Parser.parse(source)
        let errors = Validator.validate(document, schema: schema, source: source)
        guard errors.isEmpty else {
            throw BenchError("ours: the query is invalid:\n" + errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        return { Validator.validate(document, schema: schema, source: source).count }
    }
}
