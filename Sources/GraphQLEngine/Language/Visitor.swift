// A depth-first walk over a document that calls a visitor on entering and leaving each node, in
// document order. Validation rules, variable collectors and complexity limits are visitors.
//
// Names and descriptions are not visited as nodes of their own: read them from their owner
// (`field.name.value`, `definition.description`), so a visitor of string values sees only values.

/// A node of the AST, as the visitor sees it: its kind and its value.
///
/// Type definitions of every kind share `typeDefinition` (their `kind` tells which), and an
/// `extend` form is told apart by its case (`typeExtension`, `schemaExtension`).
public enum ASTNode: Hashable, Sendable {
    case document(DocumentNode)
    case operationDefinition(OperationDefinitionNode)
    case variableDefinition(VariableDefinitionNode)
    case variable(VariableNode)
    case selectionSet(SelectionSetNode)
    case field(FieldNode)
    case argument(ArgumentNode)
    case fragmentSpread(FragmentSpreadNode)
    case inlineFragment(InlineFragmentNode)
    case fragmentDefinition(FragmentDefinitionNode)
    case intValue(IntValueNode)
    case floatValue(FloatValueNode)
    case stringValue(StringValueNode)
    case booleanValue(BooleanValueNode)
    case nullValue(NullValueNode)
    case enumValue(EnumValueNode)
    case listValue(ListValueNode)
    case objectValue(ObjectValueNode)
    case objectField(ObjectFieldNode)
    case directive(DirectiveNode)
    case namedType(NamedTypeNode)
    case listType(ListTypeNode)
    case nonNullType(NonNullTypeNode)
    case schemaDefinition(SchemaDefinitionNode)
    case schemaExtension(SchemaDefinitionNode)
    case operationTypeDefinition(OperationTypeDefinitionNode)
    case typeDefinition(TypeDefinitionNode)
    case typeExtension(TypeDefinitionNode)
    case fieldDefinition(FieldDefinitionNode)
    case inputValueDefinition(InputValueDefinitionNode)
    case enumValueDefinition(EnumValueDefinitionNode)
    case directiveDefinition(DirectiveDefinitionNode)

    /// The node's kind, without its value.
    public var kind: ASTNodeKind {
        switch self {
        case .document: .document
        case .operationDefinition: .operationDefinition
        case .variableDefinition: .variableDefinition
        case .variable: .variable
        case .selectionSet: .selectionSet
        case .field: .field
        case .argument: .argument
        case .fragmentSpread: .fragmentSpread
        case .inlineFragment: .inlineFragment
        case .fragmentDefinition: .fragmentDefinition
        case .intValue: .intValue
        case .floatValue: .floatValue
        case .stringValue: .stringValue
        case .booleanValue: .booleanValue
        case .nullValue: .nullValue
        case .enumValue: .enumValue
        case .listValue: .listValue
        case .objectValue: .objectValue
        case .objectField: .objectField
        case .directive: .directive
        case .namedType: .namedType
        case .listType: .listType
        case .nonNullType: .nonNullType
        case .schemaDefinition: .schemaDefinition
        case .schemaExtension: .schemaExtension
        case .operationTypeDefinition: .operationTypeDefinition
        case .typeDefinition: .typeDefinition
        case .typeExtension: .typeExtension
        case .fieldDefinition: .fieldDefinition
        case .inputValueDefinition: .inputValueDefinition
        case .enumValueDefinition: .enumValueDefinition
        case .directiveDefinition: .directiveDefinition
        }
    }

