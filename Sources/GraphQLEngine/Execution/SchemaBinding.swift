/// A schema with resolvers bound to its fields: what the executor runs.
///
/// Build one from a ``Schema`` and a closure that binds every field of every object type, then
/// ask ``unboundFields`` / ``unknownBindings`` (or use ``ExecutableSchema/init(schema:strict:bind:)``
/// with `strict: true`, which refuses a schema with gaps):
///
/// ```swift
/// let executable = try ExecutableSchema<RequestContext>(schema: schema, strict: true) { b in
///     b.object("Query") { t in
///         t.field("hello") { _, _ in "world" }
///     }
/// }
/// ```
public final class ExecutableSchema<Context: Sendable>: Sendable {
    public let schema: Schema
    let resolvers: [ObjectIdentifier: FieldResolver<Context>]
    let subscriptions: [ObjectIdentifier: SubscriptionSource<Context>]
    let typeResolvers: [ObjectIdentifier: @Sendable (any Sendable) -> String?]
    let objectTypesBySwiftType: [ObjectIdentifier: ObjectType]
    /// Per object type, how to turn a level's parents into one typed array for column reads.
    let sourceColumns: [ObjectIdentifier: @Sendable ([any Sendable]) throws -> any Sendable]
    /// Object types whose sources are read by field name (``JSONValue`` objects or dictionaries).
    let mapTypes: Set<ObjectIdentifier>
    /// Fields of object types that have neither a resolver nor a default read, as `Type.field`.
    public let unboundFields: [String]
    /// Bindings that name a type or field the schema does not have.
    public let unknownBindings: [String]
    /// Whether `__schema` and `__type` answer; off hides the schema from clients.
    public let introspectionEnabled: Bool
    /// Depth, alias, field and cost limits checked before each operation executes.
    public let limits: ExecutionLimits
    /// Turns an unexpected error thrown by a resolver into what the client sees; by default a
    /// generic `INTERNAL_SERVER_ERROR` that reveals nothing.
    public let maskError: @Sendable (any Error) -> GraphQLError
    /// Executions of shared subscription events (``SharedSourceEvent``).
    let sharedResults = SharedWork<ExecutionResult>()

    /// Binds resolvers. With `strict`, throws when a field is unbound or a binding names nothing.
    public init(schema: Schema, strict: Bool = false, introspection: Bool = true, limits: ExecutionLimits = ExecutionLimits(),
                maskError: @escaping @Sendable (any Error) -> GraphQLError = ExecutableSchema.defaultMask,
                bind: (inout SchemaBindings<Context>) -> Void) throws(BindingError) {
        var bindings = SchemaBindings<Context>(schema: schema)
        bindIntrospection(&bindings)
        bind(&bindings)
        self.schema = schema
        self.resolvers = bindings.resolvers
        self.subscriptions = bindings.subscriptions
        self.typeResolvers = bindings.typeResolvers
        self.objectTypesBySwiftType = bindings.objectTypesBySwiftType
        self.sourceColumns = bindings.sourceColumns
        self.mapTypes = bindings.mapTypes
        self.introspectionEnabled = introspection
        self.limits = limits
        self.maskError = maskError
        var unbound: [String] = []
        for type in schema.types.elements {
            guard let object = type as? ObjectType, !object.name.hasPrefix("__") else { continue }
            if bindings.mapTypes.contains(ObjectIdentifier(object)) { continue }
            for field in object.fields.elements {
                let id = ObjectIdentifier(field)
                if bindings.resolvers[id] == nil && bindings.subscriptions[id] == nil {
                    unbound.append("\(object.name).\(field.name)")
                }
            }
        }
        self.unboundFields = unbound
        self.unknownBindings = bindings.unknown
        if strict && (!unbound.isEmpty || !bindings.unknown.isEmpty) {
            throw BindingError(unboundFields: unbound, unknownBindings: bindings.unknown)
        }
    }

    /// The validation rules for documents run against this schema: the spec's, plus the refusal
    /// of schema introspection when it is switched off.
    public var validationRules: [ValidationRuleFactory] {
        introspectionEnabled ? specifiedRules : specifiedRules + [{ NoSchemaIntrospectionCustomRule() }]
    }

    /// A client-safe error for an unexpected failure.
    public static var defaultMask: @Sendable (any Error) -> GraphQLError {
        { _ in GraphQLError("Unexpected error.", extensions: [JSONMember("code", "INTERNAL_SERVER_ERROR")]) }
    }

    /// The concrete object type of a value returned for an abstract type.
    func resolveObjectType(_ value: any Sendable, abstract: GraphQLNamedType) -> ObjectType? {
        if let resolver = typeResolvers[ObjectIdentifier(abstract)], let name = resolver(value),
           let object = schema.type(named: name) as? ObjectType {
            return object
        }
        if let typed = value as? GraphQLTyped, let object = schema.type(named: typed.graphQLTypeName) as? ObjectType {
            return object
        }
        if let object = objectTypesBySwiftType[ObjectIdentifier(type(of: value))] { return object }
        if case .object? = value as? JSONValue, let name = (value as? JSONValue)?["__typename"],
           case .string(let typeName) = name, let object = schema.type(named: typeName) as? ObjectType {
            return object
        }
        return nil
    }
}

