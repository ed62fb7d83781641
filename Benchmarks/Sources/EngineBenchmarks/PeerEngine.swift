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
        return sync { try peerParse(text).definitions.count }
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
        return sync { peerValidate(schema, document).count }
    }
}

// MARK: - Execution

private func peerExecute(_ schema: GraphQLSchema, _ document: Document) async throws -> GraphQLResult {
    try await execute(schema: schema, documentAST: document, rootValue: (), context: ())
}

private struct SourceMismatch: Error, CustomStringConvertible {
    let description: String
}

/// The source of a resolver call as the record type it must be.
@inline(__always)
private func record<T>(_ source: any Sendable, _ type: T.Type) throws -> T {
    guard let value = source as? T else { throw SourceMismatch(description: "expected \(T.self), got \(Swift.type(of: source))") }
    return value
}

extension Peer {
    /// The peer's schema of cases (a) and (c): built from the same `executionSDL` with
    /// `buildSchema(source:)`, then a resolver closure attached to every field of every object
    /// type. GraphQLSwift has no binding API for an SDL-built schema, but `GraphQLObjectType.fields`
    /// is settable: each type's field map is read once, `resolve` set on each `GraphQLField`, and
    /// the map put back. No DataLoader: plain closures, one call per parent, which is how the
    /// peer resolves by default.
    static func executionSchema(_ data: BenchData) throws -> GraphQLSchema {
        let schema: GraphQLSchema
        do { schema = try peerBuildSchema(executionSDL) } catch { throw BenchError("peer: schema: \(describe(error))") }
        let resolvers: [String: [String: GraphQLFieldResolve]] = [
            "Query": [
                "deals": { _, args, _, _ in Array(data.deals.prefix(args["first"].int ?? 100)) },
                "items": { _, args, _, _ in Array(data.items.prefix(args["first"].int ?? 1000)) },
            ],
            "Deal": [
                "id": { s, _, _, _ in try record(s, DealRecord.self).id },
                "title": { s, _, _, _ in try record(s, DealRecord.self).title },
                "amount": { s, _, _, _ in try record(s, DealRecord.self).amount },
                "stage": { s, _, _, _ in try record(s, DealRecord.self).stage },
                "client": { s, _, _, _ in try record(s, DealRecord.self).clientID.flatMap { data.clientsByID[$0] } },
                "tasks": { s, args, _, _ in
                    let deal = try record(s, DealRecord.self)
                    return Array((data.tasksByDeal[deal.id] ?? []).prefix(args["first"].int ?? Int.max))
                },
            ],
            "Client": [
                "id": { s, _, _, _ in try record(s, ClientRecord.self).id },
                "name": { s, _, _, _ in try record(s, ClientRecord.self).name },
                "inn": { s, _, _, _ in try record(s, ClientRecord.self).inn },
            ],
            "Task": [
                "id": { s, _, _, _ in try record(s, TaskRecord.self).id },
                "title": { s, _, _, _ in try record(s, TaskRecord.self).title },
                "dueAt": { s, _, _, _ in try record(s, TaskRecord.self).dueAt },
                "done": { s, _, _, _ in try record(s, TaskRecord.self).done },
            ],
            "Item": [
                "id": { s, _, _, _ in try record(s, ItemRecord.self).id },
                "name": { s, _, _, _ in try record(s, ItemRecord.self).name },
                "price": { s, _, _, _ in try record(s, ItemRecord.self).price },
                "quantity": { s, _, _, _ in try record(s, ItemRecord.self).quantity },
                "active": { s, _, _, _ in try record(s, ItemRecord.self).active },
            ],
        ]
        for (typeName, fieldResolvers) in resolvers {
            guard let type = schema.getType(name: typeName) as? GraphQLObjectType else {
                throw BenchError("peer: no object type \(typeName)")
            }
            let fields: GraphQLFieldMap
            do { fields = try type.fields() } catch { throw BenchError("peer: fields of \(typeName): \(describe(error))") }
            for (name, field) in fields {
                guard let resolve = fieldResolvers[name] else { throw BenchError("peer: no resolver for \(typeName).\(name)") }
                field.resolve = resolve
            }
            for name in fieldResolvers.keys where fields[name] == nil {
                throw BenchError("peer: resolver for \(typeName).\(name), which the schema does not have")
            }
            type.fields = { fields }
        }
        return schema
    }

    /// The peer's schema of case (b): `schema.graphql` built by `buildSchema(source:)`.
    static func introspectionSchema(sdl: String) throws -> GraphQLSchema {
        do { return try peerBuildSchema(sdl) } catch { throw BenchError("peer: schema: \(describe(error))") }
    }

    /// Builds the schema of `input` and prepares its execution (see `execute(_:query:)`).
    static func prepareExecution(_ input: ExecutionInput) async throws -> (response: [UInt8], op: Operation) {
        switch input {
        case .deals: try await execute(executionSchema(.shared), query: dealsQuery)
        case .items: try await execute(executionSchema(.shared), query: itemsQuery)
        case .introspection(let sdl, let query): try await execute(introspectionSchema(sdl: sdl), query: query)
        }
    }

    /// Parses and validates `query` once, then returns the response JSON of one execution (for
    /// the check) and the timed operation: `execute`, then the whole `GraphQLResult` encoded by
    /// the peer's own `GraphQLJSONEncoder` (which keeps the response's member order).
    static func execute(_ schema: GraphQLSchema, query: String) async throws -> (response: [UInt8], op: Operation) {
        let document: Document
        do { document = try peerParse(query) } catch { throw BenchError("peer: parse failed: \(describe(error))") }
        let errors = peerValidate(schema, document)
        guard errors.isEmpty else {
            throw BenchError("peer: the query is invalid:\n" + errors.map { "  \(describe($0))" }.joined(separator: "\n"))
        }
        let first: GraphQLResult
        do { first = try await peerExecute(schema, document) } catch { throw BenchError("peer: execute: \(describe(error))") }
        let response = [UInt8](try GraphQLJSONEncoder().encode(first))
        return (response, {
            let result = try await peerExecute(schema, document)
            return try GraphQLJSONEncoder().encode(result).count &+ result.errors.count
        })
    }
}
