// Type-system nodes: the SDL of schemas, types and directives, and their `extend` forms.
// An extension uses the same node as the definition it extends (its description is always nil),
// wrapped in `TypeSystemExtensionNode`, so schema building reads both the same way.

/// A schema, type or directive definition.
public enum TypeSystemDefinitionNode: Hashable, Sendable {
    case schema(SchemaDefinitionNode)
    case type(TypeDefinitionNode)
    case directive(DirectiveDefinitionNode)

    public var loc: Location {
        switch self {
        case .schema(let n): n.loc
        case .type(let n): n.loc
        case .directive(let n): n.loc
        }
    }
}

/// `extend schema ...` or `extend <type> ...`.
public enum TypeSystemExtensionNode: Hashable, Sendable {
    case schema(SchemaDefinitionNode)
    case type(TypeDefinitionNode)

    public var loc: Location {
        switch self {
        case .schema(let n): n.loc
        case .type(let n): n.loc
        }
    }
}

/// `schema @directives { query: Query ... }`
public struct SchemaDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var directives: [DirectiveNode]
    public var operationTypes: [OperationTypeDefinitionNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, directives: [DirectiveNode] = [],
                operationTypes: [OperationTypeDefinitionNode] = [], loc: Location = .none) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

/// `query: Query` inside a schema definition.
public struct OperationTypeDefinitionNode: Hashable, Sendable {
    public var operation: OperationType
    public var type: NamedTypeNode
    public var loc: Location

    public init(operation: OperationType, type: NamedTypeNode, loc: Location = .none) {
        self.operation = operation
        self.type = type
        self.loc = loc
    }
}

/// The kinds of named type a definition declares.
public enum TypeDefinitionKind: String, Hashable, Sendable {
    case scalar, object = "type", interface, union, enumType = "enum", inputObject = "input"
}

/// A named type definition or extension of any kind. Only the members of its kind are used:
/// `interfaces` and `fields` for objects and interfaces, `types` for unions, `values` for enums,
/// `inputFields` for input objects.
public struct TypeDefinitionNode: Hashable, Sendable {
    public var kind: TypeDefinitionKind
    public var description: StringValueNode?
    public var name: NameNode
    public var interfaces: [NamedTypeNode]
    public var directives: [DirectiveNode]
    public var fields: [FieldDefinitionNode]
    public var types: [NamedTypeNode]
    public var values: [EnumValueDefinitionNode]
    public var inputFields: [InputValueDefinitionNode]
    public var loc: Location

    public init(kind: TypeDefinitionKind, description: StringValueNode? = nil, name: NameNode,
                interfaces: [NamedTypeNode] = [], directives: [DirectiveNode] = [],
                fields: [FieldDefinitionNode] = [], types: [NamedTypeNode] = [],
                values: [EnumValueDefinitionNode] = [], inputFields: [InputValueDefinitionNode] = [],
                loc: Location = .none) {
        self.kind = kind
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.types = types
        self.values = values
        self.inputFields = inputFields
        self.loc = loc
    }
}

/// `description name(args): Type @directives` in an object or interface.
public struct FieldDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    public var type: TypeNode
    public var directives: [DirectiveNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                type: TypeNode, directives: [DirectiveNode] = [], loc: Location = .none) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.loc = loc
    }
}

/// An argument definition or an input object field: `description name: Type = default @directives`.
public struct InputValueDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var name: NameNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, name: NameNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = [], loc: Location = .none) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// One value of an enum definition.
public struct EnumValueDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, name: NameNode, directives: [DirectiveNode] = [],
                loc: Location = .none) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `directive @name(args) repeatable on LOCATION | ...`
public struct DirectiveDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var name: NameNode
    public var arguments: [InputValueDefinitionNode]
    public var repeatable: Bool
    public var locations: [NameNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, name: NameNode, arguments: [InputValueDefinitionNode] = [],
                repeatable: Bool = false, locations: [NameNode], loc: Location = .none) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.loc = loc
    }
}

/// The 19 places a directive may stand (spec §3.13).
public enum DirectiveLocation: String, CaseIterable, Hashable, Sendable {
    case query = "QUERY"
    case mutation = "MUTATION"
    case subscription = "SUBSCRIPTION"
    case field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION"
    case fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT"
    case variableDefinition = "VARIABLE_DEFINITION"
    case schema = "SCHEMA"
    case scalar = "SCALAR"
    case object = "OBJECT"
    case fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION"
    case interface = "INTERFACE"
    case union = "UNION"
    case enumType = "ENUM"
    case enumValue = "ENUM_VALUE"
    case inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}