/// A value that names its GraphQL object type, for values returned by interface and union fields.
public protocol GraphQLTyped {
    var graphQLTypeName: String { get }
}

/// A schema whose bindings have gaps, listed.
public struct BindingError: Error, Sendable, CustomStringConvertible {
    public let unboundFields: [String]
    public let unknownBindings: [String]

    public var description: String {
        var parts: [String] = []
        if !unboundFields.isEmpty { parts.append("Fields without a resolver: " + unboundFields.joined(separator: ", ")) }
        if !unknownBindings.isEmpty { parts.append("Bindings for nothing in the schema: " + unknownBindings.joined(separator: ", ")) }
        return parts.joined(separator: "\n")
    }
}

/// Collects resolvers while an ``ExecutableSchema`` is built.
public struct SchemaBindings<Context: Sendable> {
    public let schema: Schema
    var resolvers: [ObjectIdentifier: FieldResolver<Context>] = [:]
    var subscriptions: [ObjectIdentifier: SubscriptionSource<Context>] = [:]
    var typeResolvers: [ObjectIdentifier: @Sendable (any Sendable) -> String?] = [:]
    var objectTypesBySwiftType: [ObjectIdentifier: ObjectType] = [:]
    var sourceColumns: [ObjectIdentifier: @Sendable ([any Sendable]) throws -> any Sendable] = [:]
    var mapTypes: Set<ObjectIdentifier> = []
    var ambiguousSwiftTypes: Set<ObjectIdentifier> = []
    var unknown: [String] = []

    init(schema: Schema) { self.schema = schema }

    /// Binds the fields of object type `name` whose sources are `Source` values.
    public mutating func object<Source: Sendable>(_ name: String, as sourceType: Source.Type = Source.self,
                                                 _ bind: (inout ObjectBindings<Source, Context>) -> Void) {
        guard let type = schema.type(named: name) as? ObjectType else {
            unknown.append(name)
            return
        }
        // A Swift type bound to one object type tells the object type of its values; bound to
        // several, it cannot (its values must then be `GraphQLTyped` or have a type resolver).
        let swiftType = ObjectIdentifier(sourceType)
        if ambiguousSwiftTypes.contains(swiftType) {
        } else if let existing = objectTypesBySwiftType[swiftType], existing !== type {
            objectTypesBySwiftType[swiftType] = nil
            ambiguousSwiftTypes.insert(swiftType)
        } else {
            objectTypesBySwiftType[swiftType] = type
        }
        var bindings = ObjectBindings<Source, Context>(type: type)
        bind(&bindings)
        if bindings.resolvers.contains(where: { if case .column = $0.1 { true } else { false } }) {
            sourceColumns[ObjectIdentifier(type)] = { sources in
                var typed: [Source] = []
                typed.reserveCapacity(sources.count)
                for source in sources {
                    guard let value = source as? Source else { throw SourceTypeMismatch(expected: Source.self, got: source) }
                    typed.append(value)
                }
                return typed
            }
        }
        for (field, resolver) in bindings.resolvers { resolvers[ObjectIdentifier(field)] = resolver }
        for (field, source) in bindings.subscriptions { subscriptions[ObjectIdentifier(field)] = source }
        unknown += bindings.unknown.map { "\(name).\($0)" }
    }

    /// Declares that the sources of object type `name` are ``JSONValue`` objects or
    /// `[String: any Sendable]` dictionaries whose fields are read by name (a default read).
    public mutating func mapObject(_ name: String) {
        guard let type = schema.type(named: name) as? ObjectType else {
            unknown.append(name)
            return
        }
        mapTypes.insert(ObjectIdentifier(type))
    }

    /// Gives the custom scalar `name` its coercion (parsing literals and variables, serialising
    /// results). Done while binding, before the schema serves requests.
    public mutating func scalar(_ name: String, _ coercion: ScalarCoercion) {
        guard let scalar = schema.type(named: name) as? ScalarType, !scalar.isBuiltIn else {
            unknown.append(name)
            return
        }
        scalar.coercion = coercion
    }

    /// How to tell the object type of a value returned for interface or union `name`, when the
    /// value's Swift type is not bound to one object type.
    public mutating func resolveType(_ name: String, _ resolve: @escaping @Sendable (any Sendable) -> String?) {
        guard let type = schema.type(named: name), type.isAbstract else {
            unknown.append(name)
            return
        }
        typeResolvers[ObjectIdentifier(type)] = resolve
    }
}

