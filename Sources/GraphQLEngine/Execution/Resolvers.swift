/// The coerced argument values of a field, by name. Input objects are `.object`, enum values
/// `.string` with the value's name, `ID`s `.string`; absent arguments without default are absent.
public struct Arguments: Sendable {
    public let values: [JSONMember]

    public init(_ values: [JSONMember] = []) { self.values = values }

    public subscript(name: String) -> JSONValue? {
        for m in values where m.key == name { return m.value }
        return nil
    }

    /// Whether the argument was given (possibly as an explicit `null`).
    public func has(_ name: String) -> Bool { values.contains { $0.key == name } }

    public func int(_ name: String) -> Int? {
        if case .int(let i)? = self[name] { return i }
        return nil
    }

    public func string(_ name: String) -> String? {
        if case .string(let s)? = self[name] { return s }
        return nil
    }

    public func bool(_ name: String) -> Bool? {
        if case .bool(let b)? = self[name] { return b }
        return nil
    }

    public static let empty = Arguments()
}

/// What a resolver knows about the field it resolves. Made once per field and level, shared by
/// the calls for every parent.
public final class ResolveInfo: Sendable {
    public let fieldName: String
    /// The response key (alias or name).
    public let responseKey: String
    public let parentType: ObjectType
    public let returnType: GraphQLType
    /// The field nodes merged under this response key.
    public let fieldNodes: [FieldNode]
    public let schema: Schema
    public let operation: OperationDefinitionNode
    public let variables: [JSONMember]

    /// Whether the selection of this field may ask for the subfield `name` (at the first level,
    /// through inline fragments). Conservative: a named fragment spread answers true, since its
    /// definition is not at hand. Resolvers use it to skip work nobody asked for (a total count).
    public func mayRequest(_ name: String) -> Bool {
        func scan(_ selections: [SelectionNode]) -> Bool {
            selections.contains { selection in
                switch selection {
                case .field(let field): field.name.value == name
                case .inlineFragment(let fragment): scan(fragment.selectionSet.selections)
                case .fragmentSpread: true
                }
            }
        }
        return fieldNodes.contains { scan($0.selectionSet?.selections ?? []) }
    }

    init(fieldName: String, responseKey: String, parentType: ObjectType, returnType: GraphQLType, fieldNodes: [FieldNode],
         schema: Schema, operation: OperationDefinitionNode, variables: [JSONMember]) {
        self.fieldName = fieldName
        self.responseKey = responseKey
        self.parentType = parentType
        self.returnType = returnType
        self.fieldNodes = fieldNodes
        self.schema = schema
        self.operation = operation
        self.variables = variables
    }
}

/// One call of a field resolver for one parent value.
public struct FieldCall<Context: Sendable>: Sendable {
    public let source: any Sendable
    public let arguments: Arguments
    public let context: Context
    public let info: ResolveInfo
}

/// One call of a batch resolver for every parent value of a level of the response at once.
public struct BatchCall<Context: Sendable>: Sendable {
    /// The parent values, in order; the resolver returns one result per source.
    public let sources: [any Sendable]
    public let arguments: Arguments
    public let context: Context
    public let info: ResolveInfo
}

/// How a field gets its value. Prefer `.sync` when the value is at hand: it costs no task or
/// suspension. `.batch` resolves the field for all parents of a level in one call, which is how a
/// list of 100 deals with their clients costs one load of clients, not 100.
///
/// A resolver may return an `Error` as a value (e.g. one item of a batch): that position becomes
/// null with the error reported, like a thrown error.
public enum FieldResolver<Context: Sendable>: Sendable {
    /// A read of the parent value alone (a property), with no arguments or context to pass.
    case property(@Sendable (any Sendable) throws -> (any Sendable)?)
    /// A read of every parent of a level at once from their typed array (`[Source]`, made once
    /// per level): the cheapest kind, used by key-path bindings.
    case column(@Sendable (any Sendable) -> [RawValue])
    case sync(@Sendable (FieldCall<Context>) throws -> (any Sendable)?)
    case async(@Sendable (FieldCall<Context>) async throws -> (any Sendable)?)
    case batch(@Sendable (BatchCall<Context>) async throws -> [(any Sendable)?])
}

/// The source event stream of a subscription root field: events become the root value of each
/// execution of the subscription's selection set.
public typealias SubscriptionSource<Context: Sendable> = @Sendable (FieldCall<Context>) async throws -> any SubscriptionEvents

/// An error a resolver throws to choose the message and `extensions.code` the client sees.
public struct ResolverError: Error, Sendable {
    public let message: String
    public let extensions: [JSONMember]

    public init(_ message: String, code: String? = nil, extensions: [JSONMember] = []) {
        self.message = message
        self.extensions = (code.map { [JSONMember("code", .string($0))] } ?? []) + extensions
    }
}
