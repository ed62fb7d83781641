// The type system of a built schema (spec §3). Named types are classes because they refer to
// one another in cycles; they are filled in while a schema is built and never change afterwards,
// which is what makes them safe to share across tasks.

/// The kind of a type, as `__TypeKind` names it.
public enum TypeKind: String, Sendable {
    case scalar = "SCALAR", object = "OBJECT", interface = "INTERFACE", union = "UNION", enumType = "ENUM",
         inputObject = "INPUT_OBJECT", list = "LIST", nonNull = "NON_NULL"
}

/// A named type of any kind. Compared by identity: a schema holds one instance per name.
public class GraphQLNamedType: Hashable, @unchecked Sendable {
    public let name: String
    public let kind: TypeKind
    public internal(set) var description: String?
    /// Where the type's definition stands in the SDL, for schema errors.
    public internal(set) var loc: SDLLocation?
    /// Directives applied to the definition and its extensions.
    public internal(set) var appliedDirectives: [DirectiveNode] = []

    init(name: String, kind: TypeKind, description: String?, loc: SDLLocation?) {
        self.name = name
        self.kind = kind
        self.description = description
        self.loc = loc
    }

    public static func == (a: GraphQLNamedType, b: GraphQLNamedType) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Scalars and enums: leaves of a selection.
    public var isLeaf: Bool { kind == .scalar || kind == .enumType }
    /// Objects, interfaces and unions: types with selection sets.
    public var isComposite: Bool { kind == .object || kind == .interface || kind == .union }
    /// Interfaces and unions.
    public var isAbstract: Bool { kind == .interface || kind == .union }
    /// Types allowed for arguments, variables and input fields.
    public var isInputType: Bool { kind == .scalar || kind == .enumType || kind == .inputObject }
    /// Types allowed for fields.
    public var isOutputType: Bool { kind != .inputObject }

    /// The fields of an object or interface type; empty for other kinds.
    public var fieldList: [GraphQLField] {
        (self as? FieldsContainer)?.fields.elements ?? []
    }

    /// The field named `name` of an object or interface type.
    public func field(_ name: String) -> GraphQLField? {
        (self as? FieldsContainer)?.fields[name]
    }
}

/// An ordered collection of named elements with lookup by name.
public struct NamedList<Element>: Sendable where Element: Sendable {
    public private(set) var elements: [Element]
    private var index: [String: Int]

    public init() {
        elements = []
        index = [:]
    }

    public subscript(name: String) -> Element? {
        guard let i = index[name] else { return nil }
        return elements[i]
    }

    public var isEmpty: Bool { elements.isEmpty }
    public var count: Int { elements.count }

    /// Appends an element; returns false (and stores nothing) when the name is taken.
    @discardableResult
    mutating func append(_ element: Element, name: String) -> Bool {
        if index[name] != nil { return false }
        index[name] = elements.count
        elements.append(element)
        return true
    }
}

/// An object or interface type: a type with fields.
public class FieldsContainer: GraphQLNamedType, @unchecked Sendable {
    public internal(set) var fields = NamedList<GraphQLField>()
    public internal(set) var interfaces: [InterfaceType] = []
}

/// A custom or built-in scalar with its literal and value coercion.
public final class ScalarType: GraphQLNamedType, @unchecked Sendable {
    public internal(set) var specifiedByURL: String?
    /// How literals and variable values of this scalar are checked and converted.
    public internal(set) var coercion: ScalarCoercion

    init(name: String, description: String?, loc: SDLLocation? = nil, coercion: ScalarCoercion) {
        self.coercion = coercion
        super.init(name: name, kind: .scalar, description: description, loc: loc)
    }

    /// Whether this is one of the spec's five scalars.
    public var isBuiltIn: Bool { BuiltInScalars.names.contains(name) }
}

/// An object type.
public final class ObjectType: FieldsContainer, @unchecked Sendable {
    init(name: String, description: String?, loc: SDLLocation?) {
        super.init(name: name, kind: .object, description: description, loc: loc)
    }
}

/// An interface type.
public final class InterfaceType: FieldsContainer, @unchecked Sendable {
    init(name: String, description: String?, loc: SDLLocation?) {
        super.init(name: name, kind: .interface, description: description, loc: loc)
    }
}

/// A union of object types.
public final class UnionType: GraphQLNamedType, @unchecked Sendable {
    public internal(set) var types: [ObjectType] = []

    init(name: String, description: String?, loc: SDLLocation?) {
        super.init(name: name, kind: .union, description: description, loc: loc)
    }
}

/// An enum type and its values.
public final class EnumType: GraphQLNamedType, @unchecked Sendable {
    public internal(set) var values = NamedList<GraphQLEnumValue>()

