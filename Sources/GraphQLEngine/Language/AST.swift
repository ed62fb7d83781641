// The abstract syntax tree of GraphQL documents: value types that carry their byte `Location`.
// Names follow graphql-js (`FieldNode`, `OperationDefinitionNode`...) so a reader can hold the
// spec's grammar beside them. Type-system nodes live in `TypeSystemAST.swift`.

/// A name and where it stands.
public struct NameNode: Hashable, Sendable {
    public var value: String
    public var loc: Location

    public init(_ value: String, loc: Location = .none) {
        self.value = value
        self.loc = loc
    }
}

/// A whole document: executable definitions, type-system definitions and extensions.
public struct DocumentNode: Hashable, Sendable {
    public var definitions: [DefinitionNode]
    public var loc: Location

    public init(definitions: [DefinitionNode], loc: Location = .none) {
        self.definitions = definitions
        self.loc = loc
    }

    /// The operations of the document, in order.
    public var operations: [OperationDefinitionNode] {
        definitions.compactMap { if case .operation(let op) = $0 { op } else { nil } }
    }

    /// The fragments of the document, in order.
    public var fragments: [FragmentDefinitionNode] {
        definitions.compactMap { if case .fragment(let f) = $0 { f } else { nil } }
    }
}

/// One top-level definition.
public enum DefinitionNode: Hashable, Sendable {
    case operation(OperationDefinitionNode)
    case fragment(FragmentDefinitionNode)
    case typeSystem(TypeSystemDefinitionNode)
    case typeSystemExtension(TypeSystemExtensionNode)

    public var loc: Location {
        switch self {
        case .operation(let n): n.loc
        case .fragment(let n): n.loc
        case .typeSystem(let n): n.loc
        case .typeSystemExtension(let n): n.loc
        }
    }