    /// Where the node stands in its source (`.none` when parsed without locations).
    public var loc: Location {
        switch self {
        case .document(let n): n.loc
        case .operationDefinition(let n): n.loc
        case .variableDefinition(let n): n.loc
        case .variable(let n): n.loc
        case .selectionSet(let n): n.loc
        case .field(let n): n.loc
        case .argument(let n): n.loc
        case .fragmentSpread(let n): n.loc
        case .inlineFragment(let n): n.loc
        case .fragmentDefinition(let n): n.loc
        case .intValue(let n): n.loc
        case .floatValue(let n): n.loc
        case .stringValue(let n): n.loc
        case .booleanValue(let n): n.loc
        case .nullValue(let n): n.loc
        case .enumValue(let n): n.loc
        case .listValue(let n): n.loc
        case .objectValue(let n): n.loc
        case .objectField(let n): n.loc
        case .directive(let n): n.loc
        case .namedType(let n): n.loc
        case .listType(let n): n.loc
        case .nonNullType(let n): n.loc
        case .schemaDefinition(let n): n.loc
        case .schemaExtension(let n): n.loc
        case .operationTypeDefinition(let n): n.loc
        case .typeDefinition(let n): n.loc
        case .typeExtension(let n): n.loc
        case .fieldDefinition(let n): n.loc
        case .inputValueDefinition(let n): n.loc
        case .enumValueDefinition(let n): n.loc
        case .directiveDefinition(let n): n.loc
        }
    }
}

/// The kinds of ``ASTNode``, named after graphql-js's `Kind` where one exists.
public enum ASTNodeKind: String, CaseIterable, Hashable, Sendable {
    case document = "Document"
    case operationDefinition = "OperationDefinition"
    case variableDefinition = "VariableDefinition"
    case variable = "Variable"
    case selectionSet = "SelectionSet"
    case field = "Field"
    case argument = "Argument"
    case fragmentSpread = "FragmentSpread"
    case inlineFragment = "InlineFragment"
    case fragmentDefinition = "FragmentDefinition"
    case intValue = "IntValue"
    case floatValue = "FloatValue"
    case stringValue = "StringValue"
    case booleanValue = "BooleanValue"
    case nullValue = "NullValue"
    case enumValue = "EnumValue"
    case listValue = "ListValue"
    case objectValue = "ObjectValue"
    case objectField = "ObjectField"
    case directive = "Directive"
    case namedType = "NamedType"
    case listType = "ListType"
    case nonNullType = "NonNullType"
    case schemaDefinition = "SchemaDefinition"
    case schemaExtension = "SchemaExtension"
    case operationTypeDefinition = "OperationTypeDefinition"
    case typeDefinition = "TypeDefinition"
    case typeExtension = "TypeExtension"
    case fieldDefinition = "FieldDefinition"
    case inputValueDefinition = "InputValueDefinition"
    case enumValueDefinition = "EnumValueDefinition"
    case directiveDefinition = "DirectiveDefinition"
}

/// What a visitor wants after entering a node.
public enum VisitAction: Sendable {
    /// Visit the node's children, then leave it.
    case `continue`
    /// Do not visit the node's children; leave it at once.
    case skipChildren
    /// End the walk now: nothing more is entered or left, this node included.
    case stop
}

/// Receives each node of a walk: `enter` before the node's children, `leave` after them.
///
/// Both have default implementations (continue; do nothing), so a visitor implements only what it
/// needs. A node whose `enter` returned `.skipChildren` is still left, so `enter` and `leave` pair
/// up like a stack; after `.stop` nothing is called again.
///
/// ```swift
/// /// Collects the names of the variables a document uses.
/// struct VariableUses: ASTVisitor {
///     var names: [String] = []
///
///     mutating func enter(_ node: ASTNode) -> VisitAction {
///         switch node {
///         case .variableDefinition: return .skipChildren // a definition, not a use
///         case .variable(let v): names.append(v.name.value)
///         default: break
///         }
///         return .continue
///     }
/// }
///
/// var uses = VariableUses()
/// walk(try Parser.parse("query ($a: Int) { f(x: $a, y: [$b]) }"), &uses)
/// // uses.names == ["a", "b"]
/// ```
public protocol ASTVisitor {
    mutating func enter(_ node: ASTNode) -> VisitAction
    mutating func leave(_ node: ASTNode)
}

extension ASTVisitor {
    public mutating func enter(_ node: ASTNode) -> VisitAction { .continue }
    public mutating func leave(_ node: ASTNode) {}
}

/// Walks a whole document depth-first in document order, calling `visitor.enter` on each node
/// before its children and `visitor.leave` after them.
///
/// Children are visited in the order they are written: an operation's variable definitions,
/// directives, then selection set; a field's arguments, directives, then selection set; a field
/// definition's arguments, type, then directives; a type definition's interfaces, directives, then
/// its fields, union members, enum values or input fields.
@inlinable
public func walk<V: ASTVisitor>(_ document: DocumentNode, _ visitor: inout V) {
    _ = ASTWalk.document(document, &visitor)
}

