// The peer's side of each case: GraphQLSwift (https://github.com/GraphQLSwift/GraphQL) 4.3.0.
// This file imports only GraphQL. Its free functions `parse` and `validate` are called through
// the wrappers below, never from inside a type with methods of the same name.
import GraphQL

private func peerParse(_ text: String) throws -> Document { try parse(source: text) }

private func peerValidate(_ schema: GraphQLSchema, _ document: Document) -> [GraphQLError] {
    validate(schema: schema, ast: document)
}

private func peerBuildSchema(_ sdl: String) throws -> GraphQLSchema { try buildSchema(source: sdl) }

private func describe(_ error: any Error) -> String {
    if let e = error as? GraphQLError {
        let at = e.locations.map { "\($0.line):\($0.column)" }.joined(separator: ", ")
        return at.isEmpty ? e.message : "\(e.message) (\(at))"
    }
    return String(describing: error)
}

enum Peer {
    static let name = "GraphQLSwift 4.3.0 (peer)"

    /// How many rules the peer's `validate` runs by default.
    static var specifiedRuleCount: Int { specifiedRules.count }

    /// Parses `text` from a `String` to a document on every call. The peer has no token limit.
    static func parse(_ text: String) throws -> Operation {
        let check: Document
        do { check = try peerParse(text) } catch { throw BenchError("peer: parse failed: \(describe(error))") }
        guard !check.definitions.isEmpty else { throw BenchError("peer: parsed no definitions") }
        return { try peerParse(text).definitions.count }
    }

    /// Validates an already parsed `query` against the schema the peer builds from the same SDL
    /// (`buildSchema(source:)`), with the peer's specified rules; throws when it is not valid.
    static func validate(sdl: String, query: String) throws -> Operation {
        let schema: GraphQLSchema
        do { schema = try peerBuildSchema(sdl) } catch { throw BenchError("peer: schema: \(describe(error))") }
        let document: Document
        do { document = try peerParse(query) } catch { throw BenchError("peer: parse failed: \(describe(error))") }
        let errors = peerValidate(schema, document)
        guard errors.isEmpty else {
            throw BenchError("peer: the query is invalid:\n" + errors.map { "  \(describe($0))" }.joined(separator: "\n"))
        }
        return { peerValidate(schema, document).count }
    }
}
