/// Tracks, during a walk of an executable document, the schema types at the current position:
/// the parent composite type, the field and its type, the expected input type of an argument or
/// value, and the directive, argument or enum value being visited (graphql-js's `TypeInfo`).
///
/// Call ``enter(_:)`` before a visitor sees a node and ``leave(_:)`` after.
public struct TypeInfo {
    public let schema: Schema
    private var typeStack: [GraphQLType?] = []
    private var parentTypeStack: [GraphQLNamedType?] = []
    private var inputTypeStack: [GraphQLType?] = []
    private var fieldDefStack: [GraphQLField?] = []
    private var defaultValueStack: [ValueNode?] = []
    public private(set) var directive: GraphQLDirective?
    public private(set) var argument: GraphQLInputValue?
    public private(set) var enumValue: GraphQLEnumValue?

    public init(schema: Schema) {
        self.schema = schema
    }

    /// The output type at the current position (the current field's type, or the type a fragment
    /// or operation applies to).
    public var type: GraphQLType? { typeStack.last ?? nil }
    /// The composite type whose selection set is being visited.
    public var parentType: GraphQLNamedType? { parentTypeStack.last ?? nil }
    /// The type an argument, variable definition or value is expected to have.
    public var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The input type enclosing the current one (the list or input object a value stands in).
    public var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    /// The definition of the field being visited.
    public var fieldDef: GraphQLField? { fieldDefStack.last ?? nil }
    /// The default value of the argument or input field whose value is being visited.
    public var defaultValue: ValueNode? { defaultValueStack.last ?? nil }

    public mutating func enter(_ node: ASTNode) {
        switch node {
        case .selectionSet:
            let named = type?.namedType
            parentTypeStack.append(named?.isComposite == true ? named : nil)
        case .field(let field):
            let def = parentType.flatMap { schema.fieldDefinition($0, field.name.value) }
            fieldDefStack.append(def)
            typeStack.append(def?.type)
        case .directive(let d):
            directive = schema.directive(named: d.name.value)
        case .operationDefinition(let op):
            typeStack.append(schema.rootType(for: op.operation).map(GraphQLType.named))
        case .inlineFragment(let fragment):
            if let condition = fragment.typeCondition {
                let t = schema.type(named: condition.name.value)
                typeStack.append(t?.isOutputType == true ? .named(t!) : nil)
            } else {
                typeStack.append(type.map { .named($0.namedType) })
            }
        case .fragmentDefinition(let fragment):
            let t = schema.type(named: fragment.typeCondition.name.value)
            typeStack.append(t?.isOutputType == true ? .named(t!) : nil)
        case .variableDefinition(let def):
            let t = schema.type(from: def.type)
            inputTypeStack.append(t?.isInputType == true ? t : nil)
        case .argument(let arg):
            let def = directive?.arguments[arg.name.value] ?? (directive == nil ? fieldDef?.arguments[arg.name.value] : nil)
            argument = def
            defaultValueStack.append(def?.defaultValue)
            inputTypeStack.append(def?.type.isInputType == true ? def?.type : nil)
        case .listValue:
            let listType = inputType?.nullable
            var itemType: GraphQLType? = listType
            if case .list(let inner)? = listType { itemType = inner }
            defaultValueStack.append(nil)
            inputTypeStack.append(itemType?.isInputType == true ? itemType : nil)
        case .objectField(let objectField):
            var fieldType: GraphQLType? = nil
            var fieldDefault: ValueNode? = nil
            if let object = inputType?.namedType as? InputObjectType, let def = object.fields[objectField.name.value] {
                fieldType = def.type
                fieldDefault = def.defaultValue
            }
            defaultValueStack.append(fieldDefault)
            inputTypeStack.append(fieldType?.isInputType == true ? fieldType : nil)
        case .enumValue(let value):
            enumValue = (inputType?.namedType as? EnumType)?.values[value.value]
        default:
            break
        }
    }

    public mutating func leave(_ node: ASTNode) {
        switch node {
        case .selectionSet:
            parentTypeStack.removeLast()
        case .field:
            fieldDefStack.removeLast()
            typeStack.removeLast()
        case .directive:
            directive = nil
        case .operationDefinition, .inlineFragment, .fragmentDefinition:
            typeStack.removeLast()
        case .variableDefinition:
            inputTypeStack.removeLast()
        case .argument:
            argument = nil
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        case .listValue, .objectField:
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        case .enumValue:
            enumValue = nil
        default:
            break
        }
    }
}

extension Schema {
    /// The schema type a type reference of a document names, or nil when its named type is unknown.
    public func type(from node: TypeNode) -> GraphQLType? {
        switch node {
        case .named(let n): type(named: n.name.value).map(GraphQLType.named)
        case .list(let l): type(from: l.type).map(GraphQLType.list)
        case .nonNull(let n): type(from: n.type).map(GraphQLType.nonNull)
        }
    }
}