/// Collects the resolvers of one object type, typed by its source.
public struct ObjectBindings<Source: Sendable, Context: Sendable> {
    public let type: ObjectType
    @usableFromInline var resolvers: [(GraphQLField, FieldResolver<Context>)] = []
    @usableFromInline var subscriptions: [(GraphQLField, SubscriptionSource<Context>)] = []
    @usableFromInline var unknown: [String] = []

    init(type: ObjectType) { self.type = type }

    @usableFromInline mutating func add(_ name: String, _ resolver: FieldResolver<Context>) {
        guard let field = type.fields[name] else {
            unknown.append(name)
            return
        }
        resolvers.append((field, resolver))
    }

    /// A synchronous resolver: the cheapest kind, for values at hand.
    @inlinable public mutating func field(_ name: String,
                               _ resolve: @escaping @Sendable (Source, FieldCall<Context>) throws -> (any Sendable)?) {
        add(name, .sync { call in
            guard let source = call.source as? Source else { throw SourceTypeMismatch(expected: Source.self, got: call.source) }
            return try resolve(source, call)
        })
    }

    /// A property read through a key path: read for all parents of a level at once, and
    /// written straight to the response when its Swift type matches a built-in scalar field.
    @inlinable public mutating func field<Value: Sendable>(_ name: String, _ keyPath: KeyPath<Source, Value> & Sendable) {
        let leaf = type.fields[name].map { DirectLeaf($0.type) } ?? .none
        add(name, .column { boxed in
            guard let sources = boxed as? [Source] else { return [] }
            return sources.map { leaf.raw($0[keyPath: keyPath]) }
        })
    }

    /// An optional property read through a key path.
    @inlinable public mutating func field<Value: Sendable>(_ name: String, _ keyPath: KeyPath<Source, Value?> & Sendable) {
        let leaf = type.fields[name].map { DirectLeaf($0.type) } ?? .none
        add(name, .column { boxed in
            guard let sources = boxed as? [Source] else { return [] }
            return sources.map { source in
                guard let value = source[keyPath: keyPath] else { return .null }
                return leaf.raw(value)
            }
        })
    }

    /// An asynchronous resolver, for one parent at a time.
    @inlinable public mutating func asyncField(_ name: String,
                                    _ resolve: @escaping @Sendable (Source, FieldCall<Context>) async throws -> (any Sendable)?) {
        add(name, .async { call in
            guard let source = call.source as? Source else { throw SourceTypeMismatch(expected: Source.self, got: call.source) }
            return try await resolve(source, call)
        })
    }

    /// A batch resolver: called once per level with every parent; returns one value per parent.
    @inlinable public mutating func batchField(_ name: String,
                                    _ resolve: @escaping @Sendable ([Source], BatchCall<Context>) async throws -> [(any Sendable)?]) {
        add(name, .batch { call in
            var sources: [Source] = []
            sources.reserveCapacity(call.sources.count)
            for s in call.sources {
                guard let typed = s as? Source else { throw SourceTypeMismatch(expected: Source.self, got: s) }
                sources.append(typed)
            }
            return try await resolve(sources, call)
        })
    }

    /// The source event stream of a subscription root field.
    @inlinable public mutating func subscription(_ name: String, _ subscribe: @escaping SubscriptionSource<Context>) {
        guard let field = type.fields[name] else {
            unknown.append(name)
            return
        }
        subscriptions.append((field, subscribe))
    }
}

/// A resolver received a parent value of another Swift type than its binding declares.
@usableFromInline
struct SourceTypeMismatch: Error, CustomStringConvertible {
    let expected: Any.Type
    let got: any Sendable

    @usableFromInline init(expected: Any.Type, got: any Sendable) {
        self.expected = expected
        self.got = got
    }

    @usableFromInline var description: String { "expected a source of type \(expected), got \(type(of: got))" }
}

/// For a field whose type is a built-in scalar, writes a value of the matching Swift type
/// directly as a result, with the scalar's own rules (an Int must fit in 32 bits, a Float be
/// finite); anything else is left to the scalar's serialisation, which reports errors.
@usableFromInline
enum DirectLeaf: Sendable {
    case none, string, id, int, float, boolean

    @usableFromInline init(_ type: GraphQLType) {
        switch type.namedType.name {
        case "String": self = .string
        case "ID": self = .id
        case "Int": self = .int
        case "Float": self = .float
        case "Boolean": self = .boolean
        default: self = .none
        }
    }

    @inlinable @inline(__always)
    func raw<Value: Sendable>(_ value: Value) -> RawValue {
        switch self {
        case .string, .id:
            if let s = value as? String { return .completed(.string(s)) }
            if self == .id, let i = value as? Int { return .completed(.string(String(i))) }
        case .int:
            if let i = value as? Int, Int32(exactly: i) != nil { return .completed(.int(i)) }
        case .float:
            if let d = value as? Double, d.isFinite { return .completed(.double(d)) }
            if let i = value as? Int { return .completed(.double(Double(i))) }
        case .boolean:
            if let b = value as? Bool { return .completed(.bool(b)) }
        case .none:
            break
        }
        return .value(value)
    }
}