/// Walks the subtree of any node, in the same order as a whole document is walked.
@inlinable
public func walk<V: ASTVisitor>(_ node: ASTNode, _ visitor: inout V) {
    _ = ASTWalk.node(node, &visitor)
}

/// The walk itself: one function per node type. Each returns `false` once the visitor has asked to
/// stop, and its caller returns at once. Inlinable so that a visitor in another module gets a walk
/// specialized for it (about twice as fast as the generic one).
@usableFromInline
enum ASTWalk {
    /// Enters `node`; unless told otherwise visits its children, then leaves it.
    @inlinable @inline(__always)
    static func visit<V: ASTVisitor>(_ node: ASTNode, _ v: inout V,
                                             _ children: (inout V) -> Bool) -> Bool {
        switch v.enter(node) {
        case .stop: return false
        case .skipChildren: break
        case .continue: if !children(&v) { return false }
        }
        v.leave(node)
        return true
    }

    @inlinable static func node<V: ASTVisitor>(_ node: ASTNode, _ v: inout V) -> Bool {
        switch node {
        case .document(let n): document(n, &v)
        case .operationDefinition(let n): operation(n, &v)
        case .variableDefinition(let n): variableDefinition(n, &v)
        case .variable(let n): variable(n, &v)
        case .selectionSet(let n): selectionSet(n, &v)
        case .field(let n): field(n, &v)
        case .argument(let n): argument(n, &v)
        case .fragmentSpread(let n): fragmentSpread(n, &v)
        case .inlineFragment(let n): inlineFragment(n, &v)
        case .fragmentDefinition(let n): fragmentDefinition(n, &v)
        case .intValue(let n): value(.int(n), &v)
        case .floatValue(let n): value(.float(n), &v)
        case .stringValue(let n): value(.string(n), &v)
        case .booleanValue(let n): value(.boolean(n), &v)
        case .nullValue(let n): value(.null(n), &v)
        case .enumValue(let n): value(.enumValue(n), &v)
        case .listValue(let n): value(.list(n), &v)
        case .objectValue(let n): value(.object(n), &v)
        case .objectField(let n): objectField(n, &v)
        case .directive(let n): directive(n, &v)
        case .namedType(let n): namedType(n, &v)
        case .listType(let n): type(.list(n), &v)
        case .nonNullType(let n): type(.nonNull(n), &v)
        case .schemaDefinition(let n): schema(n, isExtension: false, &v)
        case .schemaExtension(let n): schema(n, isExtension: true, &v)
        case .operationTypeDefinition(let n): operationTypeDefinition(n, &v)
        case .typeDefinition(let n): typeDefinition(n, isExtension: false, &v)
        case .typeExtension(let n): typeDefinition(n, isExtension: true, &v)
        case .fieldDefinition(let n): fieldDefinition(n, &v)
        case .inputValueDefinition(let n): inputValueDefinition(n, &v)
        case .enumValueDefinition(let n): enumValueDefinition(n, &v)
        case .directiveDefinition(let n): directiveDefinition(n, &v)
        }
    }

    // MARK: Executable
    // Children are walked with plain loops: `for x in xs where !walk(x, &v) { return false }` stops
    // at the first `false`.

    @inlinable static func document<V: ASTVisitor>(_ n: DocumentNode, _ v: inout V) -> Bool {
        visit(.document(n), &v) { v in
            for d in n.definitions where !definition(d, &v) { return false }
            return true
        }
    }

    @inlinable static func definition<V: ASTVisitor>(_ n: DefinitionNode, _ v: inout V) -> Bool {
        switch n {
        case .operation(let d): operation(d, &v)
        case .fragment(let d): fragmentDefinition(d, &v)
        case .typeSystem(.schema(let d)): schema(d, isExtension: false, &v)
        case .typeSystem(.type(let d)): typeDefinition(d, isExtension: false, &v)
        case .typeSystem(.directive(let d)): directiveDefinition(d, &v)
        case .typeSystemExtension(.schema(let d)): schema(d, isExtension: true, &v)
        case .typeSystemExtension(.type(let d)): typeDefinition(d, isExtension: true, &v)
        }
    }