    init(name: String, description: String?, loc: SDLLocation?) {
        super.init(name: name, kind: .enumType, description: description, loc: loc)
    }
}

/// An input object type; `isOneOf` when marked `@oneOf` (exactly one field must be given).
public final class InputObjectType: GraphQLNamedType, @unchecked Sendable {
    public internal(set) var fields = NamedList<GraphQLInputValue>()
    public internal(set) var isOneOf = false

    init(name: String, description: String?, loc: SDLLocation?) {
        super.init(name: name, kind: .inputObject, description: description, loc: loc)
    }
}

/// A reference to a type with its list and non-null wrappers.
public enum GraphQLType: Hashable, Sendable, CustomStringConvertible {
    case named(GraphQLNamedType)
    indirect case list(GraphQLType)
    indirect case nonNull(GraphQLType)

    /// The named type under all wrappers.
    public var namedType: GraphQLNamedType {
        switch self {
        case .named(let t): t
        case .list(let t), .nonNull(let t): t.namedType
        }
    }

    /// The type without its outer non-null wrapper.
    public var nullable: GraphQLType {
        if case .nonNull(let t) = self { return t }
        return self
    }

    public var isNonNull: Bool {
        if case .nonNull = self { return true }
        return false
    }

    /// Whether the type (without its non-null wrapper) is a list.
    public var isList: Bool {
        if case .list = nullable { return true }
        return false
    }

    public var isInputType: Bool { namedType.isInputType }
    public var isOutputType: Bool { namedType.isOutputType }

    /// The type as written in GraphQL: `[String!]!`.
    public var description: String {
        switch self {
        case .named(let t): t.name
        case .list(let t): "[\(t.description)]"
        case .nonNull(let t): "\(t.description)!"
        }
    }
}

/// A field of an object or interface type.
public final class GraphQLField: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var type: GraphQLType
    public internal(set) var arguments = NamedList<GraphQLInputValue>()
    public internal(set) var deprecationReason: String?
    public internal(set) var loc: SDLLocation?
    public internal(set) var appliedDirectives: [DirectiveNode] = []

    init(name: String, description: String?, type: GraphQLType, loc: SDLLocation?) {
        self.name = name
        self.description = description
        self.type = type
        self.loc = loc
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}

/// An argument of a field or directive, or a field of an input object.
public final class GraphQLInputValue: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var type: GraphQLType
    /// The default as written in the SDL (a constant literal), or nil when there is none.
    public internal(set) var defaultValue: ValueNode?
    public internal(set) var deprecationReason: String?
    public internal(set) var loc: SDLLocation?
    public internal(set) var appliedDirectives: [DirectiveNode] = []

    init(name: String, description: String?, type: GraphQLType, defaultValue: ValueNode?, loc: SDLLocation?) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.loc = loc
    }

    public var isDeprecated: Bool { deprecationReason != nil }
    /// Non-null and without a default: must be given.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

/// One value of an enum type.
public final class GraphQLEnumValue: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var deprecationReason: String?
    public internal(set) var loc: SDLLocation?
    public internal(set) var appliedDirectives: [DirectiveNode] = []

    init(name: String, description: String?, loc: SDLLocation?) {
        self.name = name
        self.description = description
        self.loc = loc
    }

    public var isDeprecated: Bool { deprecationReason != nil }
}

/// A directive the schema knows: built-in or defined in SDL.
public final class GraphQLDirective: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var arguments = NamedList<GraphQLInputValue>()
    public internal(set) var locations: [DirectiveLocation]
    public internal(set) var isRepeatable: Bool
    public internal(set) var loc: SDLLocation?

    init(name: String, description: String?, locations: [DirectiveLocation], isRepeatable: Bool, loc: SDLLocation?) {
        self.name = name
        self.description = description
        self.locations = locations
        self.isRepeatable = isRepeatable
        self.loc = loc
    }

    /// Whether this is `@skip`, `@include`, `@deprecated`, `@specifiedBy` or `@oneOf`.
    public var isBuiltIn: Bool { ["skip", "include", "deprecated", "specifiedBy", "oneOf"].contains(name) }
}

/// Where a schema element is defined: its source and byte range, for errors about the SDL.
public struct SDLLocation: Sendable {
    public let source: Source
    public let loc: Location

    public init(source: Source, loc: Location) {
        self.source = source
        self.loc = loc
    }

    /// The 1-based line and column of the element's start.
    public var sourceLocation: SourceLocation { source.location(of: loc.start) }
}

extension GraphQLError {
    /// An error about schema elements, located in their SDL.
    init(_ message: String, sdl: [SDLLocation?]) {
        let located = sdl.compactMap { $0 }
        self.init(message, locations: located.map(\.sourceLocation), positions: located.map(\.loc.start))
    }
}
