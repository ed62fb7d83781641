/// Values of Correct Type (spec §5.6.1), with Input Object Field Names (§5.6.2) and Input Object
/// Required Fields (§5.6.4): every literal given to an argument or as a variable's default fits the
/// input type expected there. Scalars judge their literals through `ScalarCoercion.parseLiteral`;
/// enums name one of their values; input objects give only known fields, every required one, and
/// — for a OneOf Input Object — exactly one, non-null, not through a nullable variable; lists
/// check each item, and a single item stands for a list. Messages are graphql-js's (v16).
///
/// Each value is checked as a whole when its argument or variable definition is entered, walking
/// the literal beside its type as `TypeInfo` would; the visitor's own value nodes are not used, so
/// checking a literal allocates nothing unless it is wrong.
final class ValuesOfCorrectTypeRule: ValidationRule {
    /// The variables of the operation most recently entered, for the OneOf variable check. As in
    /// graphql-js, a fragment's values are checked against the operation before it.
    private var variableDefinitions: [VariableDefinitionNode] = []

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .operationDefinition(let op):
            variableDefinitions = op.variableDefinitions
        case .variableDefinition(let definition):
            if let value = definition.defaultValue, let type = context.typeInfo.inputType {
                check(value, type, context)
            }
        case .argument(let argument):
            if let type = context.typeInfo.inputType {
                check(argument.value, type, context)
            }
        default:
            break
        }
    }

    /// Checks `value` where `type` is expected (graphql-js's visit of a value with `TypeInfo`).
    private func check(_ value: ValueNode, _ type: GraphQLType, _ context: ValidationContext) {
        switch value {
        case .variable:
            return
        case .null(let null):
            if type.isNonNull {
                context.report("Expected value of type \"\(type)\", found null.", null.loc)
            }
        case .list(let list):
            // Like TypeInfo, a list's items take the item type of a list position, and the position's
            // own (nullable) type otherwise — where the list itself is then the wrong value.
            if case .list(let itemType) = type.nullable {
                for item in list.values { check(item, itemType, context) }
            } else {
                checkLeaf(value, type.nullable, context)
            }
        case .object(let object):
            guard let inputObject = type.namedType as? InputObjectType else {
                checkLeaf(value, type, context)
                return
            }
            check(object, inputObject, context)
        case .int, .float, .string, .boolean, .enumValue:
            checkLeaf(value, type, context)
        }
    }

    private func check(_ object: ObjectValueNode, _ type: InputObjectType, _ context: ValidationContext) {
        for field in type.fields.elements where field.isRequired {
            if object.fields.contains(where: { $0.name.value == field.name }) { continue }
            context.report("Field \"\(type.name).\(field.name)\" of required type \"\(field.type)\" was not provided.",
                           object.loc)
        }
        if type.isOneOf {
            checkOneOf(object, type, context)
        }
        for field in object.fields {
            guard let definition = type.fields[field.name.value] else {
                let suggestions = suggestionList(field.name.value, options: type.fields.elements.map(\.name))
                context.report("Field \"\(field.name.value)\" is not defined by type \"\(type.name)\"."
                               + didYouMean(suggestions), field.loc)
                continue
            }
            check(field.value, definition.type, context)
        }
    }

    /// A OneOf Input Object literal names exactly one field, whose value is neither null nor a
    /// nullable variable. A repeated name counts once and its last value stands, as in graphql-js.
    private func checkOneOf(_ object: ObjectValueNode, _ type: InputObjectType, _ context: ValidationContext) {
        guard let first = object.fields.first,
              object.fields.allSatisfy({ $0.name.value == first.name.value }) else {
            context.report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", object.loc)
            return
        }
        let key = first.name.value
        switch object.fields[object.fields.count - 1].value {
        case .null:
            context.report("Field \"\(type.name).\(key)\" must be non-null.", object.loc)
        case .variable(let variable):
            let name = variable.name.value
            guard let definition = variableDefinitions.last(where: { $0.variable.name.value == name }) else { return }
            if case .nonNull = definition.type { return }
            context.report("Variable \"$\(name)\" must be non-nullable to be used for OneOf Input Object \"\(type.name)\".",
                           object.loc)
        default:
            break
        }
    }

    /// A literal where a scalar or enum is expected (graphql-js's `isValidValueNode`); `type` is the
    /// full type of the position, as messages show it.
    private func checkLeaf(_ value: ValueNode, _ type: GraphQLType, _ context: ValidationContext) {
        let named = type.namedType
        switch named.kind {
        case .enumType:
            checkEnum(value, unsafeDowncast(named, to: EnumType.self), context)
        case .scalar:
            let scalar = unsafeDowncast(named, to: ScalarType.self)
            if Self.builtInAccepts(scalar, value) { return }
            do {
                _ = try scalar.coercion.parseLiteral(value)
            } catch {
                // Variables are not known yet: a custom scalar cannot judge a literal holding one.
                if !scalar.isBuiltIn && Self.containsVariable(value) { return }
                context.report("Expected value of type \"\(type)\", found \(Printer.print(value)); \(error.message)",
                               value.loc)
            }
        default:
            context.report("Expected value of type \"\(type)\", found \(Printer.print(value)).", value.loc)
        }
    }

    /// An enum accepts only the name of one of its values (graphql-js's `GraphQLEnumType.parseLiteral`).
    private func checkEnum(_ value: ValueNode, _ type: EnumType, _ context: ValidationContext) {
        if case .enumValue(let enumValue) = value, type.values[enumValue.value] != nil { return }
        let printed = Printer.print(value)
        let suggestions = didYouMean(suggestionList(printed, options: type.values.elements.map(\.name)),
                                     subMessage: "the enum value")
        if case .enumValue = value {
            context.report("Value \"\(printed)\" does not exist in \"\(type.name)\" enum." + suggestions, value.loc)
        } else {
            context.report("Enum \"\(type.name)\" cannot represent non-enum value: \(printed)." + suggestions, value.loc)
        }
    }

    /// Whether a built-in scalar plainly accepts `value`, so `parseLiteral` (which builds a result)
    /// need not run: only literals its coercion rules (spec §3.5) accept as they stand. Anything
    /// else goes to `parseLiteral`, which gives the verdict and the message.
    private static func builtInAccepts(_ scalar: ScalarType, _ value: ValueNode) -> Bool {
        switch (scalar.name, value) {
        case ("String", .string), ("Boolean", .boolean), ("ID", .string), ("ID", .int): true
        case ("Int", .int(let n)): Int32(n.value) != nil
        case ("Float", .int(let n)): Double(n.value) != nil
        case ("Float", .float(let n)): Double(n.value)?.isFinite ?? false
        default: false
        }
    }

    private static func containsVariable(_ value: ValueNode) -> Bool {
        switch value {
        case .variable: true
        case .list(let list): list.values.contains(where: containsVariable)
        case .object(let object): object.fields.contains(where: { containsVariable($0.value) })
        default: false
        }
    }
}