    @inlinable static func operation<V: ASTVisitor>(_ n: OperationDefinitionNode, _ v: inout V) -> Bool {
        visit(.operationDefinition(n), &v) { v in
            for d in n.variableDefinitions where !variableDefinition(d, &v) { return false }
            return directives(n.directives, &v) && selectionSet(n.selectionSet, &v)
        }
    }

    @inlinable static func variableDefinition<V: ASTVisitor>(_ n: VariableDefinitionNode, _ v: inout V) -> Bool {
        visit(.variableDefinition(n), &v) { v in
            guard variable(n.variable, &v), type(n.type, &v) else { return false }
            if let d = n.defaultValue, !value(d, &v) { return false }
            return directives(n.directives, &v)
        }
    }

    @inlinable static func variable<V: ASTVisitor>(_ n: VariableNode, _ v: inout V) -> Bool {
        visit(.variable(n), &v) { _ in true }
    }

    @inlinable static func selectionSet<V: ASTVisitor>(_ n: SelectionSetNode, _ v: inout V) -> Bool {
        visit(.selectionSet(n), &v) { v in
            for s in n.selections where !selection(s, &v) { return false }
            return true
        }
    }

    @inlinable static func selection<V: ASTVisitor>(_ n: SelectionNode, _ v: inout V) -> Bool {
        switch n {
        case .field(let s): field(s, &v)
        case .fragmentSpread(let s): fragmentSpread(s, &v)
        case .inlineFragment(let s): inlineFragment(s, &v)
        }
    }

    @inlinable static func field<V: ASTVisitor>(_ n: FieldNode, _ v: inout V) -> Bool {
        visit(.field(n), &v) { v in
            guard arguments(n.arguments, &v), directives(n.directives, &v) else { return false }
            if let s = n.selectionSet { return selectionSet(s, &v) }
            return true
        }
    }

    @inlinable static func arguments<V: ASTVisitor>(_ arguments: [ArgumentNode], _ v: inout V) -> Bool {
        for a in arguments where !argument(a, &v) { return false }
        return true
    }

    @inlinable static func argument<V: ASTVisitor>(_ n: ArgumentNode, _ v: inout V) -> Bool {
        visit(.argument(n), &v) { v in value(n.value, &v) }
    }

    @inlinable static func fragmentSpread<V: ASTVisitor>(_ n: FragmentSpreadNode, _ v: inout V) -> Bool {
        visit(.fragmentSpread(n), &v) { v in directives(n.directives, &v) }
    }

    @inlinable static func inlineFragment<V: ASTVisitor>(_ n: InlineFragmentNode, _ v: inout V) -> Bool {
        visit(.inlineFragment(n), &v) { v in
            if let t = n.typeCondition, !namedType(t, &v) { return false }
            return directives(n.directives, &v) && selectionSet(n.selectionSet, &v)
        }
    }

    @inlinable static func fragmentDefinition<V: ASTVisitor>(_ n: FragmentDefinitionNode, _ v: inout V) -> Bool {
        visit(.fragmentDefinition(n), &v) { v in
            guard namedType(n.typeCondition, &v), directives(n.directives, &v) else { return false }
            return selectionSet(n.selectionSet, &v)
        }
    }

    @inlinable static func directives<V: ASTVisitor>(_ directives: [DirectiveNode], _ v: inout V) -> Bool {
        for d in directives where !directive(d, &v) { return false }
        return true
    }

    @inlinable static func directive<V: ASTVisitor>(_ n: DirectiveNode, _ v: inout V) -> Bool {
        visit(.directive(n), &v) { v in arguments(n.arguments, &v) }
    }

    // MARK: Values and types

