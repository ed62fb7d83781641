/// Fragments On Object, Interface or Union Types (spec §5.5.1.3): a fragment's type condition, when
/// it names a known type, names a composite type. Unknown types are left to `KnownTypeNamesRule`.
final class FragmentsOnCompositeTypesRule: ValidationRule {
    func enter(_ node: ASTNode, _ context: ValidationContext) {
        switch node {
        case .inlineFragment(let fragment):
            guard let condition = fragment.typeCondition, Self.isNonComposite(condition, context) else { return }
            context.report("Fragment cannot condition on non composite type \"\(condition.name.value)\".", condition.loc)
        case .fragmentDefinition(let fragment):
            let condition = fragment.typeCondition
            guard Self.isNonComposite(condition, context) else { return }
            context.report("Fragment \"\(fragment.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
                           condition.loc)
        default:
            break
        }
    }

    private static func isNonComposite(_ condition: NamedTypeNode, _ context: ValidationContext) -> Bool {
        guard let type = context.schema.type(named: condition.name.value) else { return false }
        return !type.isComposite
    }
}