    /// Whether the definition may appear in a request (operation or fragment).
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

/// `query`, `mutation` or `subscription`.
public enum OperationType: String, Hashable, Sendable {
    case query, mutation, subscription
}

/// An operation; a query shorthand `{ ... }` has no name and the `query` type.
public struct OperationDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var operation: OperationType
    public var name: NameNode?
    public var variableDefinitions: [VariableDefinitionNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location

    public init(description: StringValueNode? = nil, operation: OperationType, name: NameNode? = nil,
                variableDefinitions: [VariableDefinitionNode] = [], directives: [DirectiveNode] = [],
                selectionSet: SelectionSetNode, loc: Location = .none) {
        self.description = description
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `$name: Type = default @directives`
public struct VariableDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var variable: VariableNode
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [DirectiveNode]
    public var loc: Location

    public init(description: StringValueNode? = nil, variable: VariableNode, type: TypeNode,
                defaultValue: ValueNode? = nil, directives: [DirectiveNode] = [], loc: Location = .none) {
        self.description = description
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

/// `$name`
public struct VariableNode: Hashable, Sendable {
    public var name: NameNode
    public var loc: Location

    public init(name: NameNode, loc: Location = .none) {
        self.name = name
        self.loc = loc
    }
}

/// `{ selection ... }`
public struct SelectionSetNode: Hashable, Sendable {
    public var selections: [SelectionNode]
    public var loc: Location

    public init(selections: [SelectionNode], loc: Location = .none) {
        self.selections = selections
        self.loc = loc
    }
}

/// A field, a fragment spread or an inline fragment.
public enum SelectionNode: Hashable, Sendable {
    case field(FieldNode)
    case fragmentSpread(FragmentSpreadNode)
    case inlineFragment(InlineFragmentNode)

    public var loc: Location {
        switch self {
        case .field(let n): n.loc
        case .fragmentSpread(let n): n.loc
        case .inlineFragment(let n): n.loc
        }
    }

    public var directives: [DirectiveNode] {
        switch self {
        case .field(let n): n.directives
        case .fragmentSpread(let n): n.directives
        case .inlineFragment(let n): n.directives
        }
    }
}

/// `alias: name(arguments) @directives { selections }`
public struct FieldNode: Hashable, Sendable {
    public var alias: NameNode?
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode?
    public var loc: Location

    public init(alias: NameNode? = nil, name: NameNode, arguments: [ArgumentNode] = [],
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode? = nil, loc: Location = .none) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }

    /// The key of this field in the response: its alias, or its name.
    @inlinable public var responseName: String { alias?.value ?? name.value }
}

/// `name: value`, in a field's or a directive's argument list.
public struct ArgumentNode: Hashable, Sendable {
    public var name: NameNode
    public var value: ValueNode
    public var loc: Location

    public init(name: NameNode, value: ValueNode, loc: Location = .none) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

/// `...Name @directives`
public struct FragmentSpreadNode: Hashable, Sendable {
    public var name: NameNode
    public var directives: [DirectiveNode]
    public var loc: Location

    public init(name: NameNode, directives: [DirectiveNode] = [], loc: Location = .none) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

/// `... on Type @directives { selections }`; the type condition is optional.
public struct InlineFragmentNode: Hashable, Sendable {
    public var typeCondition: NamedTypeNode?
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location

    public init(typeCondition: NamedTypeNode? = nil, directives: [DirectiveNode] = [],
                selectionSet: SelectionSetNode, loc: Location = .none) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `fragment Name on Type @directives { selections }`
public struct FragmentDefinitionNode: Hashable, Sendable {
    public var description: StringValueNode?
    public var name: NameNode
    public var typeCondition: NamedTypeNode
    public var directives: [DirectiveNode]
    public var selectionSet: SelectionSetNode
    public var loc: Location

    public init(description: StringValueNode? = nil, name: NameNode, typeCondition: NamedTypeNode,
                directives: [DirectiveNode] = [], selectionSet: SelectionSetNode, loc: Location = .none) {
        self.description = description
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

/// `@name(arguments)`
public struct DirectiveNode: Hashable, Sendable {
    public var name: NameNode
    public var arguments: [ArgumentNode]
    public var loc: Location

    public init(name: NameNode, arguments: [ArgumentNode] = [], loc: Location = .none) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}

// MARK: - Values

/// A value literal. Constant contexts (default values, SDL) never hold `.variable`.
public enum ValueNode: Hashable, Sendable {
    case variable(VariableNode)
    case int(IntValueNode)
    case float(FloatValueNode)
    case string(StringValueNode)
    case boolean(BooleanValueNode)
    case null(NullValueNode)
    case enumValue(EnumValueNode)
    case list(ListValueNode)
    case object(ObjectValueNode)

    public var loc: Location {
        switch self {
        case .variable(let n): n.loc
        case .int(let n): n.loc
        case .float(let n): n.loc
        case .string(let n): n.loc
        case .boolean(let n): n.loc
        case .null(let n): n.loc
        case .enumValue(let n): n.loc
        case .list(let n): n.loc
        case .object(let n): n.loc
        }
    }
}

/// An integer literal, kept as written (`-12`); its range is checked where a type is known.
public struct IntValueNode: Hashable, Sendable {
    public var value: String
    public var loc: Location
    public init(_ value: String, loc: Location = .none) { self.value = value; self.loc = loc }
}

/// A float literal, kept as written (`1.5e3`).
public struct FloatValueNode: Hashable, Sendable {
    public var value: String
    public var loc: Location
    public init(_ value: String, loc: Location = .none) { self.value = value; self.loc = loc }
}

/// A string literal with its escapes resolved; `block` tells whether it was written `"""…"""`.
public struct StringValueNode: Hashable, Sendable {
    public var value: String
    public var block: Bool
    public var loc: Location
    public init(_ value: String, block: Bool = false, loc: Location = .none) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

/// `true` or `false`.
public struct BooleanValueNode: Hashable, Sendable {
    public var value: Bool
    public var loc: Location
    public init(_ value: Bool, loc: Location = .none) { self.value = value; self.loc = loc }
}

/// `null`.
public struct NullValueNode: Hashable, Sendable {
    public var loc: Location
    public init(loc: Location = .none) { self.loc = loc }
}

/// An enum value: a name other than `true`, `false` and `null`.
public struct EnumValueNode: Hashable, Sendable {
    public var value: String
    public var loc: Location
    public init(_ value: String, loc: Location = .none) { self.value = value; self.loc = loc }
}

/// `[value, ...]`
public struct ListValueNode: Hashable, Sendable {
    public var values: [ValueNode]
    public var loc: Location
    public init(_ values: [ValueNode], loc: Location = .none) { self.values = values; self.loc = loc }
}

/// `{name: value, ...}`
public struct ObjectValueNode: Hashable, Sendable {
    public var fields: [ObjectFieldNode]
    public var loc: Location
    public init(_ fields: [ObjectFieldNode], loc: Location = .none) { self.fields = fields; self.loc = loc }
}

/// One `name: value` of an object literal.
public struct ObjectFieldNode: Hashable, Sendable {
    public var name: NameNode
    public var value: ValueNode
    public var loc: Location
    public init(name: NameNode, value: ValueNode, loc: Location = .none) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

// MARK: - Type references

/// A type reference: `Name`, `[Type]` or `Type!`.
public enum TypeNode: Hashable, Sendable {
    case named(NamedTypeNode)
    indirect case list(ListTypeNode)
    indirect case nonNull(NonNullTypeNode)

    public var loc: Location {
        switch self {
        case .named(let n): n.loc
        case .list(let n): n.loc
        case .nonNull(let n): n.loc
        }
    }

    /// The named type at the bottom of the wrappers.
    public var namedType: NamedTypeNode {
        switch self {
        case .named(let n): n
        case .list(let n): n.type.namedType
        case .nonNull(let n): n.type.namedType
        }
    }
}

/// A type named in a document.
public struct NamedTypeNode: Hashable, Sendable {
    public var name: NameNode
    public var loc: Location
    public init(name: NameNode, loc: Location = .none) { self.name = name; self.loc = loc }
}

/// `[Type]`
public struct ListTypeNode: Hashable, Sendable {
    public var type: TypeNode
    public var loc: Location
    public init(type: TypeNode, loc: Location = .none) { self.type = type; self.loc = loc }
}

/// `Type!`; the inner type is never itself non-null.
public struct NonNullTypeNode: Hashable, Sendable {
    public var type: TypeNode
    public var loc: Location
    public init(type: TypeNode, loc: Location = .none) { self.type = type; self.loc = loc }
}