    @inlinable static func value<V: ASTVisitor>(_ n: ValueNode, _ v: inout V) -> Bool {
        switch n {
        case .variable(let x): variable(x, &v)
        case .int(let x): visit(.intValue(x), &v) { _ in true }
        case .float(let x): visit(.floatValue(x), &v) { _ in true }
        case .string(let x): visit(.stringValue(x), &v) { _ in true }
        case .boolean(let x): visit(.booleanValue(x), &v) { _ in true }
        case .null(let x): visit(.nullValue(x), &v) { _ in true }
        case .enumValue(let x): visit(.enumValue(x), &v) { _ in true }
        case .list(let x):
            visit(.listValue(x), &v) { v in
                for item in x.values where !value(item, &v) { return false }
                return true
            }
        case .object(let x):
            visit(.objectValue(x), &v) { v in
                for f in x.fields where !objectField(f, &v) { return false }
                return true
            }
        }
    }

    @inlinable static func objectField<V: ASTVisitor>(_ n: ObjectFieldNode, _ v: inout V) -> Bool {
        visit(.objectField(n), &v) { v in value(n.value, &v) }
    }

    @inlinable static func type<V: ASTVisitor>(_ n: TypeNode, _ v: inout V) -> Bool {
        switch n {
        case .named(let t): namedType(t, &v)
        case .list(let t): visit(.listType(t), &v) { v in type(t.type, &v) }
        case .nonNull(let t): visit(.nonNullType(t), &v) { v in type(t.type, &v) }
        }
    }

    @inlinable static func namedType<V: ASTVisitor>(_ n: NamedTypeNode, _ v: inout V) -> Bool {
        visit(.namedType(n), &v) { _ in true }
    }

    // MARK: Type system

    @inlinable static func schema<V: ASTVisitor>(_ n: SchemaDefinitionNode, isExtension: Bool, _ v: inout V) -> Bool {
        visit(isExtension ? .schemaExtension(n) : .schemaDefinition(n), &v) { v in
            guard directives(n.directives, &v) else { return false }
            for o in n.operationTypes where !operationTypeDefinition(o, &v) { return false }
            return true
        }
    }

    @inlinable static func operationTypeDefinition<V: ASTVisitor>(_ n: OperationTypeDefinitionNode, _ v: inout V) -> Bool {
        visit(.operationTypeDefinition(n), &v) { v in namedType(n.type, &v) }
    }

    /// Members in document order; those a kind does not use are empty.
    @inlinable static func typeDefinition<V: ASTVisitor>(_ n: TypeDefinitionNode, isExtension: Bool, _ v: inout V) -> Bool {
        visit(isExtension ? .typeExtension(n) : .typeDefinition(n), &v) { v in
            for t in n.interfaces where !namedType(t, &v) { return false }
            guard directives(n.directives, &v) else { return false }
            for f in n.fields where !fieldDefinition(f, &v) { return false }
            for t in n.types where !namedType(t, &v) { return false }
            for e in n.values where !enumValueDefinition(e, &v) { return false }
            return inputValueDefinitions(n.inputFields, &v)
        }
    }

    @inlinable static func fieldDefinition<V: ASTVisitor>(_ n: FieldDefinitionNode, _ v: inout V) -> Bool {
        visit(.fieldDefinition(n), &v) { v in
            inputValueDefinitions(n.arguments, &v) && type(n.type, &v) && directives(n.directives, &v)
        }
    }

    @inlinable static func inputValueDefinitions<V: ASTVisitor>(_ definitions: [InputValueDefinitionNode], _ v: inout V) -> Bool {
        for d in definitions where !inputValueDefinition(d, &v) { return false }
        return true
    }

    @inlinable static func inputValueDefinition<V: ASTVisitor>(_ n: InputValueDefinitionNode, _ v: inout V) -> Bool {
        visit(.inputValueDefinition(n), &v) { v in
            guard type(n.type, &v) else { return false }
            if let d = n.defaultValue, !value(d, &v) { return false }
            return directives(n.directives, &v)
        }
    }

    @inlinable static func enumValueDefinition<V: ASTVisitor>(_ n: EnumValueDefinitionNode, _ v: inout V) -> Bool {
        visit(.enumValueDefinition(n), &v) { v in directives(n.directives, &v) }
    }

    @inlinable static func directiveDefinition<V: ASTVisitor>(_ n: DirectiveDefinitionNode, _ v: inout V) -> Bool {
        visit(.directiveDefinition(n), &v) { v in inputValueDefinitions(n.arguments, &v) }
    }
}
