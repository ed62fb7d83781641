/// All Variable Usages Are Allowed (spec §5.8.5): each variable is used only where its type fits —
/// the same type, or a stricter one (non-null where nullable is expected, list items likewise).
/// A nullable variable may stand in a non-null position only when the variable has a non-null
/// default or the argument or input field it is given to has a default (IsVariableUsageAllowed,
/// graphql-js's `allowedVariableUsage`). Checked when the operation is left, over every fragment
/// it reaches; undefined variables are left to `NoUndefinedVariablesRule`.
final class VariablesInAllowedPositionRule: ValidationRule {
    /// The current operation's variable definitions with their schema types (nil when unknown),
    /// resolved once per definition rather than once per use.
    private var definitions: [(node: VariableDefinitionNode, type: GraphQLType?)] = []

    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .operationDefinition:
            definitions.removeAll(keepingCapacity: true)
        case .variableDefinition(let definition):
            definitions.append((definition, context.schema.type(from: definition.type)))
        default:
            break
        }
    }

    func leave(_ node: ASTNode, _ context: ValidationContext) {
        guard case .operationDefinition(let op) = node, !definitions.isEmpty else { return }
        for usage in context.recursiveVariableUsages(op) {
            guard let locationType = usage.type else { continue }
            let name = usage.node.name.value
            guard let definition = definitions.last(where: { $0.node.variable.name.value == name }),
                  let variableType = definition.type else { continue }
            if isAllowed(variableType, default: definition.node.defaultValue, in: locationType,
                         locationDefault: usage.defaultValue, context.schema) { continue }
            context.report("Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type \"\(locationType)\".",
                           definition.node.loc, usage.node.loc)
        }
    }

    /// IsVariableUsageAllowed: a nullable variable fits a non-null position only with a non-null
    /// default of its own or a default at the position, and then as the position's nullable type.
    private func isAllowed(_ variableType: GraphQLType, default variableDefault: ValueNode?,
                           in locationType: GraphQLType, locationDefault: ValueNode?, _ schema: Schema) -> Bool {
        if case .nonNull(let nullableLocationType) = locationType, !variableType.isNonNull {
            let hasNonNullVariableDefault = switch variableDefault {
            case nil, .null?: false
            default: true
            }
            guard hasNonNullVariableDefault || locationDefault != nil else { return false }
            return schema.isTypeSubType(variableType, of: nullableLocationType)
        }
        return schema.isTypeSubType(variableType, of: locationType)
    }
}
